-- Audit integrity: audit records are sealed into a SHA-256 hash chain. One sealer (the server
-- holding an advisory lock) appends a link per batch of records after they are committed and have
-- settled, so writing an audit record never waits for another. A link covers every record with an id
-- after the previous link's last id up to its own last id (ids and contents) and the previous link,
-- so removing, changing or slipping in a record in a sealed range, or touching a link, breaks the
-- chain there; `dk.overgang.audit.VerifyAuditChain` finds it.
CREATE TABLE audit_chain (
    seq             bigint      PRIMARY KEY CHECK (seq >= 1),
    first_event_id  bigint      NOT NULL,
    last_event_id   bigint      NOT NULL UNIQUE CHECK (last_event_id >= first_event_id),
    record_count    integer     NOT NULL CHECK (record_count >= 1),
    hash            text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    sealed_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain FROM CURRENT_USER;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM CURRENT_USER;
