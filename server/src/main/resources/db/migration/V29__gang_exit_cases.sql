-- R15 (issue 17): gang-exit cases, coordinated by the local exit units of the prison service, the
-- municipality and the police. Only exit-unit roles see them (dk.overgang.access.GangExitAccessPolicy):
-- the person's institution, acting municipality, and the police district the case names. Versioned
-- like the other resources; notes are append-only. Retention (V31) erases them with the person.
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
