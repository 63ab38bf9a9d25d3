-- Runs after every migration, as the schema owner: gives the application role (the server's pool,
-- DATASOURCES_DEFAULT_USERNAME) exactly the privileges the server uses, and nothing else. No DDL;
-- no UPDATE, DELETE or TRUNCATE on append-only tables (audit, histories, KSP list versions, KSP
-- exchanges, fulfilments, NGO notes); DELETE only where the server replaces derived rows. When one role both
-- owns and runs (no OVERGANG_DB_MIGRATION_USERNAME), there is nothing to grant: the owner's
-- triggers keep the append-only tables append-only.
DO $grant$
DECLARE
    app    text := '${application_role}';
    schema text := current_schema();
    t      text;
BEGIN
    IF app = current_user THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        RAISE EXCEPTION 'The application role % does not exist: create it (see README, Database roles)', app;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema, app);
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', schema, app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', schema, app);
    -- Everything the server keeps it reads and adds to (history tables are written by triggers
    -- that run as the caller).
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = schema AND tablename <> 'flyway_schema_history' LOOP
        EXECUTE format('GRANT SELECT, INSERT ON %I.%I TO %I', schema, t, app);
    END LOOP;
    -- Current-state tables the server updates in place (each change is versioned by a trigger).
    FOREACH t IN ARRAY ARRAY['inmate', 'action_plan', 'lsrnr_assessment', 'handover', 'supervision',
                             'release_meeting', 'obligation', 'radicalisation_concern', 'idempotency_key',
                             'ksp_proposal', 'programme', 'consent', 'referral', 'outcome', 'subscription', 'delivery', 'municipality_directory', 'client',
                             'gang_exit_case'] LOOP
        EXECUTE format('GRANT UPDATE ON %I.%I TO %I', schema, t, app);
    END LOOP;
    -- Derived rows replaced as a whole: obligations, invitations, a cleared radicalisation concern (R16);
    -- events with their deliveries once past the event retention (a trigger keeps a week's events);
    -- used assertion ids once expired.
    FOREACH t IN ARRAY ARRAY['obligation', 'release_meeting_invitee', 'radicalisation_concern', 'delivery', 'event',
                             'client_assertion'] LOOP
        EXECUTE format('GRANT DELETE ON %I.%I TO %I', schema, t, app);
    END LOOP;
    -- A legal hold is lifted by removing it (issue 17); retention erases only through retention_erase(),
    -- which runs as the owner and checks the release date and legal hold itself.
    EXECUTE format('GRANT UPDATE, DELETE ON %I.legal_hold TO %I', schema, app);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %I.retention_erase(text, uuid, date) TO %I', schema, app);
    -- Issue 28 §4: the audit log's monthly partitions are made and retired only through these functions,
    -- which run as the owner; the record of retired months is the owner's to write (the verifier trusts it).
    -- (Guarded: this callback also runs after a migration to an earlier target, as in a test of V33.)
    IF to_regclass(format('%I.audit_retired_month', schema)) IS NOT NULL THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION %I.audit_partitions_ensure(date) TO %I', schema, app);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %I.audit_retire_month(date, date) TO %I', schema, app);
        EXECUTE format('REVOKE INSERT ON %I.audit_retired_month FROM %I', schema, app);
    END IF;
END
$grant$;
