-- Issue 16: the outbox gauges count dead letters every 15 seconds; with this partial index that
-- stays cheap however many delivered rows the retention period keeps.
CREATE INDEX delivery_dead_idx ON delivery (subscription_id, id) WHERE status = 'dead';
