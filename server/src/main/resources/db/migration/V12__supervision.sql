-- Supervision (tilsyn) by a probation office (KiF) of a person released on parole with supervision:
-- "Bliver afsoneren prøveløsladt med tilsyn ..." (the guide's §3.2.5), "Kriminalforsorgen kan tildele
-- dømte, der er i tilsyn, en mentor" (§3.3.4). One current assignment per person, versioned like the
-- inmate; a probation office sees exactly the people whose assignment names it and has not ended
-- (access.InmateVisibility).
CREATE TABLE supervision (
    inmate_id           uuid        PRIMARY KEY REFERENCES inmate (id),
    version             bigint      NOT NULL CHECK (version >= 0),
    last_updated        timestamptz NOT NULL,
    probation_office    text        NOT NULL CHECK (length(probation_office) BETWEEN 1 AND 64),
    -- assigned: will supervise (before the release); active: supervises; ended: no longer.
    status              text        NOT NULL CHECK (status IN ('assigned', 'active', 'ended')),
    supervision_from    date        NOT NULL,
    supervision_until   date        CHECK (supervision_until IS NULL OR supervision_until >= supervision_from),
    note                text        CHECK (length(note) <= 2000),
    updated_by_sub      text        NOT NULL,
    updated_by_org_type text        NOT NULL,
    updated_by_org_id   text        NOT NULL
);
-- Each probation office's people: the visibility predicate's semi-join and its searches.
CREATE INDEX supervision_by_office ON supervision (probation_office, inmate_id) WHERE status <> 'ended';

CREATE TABLE supervision_history (
    history_id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inmate_id           uuid        NOT NULL REFERENCES inmate (id),
    version             bigint      NOT NULL,
    last_updated        timestamptz NOT NULL,
    probation_office    text        NOT NULL,
    status              text        NOT NULL,
    supervision_from    date        NOT NULL,
    supervision_until   date,
    note                text,
    updated_by_sub      text        NOT NULL,
    updated_by_org_type text        NOT NULL,
    updated_by_org_id   text        NOT NULL,
    UNIQUE (inmate_id, version)
);

CREATE FUNCTION supervision_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO supervision_history (inmate_id, version, last_updated, probation_office, status, supervision_from,
                                     supervision_until, note, updated_by_sub, updated_by_org_type, updated_by_org_id)
    VALUES (NEW.inmate_id, NEW.version, NEW.last_updated, NEW.probation_office, NEW.status, NEW.supervision_from,
            NEW.supervision_until, NEW.note, NEW.updated_by_sub, NEW.updated_by_org_type, NEW.updated_by_org_id);
    RETURN NEW;
END;
$$;

CREATE TRIGGER supervision_versions AFTER INSERT OR UPDATE ON supervision
    FOR EACH ROW EXECUTE FUNCTION supervision_record_version();
CREATE TRIGGER supervision_history_append_only BEFORE UPDATE OR DELETE ON supervision_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER supervision_history_no_truncate BEFORE TRUNCATE ON supervision_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER supervision_no_delete BEFORE DELETE ON supervision
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER supervision_no_truncate BEFORE TRUNCATE ON supervision
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
