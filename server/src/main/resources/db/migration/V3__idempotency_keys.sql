-- Idempotent create: a client's Idempotency-Key, per organisation, names the resource its first
-- request created. The key row is inserted before the resource, in the same transaction, so a
-- concurrent retry waits for the first request and then finds its result.
CREATE TABLE idempotency_key (
    org_type       text        NOT NULL,
    org_id         text        NOT NULL,
    key            text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash   char(64)    NOT NULL,
    resource_type  text        NOT NULL,
    resource_id    uuid,
    created        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_type, org_id, key)
);
