-- LS/RNR risk-and-needs assessments (R4), made at reception by prison staff. Read by prison staff
-- of the institution and probation; a municipality learns them only through a handover (R9); NGOs
-- never. Versions kept by trigger, as for every resource.
CREATE TABLE lsrnr_assessment (
    id                   uuid        PRIMARY KEY,
    version              bigint      NOT NULL CHECK (version >= 0),
    last_updated         timestamptz NOT NULL,
    inmate_id            uuid        NOT NULL REFERENCES inmate (id),
    assessed_on          date        NOT NULL,
    assessor             text        NOT NULL,
    risk_level           text        NOT NULL CHECK (risk_level IN ('very-low', 'low', 'medium', 'high', 'very-high')),
    needs                text        NOT NULL,
    strengths            text,
    responsivity         text,
    created_by_org_type  text        NOT NULL,
    created_by_org_id    text        NOT NULL
);
CREATE INDEX lsrnr_assessment_by_inmate ON lsrnr_assessment (inmate_id, assessed_on DESC);

CREATE TABLE lsrnr_assessment_history (
    history_id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assessment_id        uuid        NOT NULL REFERENCES lsrnr_assessment (id),
    version              bigint      NOT NULL,
    last_updated         timestamptz NOT NULL,
    inmate_id            uuid        NOT NULL,
    assessed_on          date        NOT NULL,
    assessor             text        NOT NULL,
    risk_level           text        NOT NULL,
    needs                text        NOT NULL,
    strengths            text,
    responsivity         text,
    created_by_org_type  text        NOT NULL,
    created_by_org_id    text        NOT NULL,
    UNIQUE (assessment_id, version)
);

CREATE FUNCTION lsrnr_assessment_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lsrnr_assessment_history (assessment_id, version, last_updated, inmate_id, assessed_on, assessor,
                                          risk_level, needs, strengths, responsivity, created_by_org_type,
                                          created_by_org_id)
    VALUES (NEW.id, NEW.version, NEW.last_updated, NEW.inmate_id, NEW.assessed_on, NEW.assessor, NEW.risk_level,
            NEW.needs, NEW.strengths, NEW.responsivity, NEW.created_by_org_type, NEW.created_by_org_id);
    RETURN NEW;
END;
$$;

CREATE TRIGGER lsrnr_assessment_versions AFTER INSERT OR UPDATE ON lsrnr_assessment
    FOR EACH ROW EXECUTE FUNCTION lsrnr_assessment_record_version();
CREATE TRIGGER lsrnr_assessment_history_append_only BEFORE UPDATE OR DELETE ON lsrnr_assessment_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER lsrnr_assessment_history_no_truncate BEFORE TRUNCATE ON lsrnr_assessment_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER lsrnr_assessment_no_delete BEFORE DELETE ON lsrnr_assessment
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
