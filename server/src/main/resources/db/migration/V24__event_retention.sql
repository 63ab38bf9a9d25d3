-- Issue 14: events and deliveries are kept for OVERGANG_EVENTS_RETENTION (default 90 days), then the
-- retention job removes finished deliveries and the events no delivery needs any longer. An event is
-- still never changed; it may be removed only once it is older than a week (a floor the database
-- keeps whatever the setting), so a mistaken setting or a stray statement cannot empty the outbox.
DROP TRIGGER event_append_only ON event;
CREATE TRIGGER event_append_only BEFORE UPDATE ON event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE FUNCTION refuse_recent_event_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.occurred_at > now() - interval '7 days' THEN
        RAISE EXCEPTION 'an event younger than 7 days is not removed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER event_kept_a_week BEFORE DELETE ON event
    FOR EACH ROW EXECUTE FUNCTION refuse_recent_event_delete();
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- What the retention job reads: events by age, and whether any delivery still points at one.
CREATE INDEX event_occurred_idx ON event (occurred_at, id);
CREATE INDEX delivery_event_idx ON delivery (event_pk);
