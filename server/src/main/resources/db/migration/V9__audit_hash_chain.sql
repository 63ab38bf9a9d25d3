-- Audit integrity: every audit record carries the SHA-256 of its predecessor's hash and its own
-- content, in an unbroken sequence (chain_seq), so a record changed or removed behind the API's
-- back (by someone with direct database rights who also disables the append-only triggers) is found
-- by `VerifyAuditChain`. The chain is extended under a transaction-level advisory lock, so
-- concurrent writers append one after another in commit order.
ALTER TABLE audit_event ADD COLUMN chain_seq bigint;
ALTER TABLE audit_event ADD COLUMN prev_hash bytea;
ALTER TABLE audit_event ADD COLUMN hash bytea;

-- The one definition of what a record's hash covers, used by the trigger and by the verifier.
CREATE FUNCTION audit_event_content(e audit_event) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT convert_to(concat_ws('|', e.chain_seq, e.id, to_char(e.recorded AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                                e.actor_sub, e.actor_org_type, e.actor_org_id, coalesce(e.actor_client_id, ''),
                                e.resource_type, coalesce(e.resource_id::text, ''), e.action, e.outcome), 'UTF8')
$$;

CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last audit_event%ROWTYPE;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('overgang.audit_event.chain'));
    SELECT * INTO last FROM audit_event ORDER BY chain_seq DESC NULLS LAST LIMIT 1;
    NEW.chain_seq := coalesce(last.chain_seq, 0) + 1;
    NEW.prev_hash := last.hash;
    NEW.hash := sha256(coalesce(NEW.prev_hash, ''::bytea) || audit_event_content(NEW));
    RETURN NEW;
END;
$$;

-- Chain what is already there, in id order.
DO $$
DECLARE
    r audit_event%ROWTYPE;
    prev bytea := NULL;
    seq bigint := 0;
BEGIN
    ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only;
    FOR r IN SELECT * FROM audit_event ORDER BY id LOOP
        seq := seq + 1;
        r.chain_seq := seq;
        r.prev_hash := prev;
        r.hash := sha256(coalesce(prev, ''::bytea) || audit_event_content(r));
        UPDATE audit_event SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
        prev := r.hash;
    END LOOP;
    ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only;
END;
$$;

ALTER TABLE audit_event ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE audit_event ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_event_chain_seq ON audit_event (chain_seq);

CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
