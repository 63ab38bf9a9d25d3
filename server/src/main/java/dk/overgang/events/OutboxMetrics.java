package dk.overgang.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import java.sql.ResultSet;
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
@Connectable
@Requires(beans = MeterRegistry.class)
class OutboxMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMetrics.class);

    private final JdbcOperations jdbc;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();

    OutboxMetrics(JdbcOperations jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
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
            jdbc.prepareStatement("""
                    SELECT (SELECT count(*) FROM delivery WHERE status = 'pending' AND next_attempt_at <= now()),
                           coalesce((SELECT extract(epoch FROM now() - min(next_attempt_at)) FROM delivery
                                      WHERE status = 'pending' AND next_attempt_at <= now()), 0),
                           (SELECT count(*) FROM delivery WHERE status = 'dead')""", ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    due.set(rs.getLong(1));
                    lagSeconds.set((long) rs.getDouble(2));
                    dead.set(rs.getLong(3));
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("Outbox metrics not refreshed: {}", e.getMessage());
        }
    }
}
