-- R15 (issue 17): gang-exit cases, coordinated by the local exit units of the prison service, the
-- municipality and the police. Only exit-unit roles see them (dk.overgang.access.GangExitAccessPolicy):
-- the person's institution, acting municipality, and the police district the case names. Versioned
-- like the other resources; notes are append-only. Retention erases them with the person.
CREATE TABLE gang_exit_case (
    inmate_id           uuid        PRIMARY KEY REFERENCES inmate (id),
    version             bigint      NOT NULL CHECK (version >= 1),
    last_updated        timestamptz NOT NULL,
    active              boolean     NOT NULL,
    police_district     text        CHECK (length(police_district) BETWEEN 1 AND 64),
    updated_by_sub      text        NOT NULL,
    updated_by_org_type text        NOT NULL,
    updated_by_org_id   text        NOT NULL
);
CREATE INDEX gang_exit_case_by_district ON gang_exit_case (police_district) WHERE police_district IS NOT NULL;

CREATE TABLE gang_exit_case_history (
    history_id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id           uuid        NOT NULL REFERENCES inmate (id),
    version             bigint      NOT NULL,
    last_updated        timestamptz NOT NULL,
    active              boolean     NOT NULL,
    police_district     text,
    updated_by_sub      text        NOT NULL,
    updated_by_org_type text        NOT NULL,
    updated_by_org_id   text        NOT NULL,
    UNIQUE (inmate_id, version)
);

CREATE FUNCTION gang_exit_case_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO gang_exit_case_history (inmate_id, version, last_updated, active, police_district, updated_by_sub,
                                        updated_by_org_type, updated_by_org_id)
    VALUES (NEW.inmate_id, NEW.version, NEW.last_updated, NEW.active, NEW.police_district, NEW.updated_by_sub,
            NEW.updated_by_org_type, NEW.updated_by_org_id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER gang_exit_case_versions AFTER INSERT OR UPDATE ON gang_exit_case
    FOR EACH ROW EXECUTE FUNCTION gang_exit_case_record_version();
CREATE TRIGGER gang_exit_case_no_delete BEFORE DELETE ON gang_exit_case
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER gang_exit_case_history_append_only BEFORE UPDATE OR DELETE ON gang_exit_case_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE gang_exit_note (
    id                  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id           uuid        NOT NULL REFERENCES inmate (id),
    written_at          timestamptz NOT NULL,
    written_by_sub      text        NOT NULL,
    written_by_org_type text        NOT NULL,
    written_by_org_id   text        NOT NULL,
    text                text        NOT NULL CHECK (length(text) BETWEEN 1 AND 4000)
);
CREATE INDEX gang_exit_note_by_inmate ON gang_exit_note (inmate_id, id);
CREATE TRIGGER gang_exit_note_append_only BEFORE UPDATE OR DELETE ON gang_exit_note
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Retention erases the cases and notes with the person.
CREATE OR REPLACE FUNCTION retention_erase(p_kind text, p_inmate uuid, p_released_before date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    erased jsonb := '{}';
    n      bigint;
BEGIN
    IF p_kind NOT IN ('person', 'ngo', 'lsrnr-assessment') THEN
        RAISE EXCEPTION 'unknown retention kind %', p_kind USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM inmate i WHERE i.id = p_inmate AND i.custody_status = 'released'
                     AND coalesce(i.actual_release_date, i.expected_release_date) < p_released_before)
       OR EXISTS (SELECT 1 FROM legal_hold h WHERE h.inmate_id = p_inmate) THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('retention:' || p_inmate::text));
    PERFORM set_config('overgang.erasing', 'retention', true);
    IF p_kind IN ('person', 'ngo') THEN
        DELETE FROM ngo_note WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('ngo_note', n);
        DELETE FROM referral WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('referral', n);
        DELETE FROM consent WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('consent', n);
    END IF;
    IF p_kind IN ('person', 'lsrnr-assessment') THEN
        DELETE FROM lsrnr_assessment_history WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('lsrnr_assessment_history', n);
        DELETE FROM lsrnr_assessment WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('lsrnr_assessment', n);
    END IF;
    IF p_kind = 'person' THEN
        DELETE FROM delivery d USING event e WHERE d.event_pk = e.id AND e.inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('delivery', n);
        DELETE FROM event WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('event', n);
        DELETE FROM outcome_history h USING outcome o WHERE h.outcome_id = o.id AND o.inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('outcome_history', n);
        DELETE FROM outcome WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('outcome', n);
        DELETE FROM obligation_announcement WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('obligation_announcement', n);
        DELETE FROM obligation_fulfilment WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('obligation_fulfilment', n);
        DELETE FROM obligation WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('obligation', n);
        DELETE FROM release_meeting_invitee x USING release_meeting m WHERE x.meeting_id = m.id AND m.inmate_id = p_inmate;
        GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('release_meeting_invitee', n);
        DELETE FROM release_meeting_history WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('release_meeting_history', n);
        DELETE FROM release_meeting WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('release_meeting', n);
        DELETE FROM supervision_history WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('supervision_history', n);
        DELETE FROM supervision WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('supervision', n);
        DELETE FROM ksp_exchange WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('ksp_exchange', n);
        DELETE FROM handover WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('handover', n);
        DELETE FROM action_plan_history WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('action_plan_history', n);
        DELETE FROM action_plan WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('action_plan', n);
        DELETE FROM gang_exit_note WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('gang_exit_note', n);
        DELETE FROM gang_exit_case_history WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('gang_exit_case_history', n);
        DELETE FROM gang_exit_case WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('gang_exit_case', n);
        DELETE FROM radicalisation_concern WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('radicalisation_concern', n);
        DELETE FROM inmate_restriction WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('inmate_restriction', n);
        DELETE FROM inmate_history WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('inmate_history', n);
        DELETE FROM inmate WHERE id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('inmate', n);
    END IF;
    PERFORM set_config('overgang.erasing', '', true);
    RETURN erased;
END;
$$;
