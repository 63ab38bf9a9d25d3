package dk.overgang.audit;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit hash chain. {@link #seal()} appends a link for every audit record older than the settle
 * time that has no link yet, in id order: {@code hash = sha256(previous hash | canonical record)}.
 * Records are sealed only after they settle (no transaction that inserts audit records lives that
 * long), so a record committed late is not skipped by a later one; one sealer at a time, by advisory
 * lock, so several servers can run. {@link #verify()} walks the chain and reports the first break.
 *
 * <p>Hand-written because no maintained library seals PostgreSQL rows; the hash is the JDK's SHA-256.
 */
@Singleton
@Connectable
public class AuditChain {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChain.class);
    private static final long LOCK_KEY = 0x4f56_4147_4348_4149L; // "OVAGCHAI"
    private static final String GENESIS = "0".repeat(64);
    private static final int BATCH = 2_000;

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Duration settle;
    private final boolean scheduled;

    AuditChain(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
               @Value("${overgang.audit.seal-settle:30s}") Duration settle,
               @Value("${overgang.audit.sealer.enabled:true}") boolean scheduled) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settle = settle;
        this.scheduled = scheduled;
    }

    /** The scheduled sealer; a failure (database away) is logged and retried on the next tick. */
    @Scheduled(fixedDelay = "${overgang.audit.seal-interval:5s}", initialDelay = "10s")
    void sealPeriodically() {
        if (!scheduled) {
            return;
        }
        try {
            seal();
        } catch (RuntimeException e) {
            LOG.warn("Audit sealing postponed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Seals what has settled, a batch per short transaction (so sealing a backlog never holds a long
     * transaction or much memory); returns how many links it appended (0 when another sealer is busy).
     */
    public int seal() {
        Instant settledBefore = Instant.now().minus(settle);
        int total = 0;
        while (true) {
            Integer sealed = transactions.executeWrite(status -> sealBatch(settledBefore));
            if (sealed == null || sealed < 0) {
                return total;
            }
            total += sealed;
            if (sealed < BATCH) {
                return total;
            }
        }
    }

    /** One batch under the advisory lock; -1 when another sealer holds it. */
    private int sealBatch(Instant settledBefore) {
        boolean locked = jdbc.prepareStatement("SELECT pg_try_advisory_xact_lock(?)", ps -> {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
        if (!locked) {
            return -1;
        }
        Link head = head();
        List<Record> records = records(head.eventId(), settledBefore);
        if (records.isEmpty()) {
            return 0;
        }
        List<Link> links = new ArrayList<>(records.size());
        Link previous = head;
        for (Record r : records) {
            previous = new Link(previous.seq() + 1, r.id(), hash(previous.hash(), r));
            links.add(previous);
        }
        // One statement for the whole batch (arrays), not one per link: sealing stays cheap beside the load.
        jdbc.prepareStatement("""
                INSERT INTO audit_chain (seq, event_id, hash)
                SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]))""", ps -> {
            var connection = ps.getConnection();
            ps.setArray(1, connection.createArrayOf("bigint", links.stream().map(Link::seq).toArray()));
            ps.setArray(2, connection.createArrayOf("bigint", links.stream().map(Link::eventId).toArray()));
            ps.setArray(3, connection.createArrayOf("text", links.stream().map(Link::hash).toArray()));
            return ps.executeUpdate();
        });
        return records.size();
    }

    /** What {@link #verify()} found. */
    public record Verdict(boolean intact, long sealed, long unsealed, String headHash, String finding) {
    }

    /**
     * Recomputes every link from the records. Broken when a sealed record was removed or changed, a
     * link was removed or changed, or a record older than the settle time was never sealed (inserted
     * afterwards, or sealing stopped).
     */
    @Transactional(readOnly = true)
    public Verdict verify() {
        String previous = GENESIS;
        long expectedSeq = 1;
        long sealed = 0;
        long afterSeq = 0;
        while (true) {
            long from = afterSeq;
            List<Object[]> rows = jdbc.prepareStatement("""
                    SELECT c.seq, c.event_id, c.hash, e.id, e.recorded, e.actor_sub, e.actor_org_type, e.actor_org_id,
                           e.actor_client_id, e.resource_type, e.resource_id, e.action, e.outcome
                      FROM audit_chain c LEFT JOIN audit_event e ON e.id = c.event_id
                     WHERE c.seq > ? ORDER BY c.seq LIMIT ?""", ps -> {
                ps.setLong(1, from);
                ps.setInt(2, BATCH);
                List<Object[]> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Record r = rs.getObject(4) == null ? null : record(rs, 4);
                        found.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), r});
                    }
                }
                return found;
            });
            for (Object[] row : rows) {
                long seq = (Long) row[0];
                long eventId = (Long) row[1];
                String hash = (String) row[2];
                Record r = (Record) row[3];
                if (seq != expectedSeq) {
                    return new Verdict(false, sealed, 0, previous, "link " + expectedSeq + " of the chain is missing");
                }
                if (r == null) {
                    return new Verdict(false, sealed, 0, previous, "audit record " + eventId + " (link " + seq + ") was removed");
                }
                if (!hash(previous, r).equals(hash)) {
                    return new Verdict(false, sealed, 0, previous,
                            "audit record " + eventId + " (link " + seq + ") was changed, or its link was");
                }
                previous = hash;
                expectedSeq++;
                sealed++;
                afterSeq = seq;
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        Instant settledBefore = Instant.now().minus(settle).minus(Duration.ofMinutes(1));
        long overdue = count("""
                SELECT count(*) FROM audit_event e WHERE e.recorded < ?
                   AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)""", settledBefore);
        long unsealed = count("""
                SELECT count(*) FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)
                   AND e.recorded >= ?""", settledBefore);
        if (overdue > 0) {
            return new Verdict(false, sealed, unsealed + overdue, previous,
                    overdue + " audit record(s) older than the settle time are not sealed (inserted afterwards, or sealing stopped)");
        }
        return new Verdict(true, sealed, unsealed, previous, "intact");
    }

    private long count(String sql, Instant before) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, java.sql.Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private record Link(long seq, long eventId, String hash) {
    }

    private record Record(long id, Instant recorded, String sub, String orgType, String orgId, String clientId,
                          String resourceType, String resourceId, String action, String outcome) {
    }

    private Link head() {
        return jdbc.prepareStatement("SELECT seq, event_id, hash FROM audit_chain ORDER BY seq DESC LIMIT 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Link(rs.getLong(1), rs.getLong(2), rs.getString(3)) : new Link(0, 0, GENESIS);
            }
        });
    }

    /**
     * Unsealed records after the head, settled, in id order. Ids below the head that were never sealed
     * (committed after a later id was sealed) cannot occur within the settle time; verify reports them.
     */
    private List<Record> records(long afterId, Instant settledBefore) {
        return jdbc.prepareStatement("""
                SELECT id, recorded, actor_sub, actor_org_type, actor_org_id, actor_client_id, resource_type, resource_id,
                       action, outcome
                  FROM audit_event WHERE id > ? AND recorded < ? ORDER BY id LIMIT ?""", ps -> {
            ps.setLong(1, afterId);
            ps.setObject(2, java.sql.Timestamp.from(settledBefore));
            ps.setInt(3, BATCH);
            List<Record> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(record(rs, 1));
                }
            }
            return found;
        });
    }

    private static Record record(ResultSet rs, int first) throws SQLException {
        return new Record(rs.getLong(first), rs.getTimestamp(first + 1).toInstant().truncatedTo(ChronoUnit.MICROS),
                rs.getString(first + 2), rs.getString(first + 3), rs.getString(first + 4), rs.getString(first + 5),
                rs.getString(first + 6), rs.getString(first + 7), rs.getString(first + 8), rs.getString(first + 9));
    }

    /** sha256(previous | id | recorded | sub | org type | org id | client | resource type | resource id | action | outcome). */
    static String hash(String previous, Record r) {
        StringBuilder canonical = new StringBuilder(256).append(previous);
        for (Object field : new Object[] {r.id(), r.recorded(), r.sub(), r.orgType(), r.orgId(), r.clientId(),
                r.resourceType(), r.resourceId(), r.action(), r.outcome()}) {
            canonical.append('|').append(field == null ? "" : field.toString().replace("\\", "\\\\").replace("|", "\\|"));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
