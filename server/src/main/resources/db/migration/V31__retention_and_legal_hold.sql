-- Issue 17: retention. Person data is erased when its retention period (configured per kind, counted
-- from the release) has passed, unless the person is under legal hold. The append-only tables stay
-- append-only for everyone, the server's own role included: rows are removed only inside
-- retention_erase(), which runs as the schema owner (SECURITY DEFINER) and decides itself whether the
-- person is released before the cutoff and not held. The audit log is never touched, so its hash
-- chain stays verifiable; its records name the erased person only by an id nothing maps any more.

CREATE TABLE legal_hold (
    inmate_id        uuid        PRIMARY KEY REFERENCES inmate (id),
    reason           text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    placed_at        timestamptz NOT NULL,
    placed_by_sub    text        NOT NULL,
    placed_by_org_type text      NOT NULL,
    placed_by_org_id   text      NOT NULL
);

-- What each run did (counts only: the audit log names the people).
CREATE TABLE retention_run (
    id               uuid        PRIMARY KEY,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    triggered_by     text        NOT NULL,
    cutoffs          jsonb       NOT NULL,
    erased           jsonb       NOT NULL,
    held             integer     NOT NULL,
    failed           integer     NOT NULL
);
CREATE INDEX retention_run_started ON retention_run (started_at DESC, id);
CREATE TRIGGER retention_run_append_only BEFORE UPDATE OR DELETE ON retention_run
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The append-only guards let a delete through only while retention_erase() runs: the setting is
-- local to its transaction and only honoured when the current user owns the table (inside the
-- SECURITY DEFINER function; the owner could switch the trigger off anyway).
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('overgang.erasing', true) = 'retention'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE FUNCTION refuse_recent_event_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.occurred_at > now() - interval '7 days'
       AND NOT (current_setting('overgang.erasing', true) = 'retention'
                AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE')) THEN
        RAISE EXCEPTION 'an event younger than 7 days is not removed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END;
$$;

-- Erases one kind of a person's records: 'person' (everything), 'ngo' (consents, referrals, NGO notes)
-- or 'lsrnr-assessment' (assessments and their versions). Returns the rows removed per table, or NULL
-- when the person is not released before p_released_before, is under legal hold, or does not exist.
CREATE FUNCTION retention_erase(p_kind text, p_inmate uuid, p_released_before date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    erased jsonb := '{}';
    n      bigint;
    t      text;
    -- Tables naming the person by inmate_id, children before parents (the names are constants here).
    ngo    text[] := ARRAY['ngo_note', 'referral', 'consent'];
    lsrnr  text[] := ARRAY['lsrnr_assessment_history', 'lsrnr_assessment'];
    person text[] := ARRAY['information_notice', 'obligation_announcement', 'obligation_fulfilment', 'obligation',
                           'release_meeting_history', 'release_meeting', 'supervision_history', 'supervision', 'ksp_exchange',
                           'handover', 'action_plan_history', 'action_plan', 'gang_exit_note', 'gang_exit_case_history',
                           'gang_exit_case', 'radicalisation_concern', 'inmate_restriction', 'inmate_history'];
    tables text[];
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
    IF p_kind = 'person' THEN
        -- Rows that name the person through their parent row go first.
        DELETE FROM delivery d USING event e WHERE d.event_pk = e.id AND e.inmate_id = p_inmate;
        GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('delivery', n);
        DELETE FROM event WHERE inmate_id = p_inmate;
        GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('event', n);
        DELETE FROM outcome_history h USING outcome o WHERE h.outcome_id = o.id AND o.inmate_id = p_inmate;
        GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('outcome_history', n);
        DELETE FROM outcome WHERE inmate_id = p_inmate;
        GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('outcome', n);
        DELETE FROM release_meeting_invitee x USING release_meeting m WHERE x.meeting_id = m.id AND m.inmate_id = p_inmate;
        GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('release_meeting_invitee', n);
        tables := ngo || lsrnr || person;
    ELSIF p_kind = 'ngo' THEN
        tables := ngo;
    ELSE
        tables := lsrnr;
    END IF;
    FOREACH t IN ARRAY tables LOOP
        EXECUTE format('DELETE FROM %I WHERE inmate_id = $1', t) USING p_inmate;
        GET DIAGNOSTICS n = ROW_COUNT;
        erased := erased || jsonb_build_object(t, n);
    END LOOP;
    IF p_kind = 'person' THEN
        DELETE FROM inmate WHERE id = p_inmate;
        GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('inmate', n);
    END IF;
    PERFORM set_config('overgang.erasing', '', true);
    RETURN erased;
END;
$$;
REVOKE ALL ON FUNCTION retention_erase(text, uuid, date) FROM PUBLIC;
