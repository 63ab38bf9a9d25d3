package dk.overgang.events;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery workers' SQL. Each statement is its own short transaction (autocommit): a claim is one
 * {@code UPDATE ... FOR UPDATE SKIP LOCKED ... RETURNING}, so several server instances claim side by
 * side without waiting for or duplicating each other; a claim is a lease, so a delivery claimed by a
 * server that died is claimed again when the lease runs out (at least once).
 */
@Singleton
@Connectable
class DeliveryStore {

    private final JdbcOperations jdbc;

    DeliveryStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    record Claim(long deliveryId, UUID subscriptionId, int attempt) {
    }

    /** What one delivery needs: the subscription, the event, and whether the subscriber may see the person now. */
    record Target(SubscriptionStore.SubscriptionRow subscription, SubscriptionStore.EventRow event, boolean visible) {
    }

    /**
     * Claims up to {@code limit} due deliveries, at most {@code perSubscription} of one subscription,
     * none of {@code saturated} subscriptions, and none while an earlier delivery for the same
     * subscription and resource is still pending (order per resource). Round robin: the first due
     * delivery of every subscription comes before the second of any, so a subscription with a backlog
     * (a receiver that was down) does not keep the others waiting. The due deliveries are read in the
     * order of the partial index {@code delivery_due_idx}, at most 5,000, so a claim costs the same
     * with a backlog of millions.
     */
    List<Claim> claim(int limit, int perSubscription, int leaseSeconds, Collection<UUID> saturated) {
        return jdbc.prepareStatement("""
                WITH due AS (
                    SELECT d.id, d.subscription_id FROM delivery d
                     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                       AND (d.claimed_until IS NULL OR d.claimed_until < now())
                       AND d.subscription_id <> ALL (?)
                       AND NOT EXISTS (SELECT 1 FROM delivery x WHERE x.subscription_id = d.subscription_id
                                          AND x.resource_id = d.resource_id AND x.status = 'pending' AND x.id < d.id)
                     ORDER BY d.next_attempt_at, d.id LIMIT 5000),
                candidates AS (
                    SELECT c.id FROM (SELECT due.id, row_number() OVER (PARTITION BY due.subscription_id ORDER BY due.id) AS n
                                        FROM due) c
                     WHERE c.n <= ? ORDER BY c.n, c.id LIMIT ?),
                locked AS (
                    SELECT d.id FROM delivery d JOIN candidates c ON c.id = d.id
                     WHERE d.status = 'pending' AND (d.claimed_until IS NULL OR d.claimed_until < now())
                       FOR UPDATE OF d SKIP LOCKED)
                UPDATE delivery d SET claimed_until = now() + make_interval(secs => ?), attempts = d.attempts + 1
                  FROM locked WHERE d.id = locked.id
                RETURNING d.id, d.subscription_id, d.attempts""", ps -> {
            // Planned anew each time: a plan cached while the table was small (a generic plan after five
            // runs) can turn the anti join into a scan per row once thousands of deliveries are pending.
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", saturated.toArray()));
            ps.setInt(2, perSubscription);
            ps.setInt(3, limit);
            ps.setInt(4, leaseSeconds);
            List<Claim> claims = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claims.add(new Claim(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3)));
                }
            }
            return claims;
        });
    }

    Optional<Target> target(long deliveryId) {
        return jdbc.prepareStatement("""
                SELECT sub.id, sub.version, sub.last_updated, sub.org_type, sub.org_id, sub.endpoint, sub.event_types,
                       sub.secret, sub.previous_secret, sub.previous_secret_until, sub.status, sub.created_at,
                       e.id, e.event_id, e.type, e.resource_type, e.resource_id, e.resource_version, e.inmate_id,
                       e.previous_municipality, e.municipality, e.occurred_at, e.obligation_kind, e.due_date,
                       """ + EventAudience.VISIBLE + """
                 AS visible
                  FROM delivery d JOIN subscription sub ON sub.id = d.subscription_id JOIN event e ON e.id = d.event_pk
                 WHERE d.id = ?""", ps -> {
            ps.setLong(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Target(SubscriptionStore.subscription(rs, 1), SubscriptionStore.event(rs, 13),
                        rs.getBoolean(25)));
            }
        });
    }

    /** Ends a claimed delivery: delivered, skipped or dead, with the last answer. */
    void finish(long deliveryId, String status, Integer lastStatus, String lastError, Instant now) {
        jdbc.prepareStatement("""
                UPDATE delivery SET status = ?, last_status = ?, last_error = ?, claimed_until = NULL,
                       delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
                 WHERE id = ?""", ps -> {
            ps.setString(1, status);
            ps.setObject(2, lastStatus);
            ps.setString(3, lastError);
            ps.setString(4, status);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setLong(6, deliveryId);
            return ps.executeUpdate();
        });
    }

    /** A failed attempt: tried again at {@code next}. */
    void retry(long deliveryId, Integer lastStatus, String lastError, Instant next) {
        jdbc.prepareStatement("""
                UPDATE delivery SET last_status = ?, last_error = ?, claimed_until = NULL, next_attempt_at = ?
                 WHERE id = ?""", ps -> {
            ps.setObject(1, lastStatus);
            ps.setString(2, lastError);
            ps.setTimestamp(3, Timestamp.from(next));
            ps.setLong(4, deliveryId);
            return ps.executeUpdate();
        });
    }
}
