-- Issue 28 §4: the audit log at national scale. Every read writes an audit record, so audit_event is
-- the table that grows without end (1,000 reads/s is 86 million records a day). It becomes a table
-- partitioned by month of `recorded` (UTC months, one partition per month, named audit_event_YYYY_MM),
-- so that
--  * retention removes a whole month by dropping its partition (no DELETE of millions of rows, no
--    bloat, no vacuum debt), through audit_retire_month(), which runs as the schema owner;
--  * a person's records are still found by one GIN probe per month (the indexes are the parent's,
--    created on every partition).
-- The hash chain stays verifiable across partitions: the sealer never puts records of two months into
-- one link (audit_chain.month), so a retired month's links are exactly the links of its records; the
-- verifier takes their stored hashes as given (the next kept link's hash covers them) and recomputes
-- every other link. A month that holds records about a person under legal hold keeps those records:
-- its partition is replaced by one with only them.
-- Forward-only: the existing records are copied into the new table with their ids, the old table is
-- dropped. (Nothing else references audit_event: no foreign key, no view.)

-- The old table steps aside (its indexes go: the new table has its own of the same names).
ALTER TABLE audit_event RENAME TO audit_event_v34;
ALTER TABLE audit_event_v34 RENAME CONSTRAINT audit_event_pkey TO audit_event_v34_pkey;
DROP INDEX audit_event_resource_idx, audit_event_subjects_idx, audit_event_cpr_hmac_idx, audit_event_inmate_idx;

CREATE TABLE audit_event (
    id               bigint      GENERATED ALWAYS AS IDENTITY,
    recorded         timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_sub        text        NOT NULL,
    actor_org_type   text        NOT NULL,
    actor_org_id     text        NOT NULL,
    actor_client_id  text,
    resource_type    text        NOT NULL,
    resource_id      uuid,
    action           text        NOT NULL CHECK (action IN ('create', 'read', 'update', 'search', 'history', 'lookup', 'fulfil',
                                                            'delete', 'approve', 'acknowledge', 'export')),
    outcome          text        NOT NULL CHECK (outcome IN ('success', 'not-found', 'forbidden', 'precondition-failed')),
    subjects         uuid[],
    cpr_hmac         text        CHECK (cpr_hmac ~ '^[0-9a-f]{64}$'),
    purpose          text        CHECK (purpose ~ '^[a-z-]{1,40}$'),
    -- The partition key is part of every unique constraint of a partitioned table; ids stay unique
    -- because one identity sequence hands them out.
    CONSTRAINT audit_event_pkey PRIMARY KEY (id, recorded)
) PARTITION BY RANGE (recorded);

-- A record whose month has no partition (the partition job stopped for months; a clock far off) is
-- never refused: it lands here, and audit_partitions_ensure() moves it into its month's partition.
CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT;

-- The name of a month's partition.
CREATE FUNCTION audit_month_partition(p_month date) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'audit_event_' || to_char(p_month, 'YYYY_MM')
$$;

-- Every month from the first record's to p_through (months already partitioned are left alone), and
-- the month of every record waiting in the default partition before p_through. Returns how many
-- partitions it created. Runs as the schema owner (SECURITY DEFINER): the server's role has no DDL.
CREATE FUNCTION audit_partitions_ensure(p_through date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    m        date;
    lo       timestamptz;
    hi       timestamptz;
    part     text;
    parent   regclass := 'audit_event'::regclass;
    created  integer := 0;
    months   date[];
BEGIN
    IF p_through IS NULL OR p_through > current_date + 3660 THEN
        RAISE EXCEPTION 'audit partitions are made at most ten years ahead' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- One maker at a time (several servers run the job).
    PERFORM pg_advisory_xact_lock(hashtext('audit_partitions'));
    SELECT array_agg(DISTINCT x ORDER BY x) INTO months FROM (
        SELECT CAST(generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'), p_through, interval '1 month') AS date) AS x
        UNION
        SELECT CAST(date_trunc('month', recorded AT TIME ZONE 'UTC') AS date) FROM audit_event_default
         WHERE recorded < (p_through::timestamp AT TIME ZONE 'UTC')) AS wanted;
    FOREACH m IN ARRAY coalesce(months, '{}') LOOP
        part := audit_month_partition(m);
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                               WHERE i.inhparent = parent AND c.relname = part);
        CONTINUE WHEN EXISTS (SELECT 1 FROM audit_retired_month r WHERE r.month = m);
        lo := m::timestamp AT TIME ZONE 'UTC';
        hi := (m + interval '1 month')::timestamp AT TIME ZONE 'UTC';
        IF EXISTS (SELECT 1 FROM audit_event_default WHERE recorded >= lo AND recorded < hi) THEN
            -- PostgreSQL refuses a new partition while the default one holds rows of its range: the
            -- rows move into a table that then becomes the partition (ids and contents unchanged).
            EXECUTE format('CREATE TABLE %I (LIKE audit_event INCLUDING CONSTRAINTS)', part);
            EXECUTE format('INSERT INTO %I SELECT * FROM audit_event_default WHERE recorded >= $1 AND recorded < $2', part)
                USING lo, hi;
            PERFORM set_config('overgang.erasing', 'retention', true);
            DELETE FROM audit_event_default WHERE recorded >= lo AND recorded < hi;
            PERFORM set_config('overgang.erasing', '', true);
            EXECUTE format('ALTER TABLE audit_event ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
        ELSE
            EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
        END IF;
        -- Row triggers are the parent's; TRUNCATE of a partition is refused on the partition itself.
        EXECUTE format('CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()', part);
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM PUBLIC', part);
        created := created + 1;
    END LOOP;
    RETURN created;
END;
$$;

-- The existing records, with their ids (the chain seals ids).
INSERT INTO audit_event (id, recorded, actor_sub, actor_org_type, actor_org_id, actor_client_id, resource_type, resource_id,
                         action, outcome, subjects, cpr_hmac, purpose)
    OVERRIDING SYSTEM VALUE
SELECT id, recorded, actor_sub, actor_org_type, actor_org_id, actor_client_id, resource_type, resource_id, action, outcome,
       subjects, cpr_hmac, purpose
  FROM audit_event_v34;
SELECT setval(pg_get_serial_sequence('audit_event', 'id'), coalesce((SELECT max(id) FROM audit_event_v34), 0) + 1, false);
DROP TABLE audit_event_v34;

-- The indexes of V2 and V16, now on every partition.
CREATE INDEX audit_event_resource_idx ON audit_event (resource_type, resource_id, id);
CREATE INDEX audit_event_subjects_idx ON audit_event USING gin (subjects);
CREATE INDEX audit_event_cpr_hmac_idx ON audit_event (cpr_hmac, id) WHERE cpr_hmac IS NOT NULL;
CREATE INDEX audit_event_inmate_idx ON audit_event (resource_id, id) WHERE resource_type = 'Inmate';

-- Append-only as before, for every role, the owner's included (V2, V10, V31).
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event_default
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM CURRENT_USER;

-- Each link of the chain names the month of its records (the sealer cuts a batch at a month's end).
-- Links sealed before this migration have none; they may span two months (see the verifier).
ALTER TABLE audit_chain ADD COLUMN month date CHECK (month = date_trunc('month', month));

-- The months retention has removed: what the verifier needs to know which links it can no longer
-- recompute, and what an auditor needs to see that the records were retired, not lost.
CREATE TABLE audit_retired_month (
    month           date        PRIMARY KEY CHECK (month = date_trunc('month', month)),
    first_event_id  bigint,
    last_event_id   bigint,
    records         bigint      NOT NULL CHECK (records >= 0),
    kept_for_hold   bigint      NOT NULL CHECK (kept_for_hold >= 0),
    cutoff          date        NOT NULL,
    retired_at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TRIGGER audit_retired_month_append_only BEFORE UPDATE OR DELETE ON audit_retired_month
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_retired_month_no_truncate BEFORE TRUNCATE ON audit_retired_month
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A partition for every month that has records, and for this month and the next three.
SELECT audit_partitions_ensure(CAST(date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months' AS date));

-- Retires one month whose end lies before p_cutoff: drops its partition, or, when it holds records about
-- a person under legal hold (legal_hold, issue 17), replaces it by a partition with only those records.
-- Only when every record of the month is sealed into the chain, so the links that cover the month are
-- final. Returns what it did, or NULL when the month is not due (by p_cutoff, and never within a year),
-- has no partition, or was retired before.
-- Dropping a partition locks the whole table: audit writes queue behind it while it waits for its lock,
-- so it gives up after 1 s (the next run retries) rather than hold them longer.
CREATE FUNCTION audit_retire_month(p_month date, p_cutoff date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET lock_timeout = '1s' AS $$
DECLARE
    part      text := audit_month_partition(p_month);
    lo        timestamptz := p_month::timestamp AT TIME ZONE 'UTC';
    hi        timestamptz := (p_month + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    held      uuid[];
    first_id  bigint;
    last_id   bigint;
    total     bigint;
    kept      bigint := 0;
    through   bigint;
BEGIN
    IF p_month IS NULL OR p_month <> date_trunc('month', p_month) THEN
        RAISE EXCEPTION 'a month is given by its first day' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- The floor is the database's own: whatever cutoff the server asks with, no record younger than a
    -- year is retired (a compromised server role cannot erase a recent trail through this function).
    IF p_month + interval '1 month' > p_cutoff OR p_month + interval '1 month' > current_date - interval '1 year'
       OR NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                       WHERE i.inhparent = 'audit_event'::regclass AND c.relname = part)
       OR EXISTS (SELECT 1 FROM audit_retired_month r WHERE r.month = p_month) THEN
        RETURN NULL;
    END IF;
    -- Not while the sealer works (it takes the same lock as AuditChain).
    PERFORM pg_advisory_xact_lock(5716828551320715593); -- AuditChain.LOCK_KEY ("OVAGCHAI")
    EXECUTE format('SELECT min(id), max(id), count(*) FROM %I', part) INTO first_id, last_id, total;
    SELECT max(last_event_id) INTO through FROM audit_chain;
    IF last_id IS NOT NULL AND (through IS NULL OR last_id > through) THEN
        RETURN jsonb_build_object('audit_month_not_yet_sealed', 1);
    END IF;
    SELECT array_agg(inmate_id) INTO held FROM legal_hold;
    IF held IS NOT NULL THEN
        EXECUTE format('SELECT count(*) FROM %I WHERE subjects && $1 OR (resource_type = ''Inmate'' AND resource_id = ANY ($1))',
                       part) USING held INTO kept;
    END IF;
    IF kept > 0 THEN
        EXECUTE format('CREATE TABLE %I (LIKE audit_event INCLUDING CONSTRAINTS)', part || '_held');
        EXECUTE format('INSERT INTO %I SELECT * FROM %I WHERE subjects && $1 OR (resource_type = ''Inmate'' AND resource_id = ANY ($1))',
                       part || '_held', part) USING held;
        EXECUTE format('DROP TABLE %I', part);
        EXECUTE format('ALTER TABLE %I RENAME TO %I', part || '_held', part);
        EXECUTE format('ALTER TABLE audit_event ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
        EXECUTE format('CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()', part);
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM PUBLIC', part);
    ELSE
        EXECUTE format('DROP TABLE %I', part);
    END IF;
    INSERT INTO audit_retired_month (month, first_event_id, last_event_id, records, kept_for_hold, cutoff)
    VALUES (p_month, first_id, last_id, total, kept, p_cutoff);
    RETURN jsonb_build_object('audit_event', total - kept, 'audit_event_kept_for_legal_hold', kept, 'audit_month', 1);
END;
$$;

-- The months whose partitions retention may retire by p_cutoff, oldest first (the retention job retires
-- each in its own short transaction: dropping a partition locks the whole table for a moment).
CREATE FUNCTION audit_months_due(p_cutoff date) RETURNS SETOF date
    LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT m FROM (SELECT to_date(substr(c.relname, 13), 'YYYY_MM') AS m
                     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'audit_event'::regclass AND c.relname ~ '^audit_event_[0-9]{4}_[0-9]{2}$') AS parts
     WHERE m + interval '1 month' <= p_cutoff
       AND NOT EXISTS (SELECT 1 FROM audit_retired_month r WHERE r.month = parts.m)
     ORDER BY m
$$;
REVOKE ALL ON FUNCTION audit_partitions_ensure(date) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_retire_month(date, date) FROM PUBLIC;

