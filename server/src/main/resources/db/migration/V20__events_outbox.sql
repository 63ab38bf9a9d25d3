-- Events (issue 14): a transactional outbox. Every change worth telling is written to `event` in the
-- same transaction as the change itself, with one `delivery` row per matching active subscription;
-- delivery workers on any number of server instances claim deliveries with FOR UPDATE SKIP LOCKED,
-- post them, and retry with backoff until they are delivered or given up on (dead). Nothing committed
-- is lost: an event exists exactly when its change does.
CREATE TABLE event (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          uuid NOT NULL UNIQUE,
    type              text NOT NULL,
    resource_type     text NOT NULL,
    resource_id       uuid NOT NULL,
    resource_version  bigint NOT NULL,
    inmate_id         uuid REFERENCES inmate (id),
    -- Organisations that receive this event although they may not see the person (R20: the old
    -- acting municipality is told of the change), as 'org_type:org_id'.
    extra_audience    text[] NOT NULL DEFAULT '{}',
    previous_municipality text,
    municipality      text,
    occurred_at       timestamptz NOT NULL
);
CREATE INDEX event_inmate_idx ON event (inmate_id, id);
CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE subscription (
    id                         uuid PRIMARY KEY,
    version                    bigint NOT NULL,
    last_updated               timestamptz NOT NULL,
    org_type                   text NOT NULL,
    org_id                     text NOT NULL,
    endpoint                   text NOT NULL CHECK (length(endpoint) <= 512),
    event_types                text[] NOT NULL,
    -- The HMAC keys (Standard Webhooks). Kept to sign, never shown again after creation or rotation.
    secret                     text NOT NULL,
    previous_secret            text,
    previous_secret_until      timestamptz,
    status                     text NOT NULL CHECK (status IN ('active', 'stopped')),
    created_at                 timestamptz NOT NULL,
    created_by_sub             text NOT NULL
);
CREATE INDEX subscription_org_idx ON subscription (org_type, org_id);
CREATE INDEX subscription_types_idx ON subscription USING gin (event_types) WHERE status = 'active';

CREATE TABLE delivery (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id    uuid NOT NULL REFERENCES subscription (id),
    event_pk           bigint NOT NULL REFERENCES event (id),
    -- Order per resource: a delivery waits while an earlier one for the same resource is pending.
    resource_id        uuid NOT NULL,
    status             text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead', 'skipped')),
    attempts           integer NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    claimed_until      timestamptz,
    last_status        integer,
    last_error         text,
    delivered_at       timestamptz,
    UNIQUE (subscription_id, event_pk)
);
-- What the workers claim: due pending deliveries, in order.
CREATE INDEX delivery_due_idx ON delivery (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX delivery_resource_idx ON delivery (subscription_id, resource_id, id) WHERE status = 'pending';
CREATE INDEX delivery_subscription_idx ON delivery (subscription_id, id);
