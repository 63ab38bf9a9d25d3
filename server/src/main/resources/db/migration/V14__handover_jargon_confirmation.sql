-- R9: when an approver sends a handover whose staff-written text holds internal terms, the reason is
-- kept with it (the signed document itself is unchanged).
ALTER TABLE handover ADD COLUMN jargon_confirmation text CHECK (length(jargon_confirmation) <= 4000);

-- The reason is part of what was sent: as immutable as the document once the handover is sent.
CREATE OR REPLACE FUNCTION handover_sent_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'draft' AND (NEW.document IS DISTINCT FROM OLD.document
            OR NEW.signature IS DISTINCT FROM OLD.signature OR NEW.sent_at IS DISTINCT FROM OLD.sent_at
            OR NEW.approved_by IS DISTINCT FROM OLD.approved_by OR NEW.inmate_id IS DISTINCT FROM OLD.inmate_id
            OR NEW.jargon_confirmation IS DISTINCT FROM OLD.jargon_confirmation
            OR (OLD.acknowledged_at IS NOT NULL AND NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at)
            OR (OLD.superseded_by IS NOT NULL AND NEW.superseded_by IS DISTINCT FROM OLD.superseded_by)
            OR (NEW.status = 'draft')) THEN
        RAISE EXCEPTION 'a sent handover is immutable' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
