package dk.overgang.audit;

import dk.overgang.database.Sql;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.jdbi.v3.core.mapper.RowMapper;
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
            array_to_string(subjects, ',') AS subjects, cpr_hmac, purpose""";
    private static final String LINK_COLUMNS = "seq, first_event_id, last_event_id, record_count AS count, hash";

    private final Sql sql;
    private final TransactionOperations<Connection> transactions;
    private final Duration settle;
    private final boolean scheduled;
    private final Clock clock;

    AuditChain(Sql sql, TransactionOperations<Connection> transactions,
               @Value("${overgang.audit.seal-settle:30s}") Duration settle,
               @Value("${overgang.audit.sealer.enabled:true}") boolean scheduled, Clock clock) {
        this.sql = sql;
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
        boolean locked = sql.run(h -> h.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .bind("key", LOCK_KEY).mapTo(Boolean.class).one());
        if (!locked) {
            return -1;
        }
        Link head = head();
        List<Record> records = sql.run(h -> h.createQuery("SELECT " + RECORD_COLUMNS
                        + " FROM audit_event WHERE id > :after AND recorded < :settledBefore ORDER BY id LIMIT :batch")
                .bind("after", head.lastEventId()).bind("settledBefore", settledBefore).bind("batch", BATCH)
                .map(RECORD).list());
        if (records.isEmpty()) {
            return 0;
        }
        String hash = hash(head.hash(), records);
        sql.use(h -> h.createUpdate("""
                INSERT INTO audit_chain (seq, first_event_id, last_event_id, record_count, hash)
                VALUES (:seq, :first, :last, :count, :hash)""")
                .bind("seq", head.seq() + 1).bind("first", records.getFirst().id()).bind("last", records.getLast().id())
                .bind("count", records.size()).bind("hash", hash)
                .execute());
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
        List<Link> links = sql.run(h -> h.createQuery("SELECT " + LINK_COLUMNS + " FROM audit_chain ORDER BY seq")
                .map(LINK).list());
        String previous = GENESIS;
        long previousLast = 0;
        long sealed = 0;
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            if (link.seq() != i + 1) {
                return new Verdict(false, sealed, 0, previous, "link " + (i + 1) + " of the chain is missing");
            }
            long from = previousLast;
            List<Record> records = sql.run(h -> h.createQuery("SELECT " + RECORD_COLUMNS
                            + " FROM audit_event WHERE id > :from AND id <= :to ORDER BY id")
                    .bind("from", from).bind("to", link.lastEventId())
                    .map(RECORD).list());
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
        long overdue = count("SELECT count(*) FROM audit_event WHERE id > :after AND recorded < :before", last, overdueBefore);
        long unsealed = count("SELECT count(*) FROM audit_event WHERE id > :after AND recorded >= :before", last, overdueBefore);
        if (overdue > 0) {
            return new Verdict(false, sealed, unsealed + overdue, previous, overdue
                    + " audit record(s) older than the settle time are not sealed (inserted afterwards, or sealing stopped)");
        }
        return new Verdict(true, sealed, unsealed, previous, "intact");
    }

    private long count(String statement, long afterId, Instant before) {
        return sql.run(h -> h.createQuery(statement).bind("after", afterId).bind("before", before).mapTo(Long.class).one());
    }

    private record Link(long seq, long firstEventId, long lastEventId, int count, String hash) {
    }

    private record Record(long id, Instant recorded, String sub, String orgType, String orgId, String clientId,
                          String resourceType, String resourceId, String action, String outcome, String subjects,
                          String cprHmac, String purpose) {
    }

    private static final RowMapper<Link> LINK = (rs, ctx) -> new Link(rs.getLong("seq"), rs.getLong("first_event_id"),
            rs.getLong("last_event_id"), rs.getInt("count"), rs.getString("hash"));

    /** A record as the chain hashes it: the resource id as text, the time to the database's microsecond. */
    private static final RowMapper<Record> RECORD = (rs, ctx) -> new Record(rs.getLong("id"),
            rs.getTimestamp("recorded").toInstant().truncatedTo(ChronoUnit.MICROS), rs.getString("actor_sub"),
            rs.getString("actor_org_type"), rs.getString("actor_org_id"), rs.getString("actor_client_id"),
            rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("action"), rs.getString("outcome"),
            rs.getString("subjects"), rs.getString("cpr_hmac"), rs.getString("purpose"));

    private Link head() {
        return sql.run(h -> h.createQuery("SELECT " + LINK_COLUMNS + " FROM audit_chain ORDER BY seq DESC LIMIT 1")
                .map(LINK).findOne()
                .orElse(new Link(0, 0, 0, 0, GENESIS)));
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
