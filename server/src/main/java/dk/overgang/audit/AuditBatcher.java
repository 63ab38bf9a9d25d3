package dk.overgang.audit;

import dk.overgang.database.Sql;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the audit records of reads. Concurrent reads hand their records to one writer,
 * which inserts everything queued in one statement and one commit, then releases each waiting
 * request: a read is answered only after its audit record is durable, but a hundred concurrent
 * reads share one commit instead of paying for a hundred. Writes do not come here; their records
 * commit in the write's own transaction.
 *
 * <p>Hand-written because neither Micronaut Data nor the JDBC driver offers cross-request group
 * commit. The insert is one {@code unnest} statement, so its size never changes the plan.
 */
@Singleton
class AuditBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AuditBatcher.class);
    private static final int MAX_BATCH = 1000;
    private static final long WAIT_SECONDS = 10;

    private record Pending(List<AuditEvent> events, CompletableFuture<Void> durable) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(50_000);
    private final TransactionOperations<Connection> transactions;
    private final Sql sql;
    private final Thread writer;
    private volatile boolean running = true;

    AuditBatcher(TransactionOperations<Connection> transactions, Sql sql) {
        this.transactions = transactions;
        this.sql = sql;
        this.writer = Thread.ofPlatform().name("audit-writer").daemon().start(this::run);
    }

    /** Appends the events and returns once they are committed; throws if they could not be. */
    void appendDurably(List<AuditEvent> events) throws AuditUnavailableException {
        Pending pending = new Pending(events, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw new AuditUnavailableException("the audit writer is not accepting records");
        }
        try {
            pending.durable().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AuditUnavailableException("the audit record could not be committed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while committing the audit record");
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<AuditEvent> events = new ArrayList<>();
        batch.forEach(p -> events.addAll(p.events()));
        try {
            transactions.executeWrite(status -> insert(events));
            batch.forEach(p -> p.durable().complete(null));
        } catch (RuntimeException e) {
            // Only the class: a database message could quote values.
            LOG.error("Audit batch of {} records failed ({}); the reads waiting on it are refused", events.size(),
                    e.getClass().getSimpleName());
            batch.forEach(p -> p.durable().completeExceptionally(e));
        }
    }

    private int insert(List<AuditEvent> events) {
        return insert(sql, events);
    }

    /**
     * Inserts the records with one {@code unnest} statement, on the current transaction's connection.
     * Each record's subjects travel as one comma-joined text (a PostgreSQL array of arrays must be
     * rectangular) and become a {@code uuid[]} again in the statement.
     */
    static int insert(Sql sql, List<AuditEvent> events) {
        int n = events.size();
        Timestamp[] recorded = new Timestamp[n];
        String[] sub = new String[n];
        String[] orgType = new String[n];
        String[] orgId = new String[n];
        String[] client = new String[n];
        String[] type = new String[n];
        UUID[] resource = new UUID[n];
        String[] action = new String[n];
        String[] outcome = new String[n];
        String[] subjects = new String[n];
        String[] cprHmac = new String[n];
        String[] purpose = new String[n];
        for (int i = 0; i < n; i++) {
            AuditEvent e = events.get(i);
            recorded[i] = Timestamp.from(e.recorded());
            sub[i] = e.actorSub();
            orgType[i] = e.actorOrgType();
            orgId[i] = e.actorOrgId();
            client[i] = e.actorClientId();
            type[i] = e.resourceType();
            resource[i] = e.resourceId();
            action[i] = e.action();
            outcome[i] = e.outcome();
            subjects[i] = e.subjects().isEmpty() ? null
                    : String.join(",", e.subjects().stream().map(UUID::toString).toList());
            cprHmac[i] = e.cprHmac();
            purpose[i] = e.purpose();
        }
        return sql.run(h -> h.createUpdate("""
                        INSERT INTO audit_event (recorded, actor_sub, actor_org_type, actor_org_id, actor_client_id,
                                                 resource_type, resource_id, action, outcome, subjects, cpr_hmac, purpose)
                        SELECT r, s, ot, oi, c, t, res, a, o, string_to_array(subj, ',')::uuid[], h, pu
                          FROM unnest(CAST(:recorded AS timestamptz[]), CAST(:sub AS text[]), CAST(:orgType AS text[]),
                                      CAST(:orgId AS text[]), CAST(:client AS text[]), CAST(:type AS text[]),
                                      CAST(:resource AS uuid[]), CAST(:action AS text[]), CAST(:outcome AS text[]),
                                      CAST(:subjects AS text[]), CAST(:cprHmac AS text[]), CAST(:purpose AS text[]))
                               AS u(r, s, ot, oi, c, t, res, a, o, subj, h, pu)""")
                .bind("recorded", Sql.array("timestamptz", recorded))
                .bind("sub", Sql.array("text", sub)).bind("orgType", Sql.array("text", orgType))
                .bind("orgId", Sql.array("text", orgId)).bind("client", Sql.array("text", client))
                .bind("type", Sql.array("text", type)).bind("resource", Sql.array("uuid", resource))
                .bind("action", Sql.array("text", action)).bind("outcome", Sql.array("text", outcome))
                .bind("subjects", Sql.array("text", subjects)).bind("cprHmac", Sql.array("text", cprHmac))
                .bind("purpose", Sql.array("text", purpose))
                .execute());
    }

    @PreDestroy
    void close() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    /** The audit record of a read could not be made durable; the read must not be answered. */
    static final class AuditUnavailableException extends Exception {
        AuditUnavailableException(String message) {
            super(message);
        }
    }
}
