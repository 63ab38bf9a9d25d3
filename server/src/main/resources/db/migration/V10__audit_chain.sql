-- Audit integrity: every audit record is sealed into a SHA-256 hash chain. One sealer (the server
-- holding an advisory lock) appends links after the records are committed and have settled, so
-- writing an audit record never waits for another. Each link covers the record's id and content and
-- the previous link, so removing or changing a sealed record, or a link, breaks the chain where it
-- happened; `dk.overgang.audit.VerifyAuditChain` finds it.
CREATE TABLE audit_chain (
    seq        bigint      PRIMARY KEY CHECK (seq >= 1),
    event_id   bigint      NOT NULL UNIQUE,
    hash       text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    sealed_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain FROM CURRENT_USER;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM CURRENT_USER;
