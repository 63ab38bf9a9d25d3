-- The municipality directory (R22, issue 14): each municipality's central contact point, maintained by
-- the municipality itself, and its default notification endpoint, kept as a subscription (so the
-- delivery workers, signatures, retries and dead letters are the same as for any subscription).
CREATE TABLE municipality_directory (
    code                       text PRIMARY KEY CHECK (code ~ '^[0-9]{3}$'),
    version                    bigint NOT NULL,
    last_updated               timestamptz NOT NULL,
    name                       text NOT NULL,
    contact_unit               text NOT NULL,
    contact_email              text NOT NULL,
    contact_phone              text,
    notification_subscription  uuid REFERENCES subscription (id),
    updated_by_sub             text NOT NULL
);
