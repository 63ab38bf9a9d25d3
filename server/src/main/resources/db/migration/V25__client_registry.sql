-- Issue 15: the client registry and the SMART Backend Services token endpoint. A client is a machine
-- acting for one organisation, with the scopes it may be granted and its public keys (inline, or the
-- address where it publishes them). Suspension and the read-only flag are read on every request made
-- with a token Overgang issued to it.
CREATE TABLE client (
    id              text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{3,64}$'),
    version         bigint NOT NULL,
    last_updated    timestamptz NOT NULL,
    name            text NOT NULL,
    org_type        text NOT NULL,
    org_id          text NOT NULL,
    scopes          text[] NOT NULL,
    roles           text[] NOT NULL DEFAULT '{}',
    jwks            jsonb,
    jwks_url        text CHECK (length(jwks_url) <= 512),
    status          text NOT NULL CHECK (status IN ('active', 'suspended')),
    read_only       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    created_by_sub  text NOT NULL,
    updated_by_sub  text NOT NULL,
    CHECK ((jwks IS NULL) <> (jwks_url IS NULL))
);
CREATE INDEX client_created_idx ON client (created_at DESC, id);

-- RFC 7523 §3: an assertion's jti is used once. Kept until the assertion expires; a second use, on
-- any server, finds the row (primary key) and is refused.
CREATE TABLE client_assertion (
    client_id   text NOT NULL REFERENCES client (id),
    jti         text NOT NULL CHECK (length(jti) <= 256),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (client_id, jti)
);
CREATE INDEX client_assertion_expiry_idx ON client_assertion (expires_at);
