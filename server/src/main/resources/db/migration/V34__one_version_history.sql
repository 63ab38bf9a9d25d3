-- Issue 26 (Asked 4): one version history for every versioned resource. Until now six resources
-- kept their versions each in a table of its own, written by a trigger of its own, and six more
-- (consents, referrals, subscriptions, clients, programmes, directory entries) kept none. Every
-- version of every versioned resource is now one row of resource_version, written by one trigger
-- function, and read back as a row of the resource's own table by versions_of(). The stored
-- version is the API's versionId (V33).

CREATE TABLE resource_version (
    resource_type text        NOT NULL,  -- the resource's table
    resource_id   text        NOT NULL,  -- the value of the table's key, as text
    version       bigint      NOT NULL CHECK (version >= 1),
    inmate_id     uuid        REFERENCES inmate (id),  -- the person the resource is about; none for an organisation's records
    recorded_at   timestamptz NOT NULL,
    body          jsonb       NOT NULL,  -- the row as it was stored in this version
    PRIMARY KEY (resource_type, resource_id, version)
);
CREATE INDEX resource_version_person ON resource_version (inmate_id) WHERE inmate_id IS NOT NULL;

-- Writes the new version of a row. Arguments: the table's key column, the column naming the
-- person (or '' for none), then columns never kept in a version (a webhook's signing secrets).
CREATE FUNCTION record_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb := to_jsonb(NEW);
    i int;
BEGIN
    FOR i IN 2 .. TG_NARGS - 1 LOOP
        r := r - TG_ARGV[i];
    END LOOP;
    INSERT INTO resource_version (resource_type, resource_id, version, inmate_id, recorded_at, body)
    VALUES (TG_TABLE_NAME, r->>TG_ARGV[0], NEW.version, CASE WHEN TG_ARGV[1] <> '' THEN (r->>TG_ARGV[1])::uuid END,
            coalesce((r->>'last_updated')::timestamptz, now()), r);
    RETURN NEW;
END;
$$;

-- The versions of one resource as rows of its own table, newest first: those below p_before, at most
-- p_limit. Columns added to the table after a version was written read as NULL in that version.
--   SELECT t.name FROM versions_of(NULL::inmate, '...', 9223372036854775807, 50) t
CREATE FUNCTION versions_of(p_row anyelement, p_id text, p_before bigint, p_limit integer) RETURNS SETOF anyelement
    LANGUAGE sql STABLE AS $$
    SELECT jsonb_populate_record(p_row, v.body)
    FROM resource_version v
    WHERE v.resource_type = pg_typeof(p_row)::text AND v.resource_id = p_id AND v.version < p_before
    ORDER BY v.version DESC
    LIMIT p_limit
$$;

-- The versions kept so far move over: each as the row of the resource's table (columns a history
-- table did not keep, such as an outcome's person and checkpoint, which never change, come from the
-- current row). The kept-version triggers are off for the move only.
DO $$
DECLARE
    m record;
BEGIN
    FOR m IN SELECT * FROM (VALUES
            ('inmate', 'id', 'inmate_history', 'inmate_id', 'id'),
            ('action_plan', 'id', 'action_plan_history', 'plan_id', 'inmate_id'),
            ('lsrnr_assessment', 'id', 'lsrnr_assessment_history', 'assessment_id', 'inmate_id'),
            ('supervision', 'inmate_id', 'supervision_history', 'inmate_id', 'inmate_id'),
            ('release_meeting', 'id', 'release_meeting_history', 'meeting_id', 'inmate_id'),
            ('outcome', 'id', 'outcome_history', 'outcome_id', 'inmate_id'),
            ('gang_exit_case', 'inmate_id', 'gang_exit_case_history', 'inmate_id', 'inmate_id'))
            AS p (main, key, history, history_key, person) LOOP
        EXECUTE format($f$
            INSERT INTO resource_version (resource_type, resource_id, version, inmate_id, recorded_at, body)
            SELECT %1$L, h.%4$I::text, h.version, m.%5$I, h.last_updated,
                   to_jsonb(m) || (to_jsonb(h) - 'history_id' - %4$L)
            FROM %3$I h JOIN %1$I m ON m.%2$I = h.%4$I$f$, m.main, m.key, m.history, m.history_key, m.person);
    END LOOP;
END $$;

-- The tables and trigger functions of the old histories go (each function with its trigger).
DROP TABLE inmate_history;
DROP TABLE action_plan_history;
DROP TABLE lsrnr_assessment_history;
DROP TABLE supervision_history;
DROP TABLE release_meeting_history;
DROP TABLE outcome_history;
DROP TABLE gang_exit_case_history;
DROP FUNCTION inmate_record_version() CASCADE;
DROP FUNCTION action_plan_record_version() CASCADE;
DROP FUNCTION lsrnr_assessment_record_version() CASCADE;
DROP FUNCTION supervision_record_version() CASCADE;
DROP FUNCTION release_meeting_record_version() CASCADE;
DROP FUNCTION outcome_record_version() CASCADE;
DROP FUNCTION gang_exit_case_record_version() CASCADE;

-- Resources that kept no versions: their current row is the first version kept.
INSERT INTO resource_version (resource_type, resource_id, version, inmate_id, recorded_at, body)
SELECT 'consent', t.id::text, t.version, t.inmate_id, t.last_updated, to_jsonb(t) FROM consent t
UNION ALL
SELECT 'referral', t.id::text, t.version, t.inmate_id, t.last_updated, to_jsonb(t) FROM referral t
UNION ALL
SELECT 'subscription', t.id::text, t.version, NULL, t.last_updated,
       to_jsonb(t) - 'secret' - 'previous_secret' - 'previous_secret_until' FROM subscription t
UNION ALL
SELECT 'client', t.id, t.version, NULL, t.last_updated, to_jsonb(t) FROM client t
UNION ALL
SELECT 'programme', t.id, t.version, NULL, t.last_updated, to_jsonb(t) FROM programme t
UNION ALL
SELECT 'municipality_directory', t.code, t.version, NULL, t.last_updated, to_jsonb(t) FROM municipality_directory t;

-- One trigger function for every versioned table: a version is written when a row is made and when
-- its version changes (an update that leaves the version, such as the restriction flag, is not one).
DO $$
DECLARE
    t record;
    args text;
BEGIN
    FOR t IN SELECT * FROM (VALUES
            ('inmate', 'id', 'id', ''),
            ('action_plan', 'id', 'inmate_id', ''),
            ('lsrnr_assessment', 'id', 'inmate_id', ''),
            ('supervision', 'inmate_id', 'inmate_id', ''),
            ('release_meeting', 'id', 'inmate_id', ''),
            ('outcome', 'id', 'inmate_id', ''),
            ('gang_exit_case', 'inmate_id', 'inmate_id', ''),
            ('consent', 'id', 'inmate_id', ''),
            ('referral', 'id', 'inmate_id', ''),
            ('subscription', 'id', '', ', ''secret'', ''previous_secret'', ''previous_secret_until'''),
            ('client', 'id', '', ''),
            ('programme', 'id', '', ''),
            ('municipality_directory', 'code', '', '')) AS p (main, key, person, omit) LOOP
        args := format('%L, %L', t.key, t.person) || t.omit;
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.main || '_versions', t.main);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.main || '_versions_on_update', t.main);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I FOR EACH ROW EXECUTE FUNCTION record_version(%s)',
                       t.main || '_versions', t.main, args);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version)'
                       ' EXECUTE FUNCTION record_version(%s)', t.main || '_versions_on_update', t.main, args);
    END LOOP;
END $$;

-- A version, once written, never changes; only retention_erase() removes a person's versions.
CREATE TRIGGER resource_version_append_only BEFORE UPDATE OR DELETE ON resource_version
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER resource_version_no_truncate BEFORE TRUNCATE ON resource_version
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Retention as before (V31); the versions of what is erased go with it, and the report counts them
-- under the names it used before ('<table>_history').
CREATE OR REPLACE FUNCTION retention_erase(p_kind text, p_inmate uuid, p_released_before date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    erased jsonb := '{}';
    n      bigint;
    t      text;
    -- Tables naming the person by inmate_id, children before parents (the names are constants here).
    ngo    text[] := ARRAY['ngo_note', 'referral', 'consent'];
    lsrnr  text[] := ARRAY['lsrnr_assessment'];
    person text[] := ARRAY['information_notice', 'obligation_announcement', 'obligation_fulfilment', 'obligation',
                           'release_meeting', 'supervision', 'ksp_exchange', 'handover', 'action_plan', 'gang_exit_note',
                           'gang_exit_case', 'radicalisation_concern', 'inmate_restriction'];
    tables text[];
    kept   record;
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
        DELETE FROM release_meeting_invitee x USING release_meeting m WHERE x.meeting_id = m.id AND m.inmate_id = p_inmate;
        GET DIAGNOSTICS n = ROW_COUNT; erased := erased || jsonb_build_object('release_meeting_invitee', n);
        tables := ngo || lsrnr || person || ARRAY['outcome'];
    ELSIF p_kind = 'ngo' THEN
        tables := ngo;
    ELSE
        tables := lsrnr;
    END IF;
    FOR kept IN WITH gone AS (
            DELETE FROM resource_version v WHERE v.inmate_id = p_inmate
                AND (p_kind = 'person' OR v.resource_type = ANY (tables)) RETURNING v.resource_type)
            SELECT resource_type, count(*) AS n FROM gone GROUP BY resource_type LOOP
        erased := erased || jsonb_build_object(kept.resource_type || '_history', kept.n);
    END LOOP;
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
