-- Issue 28 §4: "everything recorded about this person" in time proportional to the page, not to how
-- often the person was looked at. The GIN index on audit_event.subjects (V16) finds the records that
-- name a person, but not in id order: a page had to fetch every such record, sort them and keep 100.
-- bench/scale found a person on a busy search page with 270,000 records in one month: 2 s a page, and
-- the pages of everyone else waited behind it.
--
-- audit_subject holds one row per person a record names (its subjects, and the Inmate it is about for
-- records from before issue 12: the same rule the queries used), partitioned by month exactly as
-- audit_event is, with a B-tree on (subject, event_id): a page is a merge of the months' ordered index
-- scans that stops after the page (0.6 ms for that person). The rows are derived from the record and
-- never change; a statement trigger on audit_event adds them, so every way a record is added (the
-- group-committed reads, a write's own transaction) fills it in one place. It is an index of the log,
-- not part of it: the hash chain covers audit_event, and a month's rows go when the month is retired.
-- `purpose` is copied so that a compartment's hidden purposes (issue 26) are filtered in the same
-- ordered scan. The GIN index and V16's Inmate index are dropped: nothing reads them any more, and every
-- audit record was paying for them.

-- The people one record names.
CREATE FUNCTION audit_subjects_of(p_subjects uuid[], p_resource_type text, p_resource_id uuid) RETURNS SETOF uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT DISTINCT s
      FROM unnest(p_subjects || CASE WHEN p_resource_type = 'Inmate' AND p_resource_id IS NOT NULL THEN ARRAY[p_resource_id] END) AS s
     WHERE s IS NOT NULL
$$;

CREATE TABLE audit_subject (
    subject   uuid        NOT NULL,
    event_id  bigint      NOT NULL,
    recorded  timestamptz NOT NULL,
    purpose   text
) PARTITION BY RANGE (recorded);

-- A partition for each of audit_event's, with the same bounds (the default one included).
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
               FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = 'audit_event'::regclass LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_subject %s', 'audit_subject' || substr(r.relname, 12), r.bound);
        EXECUTE format('CREATE TRIGGER audit_subject_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()',
                       'audit_subject' || substr(r.relname, 12));
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM PUBLIC', 'audit_subject' || substr(r.relname, 12));
    END LOOP;
END $$;

-- The records so far, then the key (faster built once than row by row).
INSERT INTO audit_subject (subject, event_id, recorded, purpose)
SELECT s, a.id, a.recorded, a.purpose
  FROM audit_event a CROSS JOIN LATERAL audit_subjects_of(a.subjects, a.resource_type, a.resource_id) AS s;
ALTER TABLE audit_subject ADD CONSTRAINT audit_subject_pkey PRIMARY KEY (subject, event_id, recorded);

-- Every record added from now on. A statement trigger: one insert per statement, however many records
-- the audit writer's group commit carries.
CREATE FUNCTION audit_subject_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_subject (subject, event_id, recorded, purpose)
    SELECT s, a.id, a.recorded, a.purpose
      FROM added a CROSS JOIN LATERAL audit_subjects_of(a.subjects, a.resource_type, a.resource_id) AS s
    -- A record put back with its own id (only the owner can, with the guards off) is already listed.
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;
CREATE TRIGGER audit_event_subjects AFTER INSERT ON audit_event
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION audit_subject_add();

-- Append-only as audit_event is (retention drops whole months).
CREATE TRIGGER audit_subject_append_only BEFORE UPDATE OR DELETE ON audit_subject
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_subject_no_truncate BEFORE TRUNCATE ON audit_subject
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_subject FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_subject FROM CURRENT_USER;

DROP INDEX audit_event_subjects_idx, audit_event_inmate_idx;

-- Partitions are made and moved out of the default partition for both tables, month by month (V35's
-- function, now for audit_subject too).
CREATE OR REPLACE FUNCTION audit_partitions_ensure(p_through date) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    m        date;
    lo       timestamptz;
    hi       timestamptz;
    tbl      text;
    part     text;
    created  integer := 0;
    months   date[];
    waiting  boolean;
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
        CONTINUE WHEN EXISTS (SELECT 1 FROM audit_retired_month r WHERE r.month = m);
        lo := m::timestamp AT TIME ZONE 'UTC';
        hi := (m + interval '1 month')::timestamp AT TIME ZONE 'UTC';
        FOREACH tbl IN ARRAY ARRAY['audit_event', 'audit_subject'] LOOP
            part := tbl || to_char(m, '_YYYY_MM');
            CONTINUE WHEN EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                                   WHERE i.inhparent = tbl::regclass AND c.relname = part);
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE recorded >= $1 AND recorded < $2)', tbl || '_default')
                INTO waiting USING lo, hi;
            IF waiting THEN
                -- PostgreSQL refuses a new partition while the default one holds rows of its range: the
                -- rows move into a table that then becomes the partition (ids and contents unchanged).
                EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING CONSTRAINTS)', part, tbl);
                EXECUTE format('INSERT INTO %I SELECT * FROM %I WHERE recorded >= $1 AND recorded < $2', part, tbl || '_default')
                    USING lo, hi;
                PERFORM set_config('overgang.erasing', 'retention', true);
                EXECUTE format('DELETE FROM %I WHERE recorded >= $1 AND recorded < $2', tbl || '_default') USING lo, hi;
                PERFORM set_config('overgang.erasing', '', true);
                EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', tbl, part, lo, hi);
            ELSE
                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, tbl, lo, hi);
            END IF;
            -- Row triggers are the parent's; TRUNCATE of a partition is refused on the partition itself.
            EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()',
                           tbl || '_no_truncate', part);
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM PUBLIC', part);
            IF tbl = 'audit_event' THEN
                created := created + 1;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END;
$$;

-- V35's retirement, with the month's audit_subject partition going (or kept for the held records) with
-- audit_event's, and the records about held people found through audit_subject.
CREATE OR REPLACE FUNCTION audit_retire_month(p_month date, p_cutoff date) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET lock_timeout = '1s' AS $$
DECLARE
    part      text := audit_month_partition(p_month);
    lo        timestamptz := p_month::timestamp AT TIME ZONE 'UTC';
    hi        timestamptz := (p_month + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    tbl       text;
    tpart     text;
    held      uuid[];
    kept_ids  bigint[];
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
    -- The month's records that name a person under legal hold (issue 17): kept, with every index row
    -- of theirs, so each person they name still finds them.
    SELECT array_agg(inmate_id) INTO held FROM legal_hold;
    IF held IS NOT NULL THEN
        SELECT array_agg(DISTINCT s.event_id) INTO kept_ids FROM audit_subject s
         WHERE s.subject = ANY (held) AND s.recorded >= lo AND s.recorded < hi;
        kept := coalesce(cardinality(kept_ids), 0);
    END IF;
    FOREACH tbl IN ARRAY ARRAY['audit_event', 'audit_subject'] LOOP
        tpart := tbl || to_char(p_month, '_YYYY_MM');
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                                   WHERE i.inhparent = tbl::regclass AND c.relname = tpart);
        IF kept > 0 THEN
            EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING CONSTRAINTS)', tpart || '_held', tbl);
            EXECUTE format('INSERT INTO %I SELECT * FROM %I WHERE %I = ANY ($1)', tpart || '_held', tpart,
                           CASE tbl WHEN 'audit_event' THEN 'id' ELSE 'event_id' END) USING kept_ids;
            EXECUTE format('DROP TABLE %I', tpart);
            EXECUTE format('ALTER TABLE %I RENAME TO %I', tpart || '_held', tpart);
            EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', tbl, tpart, lo, hi);
            EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()',
                           tbl || '_no_truncate', tpart);
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM PUBLIC', tpart);
        ELSE
            EXECUTE format('DROP TABLE %I', tpart);
        END IF;
    END LOOP;
    INSERT INTO audit_retired_month (month, first_event_id, last_event_id, records, kept_for_hold, cutoff)
    VALUES (p_month, first_id, last_id, total, kept, p_cutoff);
    RETURN jsonb_build_object('audit_event', total - kept, 'audit_event_kept_for_legal_hold', kept, 'audit_month', 1);
END;
$$;
REVOKE ALL ON FUNCTION audit_partitions_ensure(date) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_retire_month(date, date) FROM PUBLIC;
