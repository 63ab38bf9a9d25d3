-- Action plans (handleplaner, R1): one per sentence, identified by inmate and sentence start.
-- The prison service's sections and the municipality's section are stored apart, so field-level
-- write rights (R3) are a comparison of one column. A few facts the deadline engine needs are
-- extracted on write. Versions are kept by trigger, as for inmates.
CREATE TABLE action_plan (
    id                        uuid        PRIMARY KEY,
    version                   bigint      NOT NULL CHECK (version >= 0),
    last_updated              timestamptz NOT NULL,
    inmate_id                 uuid        NOT NULL REFERENCES inmate (id),
    sentence_start            date        NOT NULL,
    prison_sections           text        NOT NULL,
    municipality_section      text        NOT NULL,
    housing_renewal_base      date,
    mentor_special_need       boolean     NOT NULL DEFAULT false,
    mentor_motivated          boolean     NOT NULL DEFAULT false,
    mentor_exit_or_extremism  boolean     NOT NULL DEFAULT false,
    created_by_org_type       text        NOT NULL,
    created_by_org_id         text        NOT NULL,
    UNIQUE (inmate_id, sentence_start)
);

CREATE TABLE action_plan_history (
    history_id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id                   uuid        NOT NULL REFERENCES action_plan (id),
    version                   bigint      NOT NULL,
    last_updated              timestamptz NOT NULL,
    inmate_id                 uuid        NOT NULL,
    sentence_start            date        NOT NULL,
    prison_sections           text        NOT NULL,
    municipality_section      text        NOT NULL,
    housing_renewal_base      date,
    mentor_special_need       boolean     NOT NULL,
    mentor_motivated          boolean     NOT NULL,
    mentor_exit_or_extremism  boolean     NOT NULL,
    created_by_org_type       text        NOT NULL,
    created_by_org_id         text        NOT NULL,
    UNIQUE (plan_id, version)
);

CREATE FUNCTION action_plan_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO action_plan_history (plan_id, version, last_updated, inmate_id, sentence_start, prison_sections,
                                     municipality_section, housing_renewal_base, mentor_special_need,
                                     mentor_motivated, mentor_exit_or_extremism, created_by_org_type,
                                     created_by_org_id)
    VALUES (NEW.id, NEW.version, NEW.last_updated, NEW.inmate_id, NEW.sentence_start, NEW.prison_sections,
            NEW.municipality_section, NEW.housing_renewal_base, NEW.mentor_special_need, NEW.mentor_motivated,
            NEW.mentor_exit_or_extremism, NEW.created_by_org_type, NEW.created_by_org_id);
    RETURN NEW;
END;
$$;

CREATE TRIGGER action_plan_versions AFTER INSERT OR UPDATE ON action_plan
    FOR EACH ROW EXECUTE FUNCTION action_plan_record_version();
CREATE TRIGGER action_plan_history_append_only BEFORE UPDATE OR DELETE ON action_plan_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER action_plan_history_no_truncate BEFORE TRUNCATE ON action_plan_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER action_plan_no_delete BEFORE DELETE ON action_plan
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
