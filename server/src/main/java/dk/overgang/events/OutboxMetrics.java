package dk.overgang.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.scheduling.annotation.Scheduled;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 16: the outbox's state as Prometheus gauges, read from the database every 15 seconds (one
 * query over partial indexes, so it costs the same however many deliveries are kept; every replica
 * reports the same figures):
 * {@code overgang_outbox_due_deliveries} (due now, not yet sent), {@code overgang_outbox_lag_seconds}
 * (how long the oldest due delivery has waited) and {@code overgang_outbox_dead_deliveries} (parked).
 * No label names a subscriber or a person.
 */
@Context // the gauges exist from the start, not from the first refresh
@Requires(beans = MeterRegistry.class)
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
class OutboxMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMetrics.class);

    private final Sql sql;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();

    OutboxMetrics(Sql sql, MeterRegistry registry) {
        this.sql = sql;
        Gauge.builder("overgang.outbox.due.deliveries", due, AtomicLong::get)
                .description("Deliveries due now and not yet sent").register(registry);
        Gauge.builder("overgang.outbox.lag.seconds", lagSeconds, AtomicLong::get)
                .description("How long the oldest due delivery has waited").baseUnit("seconds").register(registry);
        Gauge.builder("overgang.outbox.dead.deliveries", dead, AtomicLong::get)
                .description("Deliveries given up on (dead letters)").register(registry);
    }

    @Scheduled(fixedDelay = "15s", initialDelay = "5s")
    void refresh() {
        try {
            sql.use(h -> h.createQuery("""
                            SELECT (SELECT count(*) FROM delivery WHERE status = 'pending' AND next_attempt_at <= now()) AS due,
                                   coalesce((SELECT extract(epoch FROM now() - min(next_attempt_at)) FROM delivery
                                              WHERE status = 'pending' AND next_attempt_at <= now()), 0) AS lag_seconds,
                                   (SELECT count(*) FROM delivery WHERE status = 'dead') AS dead""")
                    .map((rs, ctx) -> {
                        due.set(rs.getLong("due"));
                        lagSeconds.set((long) rs.getDouble("lag_seconds"));
                        dead.set(rs.getLong("dead"));
                        return true;
                    })
                    .one());
        } catch (RuntimeException e) {
            LOG.debug("Outbox metrics not refreshed: {}", e.getMessage());
        }
    }
}
