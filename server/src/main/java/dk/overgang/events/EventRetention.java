package dk.overgang.events;

import io.micronaut.context.annotation.Value;
import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the outbox from growing for ever (issue 14). Every {@code overgang.events.retention-interval}
 * it removes the deliveries of events older than {@code overgang.events.retention} that are finished
 * (delivered, skipped or dead; a pending one is left alone), then the events that old that no delivery
 * points at any longer. In batches of {@value #BATCH} rows, each its own short transaction; deliveries
 * are taken with {@code SKIP LOCKED} so a run never waits for a delivery worker. (Events cannot be
 * locked that way: {@code FOR UPDATE} needs the UPDATE privilege the server does not have on them; two
 * servers removing the same old events at once merely wait for each other.) The database refuses to
 * remove an event younger than a week whatever the setting (V24).
 */
@Singleton
@Connectable
public class EventRetention {

    private static final Logger LOG = LoggerFactory.getLogger(EventRetention.class);
    static final int BATCH = 5_000;
    private static final Duration FLOOR = Duration.ofDays(7);

    private final Sql sql;
    private final Clock clock;
    private final Duration retention;
    private final boolean enabled;

    EventRetention(Sql sql, Clock clock, @Value("${overgang.events.retention:90d}") Duration retention,
                   @Value("${overgang.webhooks.give-up-after:3d}") Duration giveUpAfter,
                   @Value("${overgang.events.retention-enabled:true}") boolean enabled) {
        if (retention.compareTo(FLOOR) < 0 || retention.compareTo(giveUpAfter) <= 0) {
            throw new IllegalStateException("OVERGANG_EVENTS_RETENTION (" + retention + ") must be at least 7 days and longer"
                    + " than OVERGANG_WEBHOOK_GIVE_UP_AFTER (" + giveUpAfter + "), so no delivery is removed while it is tried");
        }
        this.sql = sql;
        this.clock = clock;
        this.retention = retention;
        this.enabled = enabled;
    }

    /** What one run removed. */
    public record Removed(int deliveries, int events) {
    }

    @Scheduled(fixedDelay = "${overgang.events.retention-interval:1h}", initialDelay = "5m")
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            Removed removed = removeOlderThan(clock.instant().minus(retention));
            if (removed.deliveries() + removed.events() > 0) {
                LOG.info("Event retention: removed {} deliveries and {} events older than {}", removed.deliveries(),
                        removed.events(), retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Event retention failed, tried again in the next run: {}", e.getMessage());
        }
    }

    /** Removes finished deliveries of events before {@code cutoff}, then those events when nothing points at them. */
    public Removed removeOlderThan(Instant cutoff) {
        int deliveries = inBatches("""
                DELETE FROM delivery WHERE id IN (
                    SELECT d.id FROM event e JOIN delivery d ON d.event_pk = e.id
                     WHERE e.occurred_at < :cutoff AND d.status <> 'pending'
                     LIMIT :batch FOR UPDATE OF d SKIP LOCKED)""", cutoff);
        int events = inBatches("""
                DELETE FROM event WHERE id IN (
                    SELECT e.id FROM event e
                     WHERE e.occurred_at < :cutoff AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_pk = e.id)
                     ORDER BY e.occurred_at LIMIT :batch)""", cutoff);
        return new Removed(deliveries, events);
    }

    private int inBatches(String statement, Instant cutoff) {
        int total = 0;
        int removed;
        do {
            removed = sql.run(h -> h.createUpdate(statement).bind("cutoff", cutoff).bind("batch", BATCH).execute());
            total += removed;
        } while (removed == BATCH);
        return total;
    }
}
