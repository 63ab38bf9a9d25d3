package dk.overgang.events;

import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * The delivery workers' SQL. Each statement is its own short transaction (autocommit): a claim is one
 * {@code UPDATE ... FOR UPDATE SKIP LOCKED ... RETURNING}, so several server instances claim side by
 * side without waiting for or duplicating each other; a claim is a lease, so a delivery claimed by a
 * server that died is claimed again when the lease runs out (at least once).
 */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
class DeliveryStore {

    private final Sql sql;

    DeliveryStore(Sql sql) {
        this.sql = sql;
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
        return sql.run(h -> h.createQuery("""
                        WITH head AS MATERIALIZED (
                            SELECT d.id, d.subscription_id, d.resource_id, d.claimed_until FROM delivery d
                             WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                             ORDER BY d.next_attempt_at, d.id LIMIT 5000),
                        due AS (
                            SELECT h.id, h.subscription_id FROM head h
                             WHERE (h.claimed_until IS NULL OR h.claimed_until < now())
                               AND h.subscription_id <> ALL (:saturated)
                               AND NOT EXISTS (SELECT 1 FROM delivery x WHERE x.subscription_id = h.subscription_id
                                                  AND x.resource_id = h.resource_id AND x.status = 'pending' AND x.id < h.id)),
                        candidates AS (
                            SELECT c.id FROM (SELECT due.id, row_number() OVER (PARTITION BY due.subscription_id ORDER BY due.id) AS n
                                                FROM due) c
                             WHERE c.n <= :perSubscription ORDER BY c.n, c.id LIMIT :limit),
                        locked AS (
                            SELECT d.id FROM delivery d JOIN candidates c ON c.id = d.id
                             WHERE d.status = 'pending' AND (d.claimed_until IS NULL OR d.claimed_until < now())
                               FOR UPDATE OF d SKIP LOCKED)
                        UPDATE delivery d SET claimed_until = now() + make_interval(secs => :lease), attempts = d.attempts + 1
                          FROM locked, subscription sub, event e
                         WHERE d.id = locked.id AND sub.id = d.subscription_id AND e.id = d.event_pk
                        RETURNING d.id AS delivery_id, d.attempts AS attempt,
                               sub.id AS s_id, sub.version AS s_version, sub.last_updated AS s_last_updated,
                               sub.org_type AS s_org_type, sub.org_id AS s_org_id, sub.endpoint AS s_endpoint,
                               sub.event_types AS s_event_types, sub.secret AS s_secret,
                               sub.previous_secret AS s_previous_secret, sub.previous_secret_until AS s_previous_secret_until,
                               sub.status AS s_status, sub.created_at AS s_created_at,
                               e.id AS e_pk, e.event_id AS e_event_id, e.type AS e_type, e.resource_type AS e_resource_type,
                               e.resource_id AS e_resource_id, e.resource_version AS e_resource_version,
                               e.inmate_id AS e_inmate_id, e.previous_municipality AS e_previous_municipality,
                               e.municipality AS e_municipality, e.occurred_at AS e_occurred_at,
                               e.obligation_kind AS e_obligation_kind, e.due_date AS e_due_date,
                               """ + EventAudience.VISIBLE + """
                         AS visible""")
                // Planned anew each time: a plan cached while the table was small (a generic plan after five
                // runs) can turn the anti join into a scan per row once thousands of deliveries are pending.
                .addCustomizer(PLANNED_EACH_TIME)
                .bindArray("saturated", UUID.class, saturated)
                .bind("perSubscription", perSubscription).bind("limit", limit).bind("lease", leaseSeconds)
                .map(CLAIM).list());
    }

    private static final StatementCustomizer PLANNED_EACH_TIME = new StatementCustomizer() {
        @Override
        public void beforeExecution(java.sql.PreparedStatement statement, StatementContext ctx) throws SQLException {
            statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
        }
    };

    private static final RowMapper<SubscriptionStore.SubscriptionRow> CLAIMED_SUBSCRIPTION =
            ConstructorMapper.of(SubscriptionStore.SubscriptionRow.class, "s_");
    private static final RowMapper<SubscriptionStore.EventRow> CLAIMED_EVENT =
            ConstructorMapper.of(SubscriptionStore.EventRow.class, "e_");

    /** A claim: its own columns and the subscription's ({@code s_}) and the event's ({@code e_}) by prefix. */
    private static final RowMapper<Claim> CLAIM = new RowMapper<>() {
        @Override
        public Claim map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        @Override
        public RowMapper<Claim> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
            RowMapper<SubscriptionStore.SubscriptionRow> subscription = CLAIMED_SUBSCRIPTION.specialize(rs, ctx);
            RowMapper<SubscriptionStore.EventRow> event = CLAIMED_EVENT.specialize(rs, ctx);
            return (row, context) -> new Claim(row.getLong("delivery_id"), row.getInt("attempt"),
                    subscription.map(row, context), event.map(row, context), row.getBoolean("visible"));
        }
    };

    /** Gives claims back (a server shutting down): due again at once for any server, the attempt not counted. */
    void release(Collection<Long> deliveryIds) {
        sql.use(h -> h.createUpdate("""
                UPDATE delivery SET claimed_until = NULL, attempts = greatest(attempts - 1, 0)
                 WHERE id = ANY (:ids) AND status = 'pending' AND claimed_until IS NOT NULL""")
                .bindArray("ids", Long.class, deliveryIds)
                .execute());
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
        sql.use(h -> h.createUpdate("""
                UPDATE delivery d SET status = v.status, last_status = v.last_status, last_error = v.last_error,
                       claimed_until = NULL,
                       delivered_at = CASE WHEN v.status = 'delivered' THEN v.at ELSE d.delivered_at END,
                       next_attempt_at = coalesce(v.next_attempt_at, d.next_attempt_at)
                  FROM unnest(CAST(:ids AS bigint[]), CAST(:statuses AS text[]), CAST(:lastStatuses AS integer[]),
                              CAST(:lastErrors AS text[]), CAST(:ats AS timestamptz[]), CAST(:nextAttempts AS timestamptz[]))
                       AS v (id, status, last_status, last_error, at, next_attempt_at)
                 WHERE d.id = v.id""")
                .bind("ids", Sql.array("bigint", outcomes.stream().map(Outcome::deliveryId).toArray()))
                .bind("statuses", Sql.array("text", outcomes.stream().map(Outcome::status).toArray()))
                .bind("lastStatuses", Sql.array("integer", outcomes.stream().map(Outcome::lastStatus).toArray()))
                .bind("lastErrors", Sql.array("text", outcomes.stream().map(Outcome::lastError).toArray()))
                // Instants as ISO-8601 text (UTC, unambiguous whatever the session's time zone), cast in SQL.
                .bind("ats", Sql.array("text", outcomes.stream().map(o -> o.at().toString()).toArray()))
                .bind("nextAttempts", Sql.array("text", outcomes.stream()
                        .map(o -> o.nextAttemptAt() == null ? null : o.nextAttemptAt().toString()).toArray()))
                .execute());
    }
}
