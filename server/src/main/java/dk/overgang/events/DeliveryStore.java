package dk.overgang.events;

import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

    /**
     * A claimed delivery with what sending it needs: the subscription, the event, and whether the
     * subscriber may see it now ({@link EventAudience#VISIBLE}, evaluated as it is claimed).
     */
    record Claim(long deliveryId, int attempt, SubscriptionStore.SubscriptionRow subscription, SubscriptionStore.EventRow event,
                 boolean visible) {

        UUID subscriptionId() {
            return subscription.id();
        }
    }

    /** How an attempt ended: a final status (delivered, skipped, dead), or pending again at {@code nextAttemptAt}. */
    record Outcome(long deliveryId, String status, Integer lastStatus, String lastError, Instant at, Instant nextAttemptAt) {
    }

    /**
     * Claims up to {@code limit} due deliveries, at most {@code perSubscription} of one subscription,
     * none of {@code saturated} subscriptions, and none while an earlier delivery for the same
     * subscription and resource is still pending (order per resource). Round robin: the first due
     * delivery of every subscription comes before the second of any, so a subscription with a backlog
     * (a receiver that was down) does not keep the others waiting. Only the first 5,000 due deliveries
     * (the partial index {@code delivery_due_idx}'s order) are considered, and the per-resource check
     * runs on those alone: a claim costs the same with a backlog of millions, even while the planner's
     * statistics still think the table small (measured: a burst of 200,000 deliveries made the check
     * run over every pending row, 0.7 s a claim, when it came before the limit). The claim returns the subscription and the event with it (one round
     * trip for a batch, none per delivery).
     */
    List<Claim> claim(int limit, int perSubscription, int leaseSeconds, Collection<UUID> saturated) {
        return jdbc.prepareStatement("""
                WITH head AS MATERIALIZED (
                    SELECT d.id, d.subscription_id, d.resource_id, d.claimed_until FROM delivery d
                     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                     ORDER BY d.next_attempt_at, d.id LIMIT 5000),
                due AS (
                    SELECT h.id, h.subscription_id FROM head h
                     WHERE (h.claimed_until IS NULL OR h.claimed_until < now())
                       AND h.subscription_id <> ALL (?)
                       AND NOT EXISTS (SELECT 1 FROM delivery x WHERE x.subscription_id = h.subscription_id
                                          AND x.resource_id = h.resource_id AND x.status = 'pending' AND x.id < h.id)),
                candidates AS (
                    SELECT c.id FROM (SELECT due.id, row_number() OVER (PARTITION BY due.subscription_id ORDER BY due.id) AS n
                                        FROM due) c
                     WHERE c.n <= ? ORDER BY c.n, c.id LIMIT ?),
                locked AS (
                    SELECT d.id FROM delivery d JOIN candidates c ON c.id = d.id
                     WHERE d.status = 'pending' AND (d.claimed_until IS NULL OR d.claimed_until < now())
                       FOR UPDATE OF d SKIP LOCKED)
                UPDATE delivery d SET claimed_until = now() + make_interval(secs => ?), attempts = d.attempts + 1
                  FROM locked, subscription sub, event e
                 WHERE d.id = locked.id AND sub.id = d.subscription_id AND e.id = d.event_pk
                RETURNING d.id, d.attempts,
                       sub.id, sub.version, sub.last_updated, sub.org_type, sub.org_id, sub.endpoint, sub.event_types,
                       sub.secret, sub.previous_secret, sub.previous_secret_until, sub.status, sub.created_at,
                       e.id, e.event_id, e.type, e.resource_type, e.resource_id, e.resource_version, e.inmate_id,
                       e.previous_municipality, e.municipality, e.occurred_at, e.obligation_kind, e.due_date,
                       """ + EventAudience.VISIBLE + """
                 AS visible""", ps -> {
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
                    claims.add(new Claim(rs.getLong(1), rs.getInt(2), SubscriptionStore.subscription(rs, 3),
                            SubscriptionStore.event(rs, 15), rs.getBoolean(27)));
                }
            }
            return claims;
        });
    }

    /** Gives claims back (a server shutting down): due again at once for any server, the attempt not counted. */
    void release(Collection<Long> deliveryIds) {
        jdbc.prepareStatement("""
                UPDATE delivery SET claimed_until = NULL, attempts = greatest(attempts - 1, 0)
                 WHERE id = ANY (?) AND status = 'pending' AND claimed_until IS NOT NULL""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", deliveryIds.toArray()));
            return ps.executeUpdate();
        });
    }

    /**
     * Records how attempts ended, many in one statement (one commit for a batch instead of one per
     * delivery: the commit is what a delivery worker waits for). A final status ends the claim; a
     * retry leaves the delivery pending with its next attempt.
     */
    void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("""
                UPDATE delivery d SET status = v.status, last_status = v.last_status, last_error = v.last_error,
                       claimed_until = NULL,
                       delivered_at = CASE WHEN v.status = 'delivered' THEN v.at ELSE d.delivered_at END,
                       next_attempt_at = coalesce(v.next_attempt_at, d.next_attempt_at)
                  FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS integer[]), CAST(? AS text[]),
                              CAST(? AS timestamptz[]), CAST(? AS timestamptz[])) AS v (id, status, last_status, last_error, at, next_attempt_at)
                 WHERE d.id = v.id""", ps -> {
            var c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("bigint", outcomes.stream().map(Outcome::deliveryId).toArray()));
            ps.setArray(2, c.createArrayOf("text", outcomes.stream().map(Outcome::status).toArray()));
            ps.setArray(3, c.createArrayOf("integer", outcomes.stream().map(Outcome::lastStatus).toArray()));
            ps.setArray(4, c.createArrayOf("text", outcomes.stream().map(Outcome::lastError).toArray()));
            // Instants as ISO-8601 text (UTC, unambiguous whatever the session's time zone), cast in SQL.
            ps.setArray(5, c.createArrayOf("text", outcomes.stream().map(o -> o.at().toString()).toArray()));
            ps.setArray(6, c.createArrayOf("text", outcomes.stream()
                    .map(o -> o.nextAttemptAt() == null ? null : o.nextAttemptAt().toString()).toArray()));
            return ps.executeUpdate();
        });
    }
}
