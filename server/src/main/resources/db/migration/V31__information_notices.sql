-- Seed 001 §2 (issue 17): the person is told, when the action plan is made, that personal data is
-- processed and passed on to the municipality, and as a rule of every exchange of information (KSP).
-- Prison staff record when, how and about what; kept as written.
CREATE TABLE information_notice (
    id                  uuid        PRIMARY KEY,
    inmate_id           uuid        NOT NULL REFERENCES inmate (id),
    topic               text        NOT NULL CHECK (topic IN ('action-plan', 'ksp-exchange', 'privacy-page')),
    informed_on         date        NOT NULL,
    method              text        NOT NULL CHECK (method IN ('in-person', 'letter', 'digital-post')),
    note                text        CHECK (length(note) <= 4000),
    recorded_at         timestamptz NOT NULL,
    recorded_by_sub     text        NOT NULL,
    recorded_by_org_type text       NOT NULL,
    recorded_by_org_id  text        NOT NULL
);
CREATE INDEX information_notice_by_inmate ON information_notice (inmate_id, recorded_at);
CREATE TRIGGER information_notice_append_only BEFORE UPDATE OR DELETE ON information_notice
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Retention erases them with the person.
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
        DELETE FROM information_notice WHERE inmate_id = p_inmate; GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object('information_notice', n);
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
