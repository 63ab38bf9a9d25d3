-- Audit that a person can be shown (issue 12): every record about a person names the person.
--  subjects   the inmate ids the access disclosed or concerned: one row per request, however many
--             people a search page or a worklist showed (before: one row per person), indexed so
--             "every access to this person" is one index scan.
--  cpr_hmac   for a CPR lookup, HMAC-SHA256 of the CPR under the server's audit key: "who searched
--             for this CPR" is answerable by an auditor who has the CPR, and the CPR is not stored.
-- Refusals are recorded too: 'forbidden' (scope or role missing), 'precondition-failed'
-- (If-Match stale or missing); 'not-found' stays for "not yours" and "missing" alike.
ALTER TABLE audit_event ADD COLUMN subjects uuid[];
ALTER TABLE audit_event ADD COLUMN cpr_hmac text CHECK (cpr_hmac ~ '^[0-9a-f]{64}$');
ALTER TABLE audit_event DROP CONSTRAINT audit_event_outcome_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_outcome_check
    CHECK (outcome IN ('success', 'not-found', 'forbidden', 'precondition-failed'));
CREATE INDEX audit_event_subjects_idx ON audit_event USING gin (subjects);
CREATE INDEX audit_event_cpr_hmac_idx ON audit_event (cpr_hmac, id) WHERE cpr_hmac IS NOT NULL;
-- Records written before this migration name an inmate only as their resource.
CREATE INDEX audit_event_inmate_idx ON audit_event (resource_id, id) WHERE resource_type = 'Inmate';
