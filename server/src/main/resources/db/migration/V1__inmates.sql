-- Inmates (indsatte): the current version of each person in the Prison and Probation Service's custody.
-- Every insert and update is copied by trigger into inmate_history, so no version can be skipped.
-- `version` counts from 0 (Micronaut Data's @Version); the API's versionId is version + 1.
CREATE TABLE inmate (
    id                     uuid        PRIMARY KEY,
    version                bigint      NOT NULL CHECK (version >= 0),
    last_updated           timestamptz NOT NULL,
    cpr                    text        NOT NULL CHECK (cpr ~ '^[0-9]{10}$'),
    name                   text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    birth_date             date        NOT NULL,
    custody_status         text        NOT NULL CHECK (custody_status IN ('remand', 'sentenced', 'released')),
    expelled_by_judgment   boolean     NOT NULL DEFAULT false,
    current_institution    text        NOT NULL CHECK (length(current_institution) BETWEEN 1 AND 64),
    sentence_start         date,
    sentence_length_days   integer     CHECK (sentence_length_days BETWEEN 1 AND 36500),
    expected_parole_date   date,
    expected_release_date  date,
    actual_release_date    date,
    -- R20: the acting municipality (handlekommune), 3-digit municipality code
    acting_municipality    text        NOT NULL CHECK (acting_municipality ~ '^[0-9]{3}$'),
    created_by_org_type    text        NOT NULL,
    created_by_org_id      text        NOT NULL
);

-- Lookup by CPR is a body parameter, never a URL; the index serves POST /inmates/_lookup.
CREATE INDEX inmate_cpr_idx ON inmate (cpr);
-- Scoped reads and keyset search: each organisation's filter followed by the paging key.
CREATE INDEX inmate_institution_idx ON inmate (current_institution, id);
CREATE INDEX inmate_municipality_idx ON inmate (acting_municipality, id);
CREATE INDEX inmate_release_idx ON inmate (expected_release_date, id);

CREATE TABLE inmate_history (
    history_id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id              uuid        NOT NULL REFERENCES inmate (id),
    version                bigint      NOT NULL,
    last_updated           timestamptz NOT NULL,
    cpr                    text        NOT NULL,
    name                   text        NOT NULL,
    birth_date             date        NOT NULL,
    custody_status         text        NOT NULL,
    expelled_by_judgment   boolean     NOT NULL,
    current_institution    text        NOT NULL,
    sentence_start         date,
    sentence_length_days   integer,
    expected_parole_date   date,
    expected_release_date  date,
    actual_release_date    date,
    acting_municipality    text        NOT NULL,
    created_by_org_type    text        NOT NULL,
    created_by_org_id      text        NOT NULL,
    UNIQUE (inmate_id, version)
);

CREATE FUNCTION inmate_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO inmate_history (inmate_id, version, last_updated, cpr, name, birth_date, custody_status,
                                expelled_by_judgment, current_institution, sentence_start,
                                sentence_length_days, expected_parole_date, expected_release_date,
                                actual_release_date, acting_municipality, created_by_org_type,
                                created_by_org_id)
    VALUES (NEW.id, NEW.version, NEW.last_updated, NEW.cpr, NEW.name, NEW.birth_date, NEW.custody_status,
            NEW.expelled_by_judgment, NEW.current_institution, NEW.sentence_start,
            NEW.sentence_length_days, NEW.expected_parole_date, NEW.expected_release_date,
            NEW.actual_release_date, NEW.acting_municipality, NEW.created_by_org_type,
            NEW.created_by_org_id);
    RETURN NEW;
END;
$$;

CREATE TRIGGER inmate_versions AFTER INSERT OR UPDATE ON inmate
    FOR EACH ROW EXECUTE FUNCTION inmate_record_version();

-- A version, once written, is history: it never changes and is never removed.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER inmate_history_append_only BEFORE UPDATE OR DELETE ON inmate_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER inmate_history_no_truncate BEFORE TRUNCATE ON inmate_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
-- The current version is only ever replaced by a newer one, never deleted.
CREATE TRIGGER inmate_no_delete BEFORE DELETE ON inmate
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER inmate_no_truncate BEFORE TRUNCATE ON inmate
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
