-- Parole (prøveløsladelse) can be refused. While parole is expected (a date set, not refused) the
-- expected parole date is the expected release every deadline counts from (rules.ExpectedRelease);
-- once refused, the full term is. Refusing recomputes the case like any other change of the inmate.
ALTER TABLE inmate ADD COLUMN parole_refused boolean NOT NULL DEFAULT false;
ALTER TABLE inmate_history ADD COLUMN parole_refused boolean NOT NULL DEFAULT false;

-- A parole comes before the end of the full term. NOT VALID: rows written before this rule stand as
-- they were (history must never change); every new version is checked.
ALTER TABLE inmate ADD CONSTRAINT inmate_parole_before_release
    CHECK (expected_parole_date IS NULL OR expected_release_date IS NULL OR expected_parole_date <= expected_release_date)
    NOT VALID;

CREATE OR REPLACE FUNCTION inmate_record_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO inmate_history (inmate_id, version, last_updated, cpr, name, birth_date, custody_status,
                                expelled_by_judgment, current_institution, sentence_start,
                                sentence_length_days, expected_parole_date, expected_release_date,
                                actual_release_date, acting_municipality, created_by_org_type,
                                created_by_org_id, parole_refused)
    VALUES (NEW.id, NEW.version, NEW.last_updated, NEW.cpr, NEW.name, NEW.birth_date, NEW.custody_status,
            NEW.expelled_by_judgment, NEW.current_institution, NEW.sentence_start,
            NEW.sentence_length_days, NEW.expected_parole_date, NEW.expected_release_date,
            NEW.actual_release_date, NEW.acting_municipality, NEW.created_by_org_type,
            NEW.created_by_org_id, NEW.parole_refused);
    RETURN NEW;
END;
$$;
