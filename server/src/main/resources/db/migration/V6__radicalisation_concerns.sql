-- R16: a radicalisation concern, recorded by the prison service's security unit only. Read by the
-- deadline engine (Infohus notice); never shown to municipality roles.
CREATE TABLE radicalisation_concern (
    inmate_id        uuid        PRIMARY KEY REFERENCES inmate (id),
    since            date        NOT NULL,
    recorded         timestamptz NOT NULL DEFAULT clock_timestamp(),
    recorded_by_sub  text        NOT NULL,
    org_id           text        NOT NULL
);

ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check
    CHECK (action IN ('create', 'read', 'update', 'search', 'history', 'lookup', 'fulfil', 'delete'));
