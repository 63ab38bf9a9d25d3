-- Seed 001 §2 (issue 17): the person is told, when the action plan is made, that personal data is
-- processed and passed on to the municipality, and as a rule of every exchange of information (KSP).
-- Prison staff record when, how and about what; kept as written. Retention (V31) erases them with the person.
CREATE TABLE information_notice (
    id                  uuid        PRIMARY KEY,
    inmate_id           uuid        NOT NULL REFERENCES inmate (id),
    topic               text        NOT NULL CHECK (topic IN ('action-plan', 'ksp-exchange', 'privacy-page')),
    informed_on         date        NOT NULL,
    method              text        NOT NULL CHECK (method IN ('in-person', 'letter', 'digital-post')),
    note                text        CHECK (length(note) <= 4000),
    recorded_at         timestamptz NOT NULL,
    recorded_by_sub     text        NOT NULL,
    recorded_by_org_type text       NOT NULL,
    recorded_by_org_id  text        NOT NULL
);
CREATE INDEX information_notice_by_inmate ON information_notice (inmate_id, recorded_at);
CREATE TRIGGER information_notice_append_only BEFORE UPDATE OR DELETE ON information_notice
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
