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
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit hash chain. {@link #seal()} appends one link per batch of settled audit records:
 * {@code hash = sha256(previous hash | record | record | ...)} over every record with an id after the
 * previous link's last id, up to the batch's last id. Records are sealed only after they settle (no
 * transaction that inserts audit records lives that long), so a record committed late does not land in
 * an already sealed range; one sealer at a time, by advisory lock, so several servers can run.
 * {@link #verify()} recomputes every link from the records and reports the first break.
 *
 * <p>Hand-written because no maintained library seals PostgreSQL rows; the hash is the JDK's SHA-256.
 */
@Singleton
@Connectable
public class AuditChain {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChain.class);
    private static final long LOCK_KEY = 0x4f56_4147_4348_4149L; // "OVAGCHAI"
    private static final String GENESIS = "0".repeat(64);
    private static final int BATCH = 5_000;
    private static final String RECORD_COLUMNS = """
            id, recorded, actor_sub, actor_org_type, actor_org_id, actor_client_id, resource_type, resource_id, action, outcome,
            array_to_string(subjects, ','), cpr_hmac, purpose""";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Duration settle;
    private final boolean scheduled;
    private final Clock clock;

    AuditChain(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
               @Value("${overgang.audit.seal-settle:30s}") Duration settle,
               @Value("${overgang.audit.sealer.enabled:true}") boolean scheduled, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
     * Seals what has settled, a batch per short transaction (so a backlog never holds a long
     * transaction or much memory); returns how many records it sealed (0 when another sealer is busy).
     */
    public int seal() {
        Instant settledBefore = clock.instant().minus(settle);
        int total = 0;
        while (true) {
            Integer sealed = transactions.executeWrite(status -> sealBatch(settledBefore));
            if (sealed == null || sealed <= 0) {
                return total;
            }
            total += sealed;
            if (sealed < BATCH) {
                return total;
            }
        }
    }

    /** One link under the advisory lock; -1 when another sealer holds it. */
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
        List<Record> records = jdbc.prepareStatement("SELECT " + RECORD_COLUMNS
                + " FROM audit_event WHERE id > ? AND recorded < ? ORDER BY id LIMIT ?", ps -> {
            ps.setLong(1, head.lastEventId());
            ps.setTimestamp(2, Timestamp.from(settledBefore));
            ps.setInt(3, BATCH);
            return records(ps);
        });
        if (records.isEmpty()) {
            return 0;
        }
        String hash = hash(head.hash(), records);
        jdbc.prepareStatement("""
                INSERT INTO audit_chain (seq, first_event_id, last_event_id, record_count, hash) VALUES (?, ?, ?, ?, ?)""", ps -> {
            ps.setLong(1, head.seq() + 1);
            ps.setLong(2, records.getFirst().id());
            ps.setLong(3, records.getLast().id());
            ps.setInt(4, records.size());
            ps.setString(5, hash);
            return ps.executeUpdate();
        });
        return records.size();
    }

    /** What {@link #verify()} found. */
    public record Verdict(boolean intact, long sealed, long unsealed, String headHash, String finding) {
    }

    /**
     * Recomputes every link from the records. Broken when a record in a sealed range was removed,
     * changed or slipped in, a link was removed or changed, or a record older than the settle time was
     * never sealed (inserted afterwards with an old time, or sealing stopped).
     */
    @Transactional(readOnly = true)
    public Verdict verify() {
        List<Link> links = jdbc.prepareStatement(
                "SELECT seq, first_event_id, last_event_id, record_count, hash FROM audit_chain ORDER BY seq", ps -> {
                    List<Link> found = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(new Link(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5)));
                        }
                    }
                    return found;
                });
        String previous = GENESIS;
        long previousLast = 0;
        long sealed = 0;
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            if (link.seq() != i + 1) {
                return new Verdict(false, sealed, 0, previous, "link " + (i + 1) + " of the chain is missing");
            }
            long from = previousLast;
            List<Record> records = jdbc.prepareStatement("SELECT " + RECORD_COLUMNS
                    + " FROM audit_event WHERE id > ? AND id <= ? ORDER BY id", ps -> {
                ps.setLong(1, from);
                ps.setLong(2, link.lastEventId());
                return records(ps);
            });
            if (records.isEmpty() || !hash(previous, records).equals(link.hash())) {
                String what = records.size() < link.count() ? "removed" : records.size() > link.count() ? "slipped in" : "changed";
                return new Verdict(false, sealed, 0, previous, "audit records " + (from + 1) + "-" + link.lastEventId()
                        + " (link " + link.seq() + "): a record was " + what + ", or the link was");
            }
            previous = link.hash();
            previousLast = link.lastEventId();
            sealed += records.size();
        }
        long last = previousLast;
        Instant overdueBefore = clock.instant().minus(settle).minus(Duration.ofMinutes(1));
        long overdue = count("SELECT count(*) FROM audit_event WHERE id > ? AND recorded < ?", last, overdueBefore);
        long unsealed = count("SELECT count(*) FROM audit_event WHERE id > ? AND recorded >= ?", last, overdueBefore);
        if (overdue > 0) {
            return new Verdict(false, sealed, unsealed + overdue, previous, overdue
                    + " audit record(s) older than the settle time are not sealed (inserted afterwards, or sealing stopped)");
        }
        return new Verdict(true, sealed, unsealed, previous, "intact");
    }

    private long count(String sql, long afterId, Instant before) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setLong(1, afterId);
            ps.setTimestamp(2, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private record Link(long seq, long firstEventId, long lastEventId, int count, String hash) {
    }

    private record Record(long id, Instant recorded, String sub, String orgType, String orgId, String clientId,
                          String resourceType, String resourceId, String action, String outcome, String subjects,
                          String cprHmac, String purpose) {
    }

    private Link head() {
        return jdbc.prepareStatement(
                "SELECT seq, first_event_id, last_event_id, record_count, hash FROM audit_chain ORDER BY seq DESC LIMIT 1", ps -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new Link(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5))
                                : new Link(0, 0, 0, 0, GENESIS);
                    }
                });
    }

    private static List<Record> records(java.sql.PreparedStatement ps) throws SQLException {
        List<Record> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new Record(rs.getLong(1), rs.getTimestamp(2).toInstant().truncatedTo(ChronoUnit.MICROS),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
            }
        }
        return found;
    }

    /**
     * sha256(previous, then per record: id | recorded | sub | org type | org id | client | type |
     * resource | action | outcome [| subjects | cpr hash [| purpose]]).
     */
    private static String hash(String previous, List<Record> records) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        sha.update(previous.getBytes(StandardCharsets.US_ASCII));
        StringBuilder canonical = new StringBuilder(256);
        for (Record r : records) {
            canonical.setLength(0);
            canonical.append('\n');
            // Subjects and the CPR hash (V16), then the purpose (V28), join the record only when present, so
            // links sealed before they existed still verify: the record format is versioned by its length.
            Object[] fields = r.purpose() != null
                    ? new Object[] {r.id(), r.recorded(), r.sub(), r.orgType(), r.orgId(), r.clientId(), r.resourceType(),
                            r.resourceId(), r.action(), r.outcome(), r.subjects(), r.cprHmac(), r.purpose()}
                    : r.subjects() == null && r.cprHmac() == null
                    ? new Object[] {r.id(), r.recorded(), r.sub(), r.orgType(), r.orgId(), r.clientId(), r.resourceType(),
                            r.resourceId(), r.action(), r.outcome()}
                    : new Object[] {r.id(), r.recorded(), r.sub(), r.orgType(), r.orgId(), r.clientId(), r.resourceType(),
                            r.resourceId(), r.action(), r.outcome(), r.subjects(), r.cprHmac()};
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    canonical.append('|');
                }
                canonical.append(fields[i] == null ? "" : fields[i].toString().replace("\\", "\\\\").replace("|", "\\|")
                        .replace("\n", "\\n"));
            }
            sha.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
