-- Handovers (R9, R12): the LS/RNR assessment and action-plan priorities in plain Danish, drafted by
-- prison staff, approved and sent by an LS/RNR-certified user, signed (JWS), acknowledged by the
-- municipality. `document` is the exact canonical JSON that was (or will be) signed.
CREATE TABLE handover (
    id                    uuid        PRIMARY KEY,
    inmate_id             uuid        NOT NULL REFERENCES inmate (id),
    status                text        NOT NULL CHECK (status IN ('draft', 'sent', 'superseded')),
    document              text        NOT NULL,
    supersedes            uuid        REFERENCES handover (id),
    superseded_by         uuid        REFERENCES handover (id),
    drafted_by            text        NOT NULL,
    drafted_at            timestamptz NOT NULL,
    approved_by           text,
    sent_at               timestamptz,
    signature             text,
    acknowledged_at       timestamptz,
    acknowledged_by       text,
    CHECK ((status = 'draft') = (signature IS NULL))
);
CREATE INDEX handover_by_inmate ON handover (inmate_id, drafted_at DESC);

-- Once sent, a handover never changes: only its acknowledgement and the pointer to the handover
-- that supersedes it may be set, once. Enforced here so no code path can alter what was signed.
CREATE FUNCTION handover_sent_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'draft' AND (NEW.document IS DISTINCT FROM OLD.document
            OR NEW.signature IS DISTINCT FROM OLD.signature OR NEW.sent_at IS DISTINCT FROM OLD.sent_at
            OR NEW.approved_by IS DISTINCT FROM OLD.approved_by OR NEW.inmate_id IS DISTINCT FROM OLD.inmate_id
            OR (OLD.acknowledged_at IS NOT NULL AND NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at)
            OR (OLD.superseded_by IS NOT NULL AND NEW.superseded_by IS DISTINCT FROM OLD.superseded_by)
            OR (NEW.status = 'draft')) THEN
        RAISE EXCEPTION 'a sent handover is immutable' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER handover_immutable BEFORE UPDATE ON handover
    FOR EACH ROW EXECUTE FUNCTION handover_sent_is_immutable();
CREATE TRIGGER handover_no_delete BEFORE DELETE ON handover
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check
    CHECK (action IN ('create', 'read', 'update', 'search', 'history', 'lookup', 'fulfil', 'delete', 'approve', 'acknowledge'));
