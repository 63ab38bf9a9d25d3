-- The audit log: one row per access to person data (read, search, write), written in the same
-- transaction as the access. Append-only, enforced here so that not even the server's own database
-- role can change or remove a row.
CREATE TABLE audit_event (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded         timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_sub        text        NOT NULL,
    actor_org_type   text        NOT NULL,
    actor_org_id     text        NOT NULL,
    actor_client_id  text,
    resource_type    text        NOT NULL,
    resource_id      uuid,
    action           text        NOT NULL CHECK (action IN ('create', 'read', 'update', 'search', 'history', 'lookup')),
    outcome          text        NOT NULL CHECK (outcome IN ('success', 'not-found'))
);

CREATE INDEX audit_event_resource_idx ON audit_event (resource_type, resource_id, id);

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
