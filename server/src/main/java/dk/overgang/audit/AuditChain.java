package dk.overgang.audit;

import dk.overgang.database.Sql;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * <p>Issue 28 §4: the records live in monthly partitions, and a link holds one month's records only
 * ({@code audit_chain.month}). When retention retires a month ({@code audit_retired_month}), the
 * verifier takes that month's links as stored; every other link is still recomputed, and the next
 * kept link's hash covers the retired ones, so a retired link cannot be changed or removed unseen.
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
    private static final String LINK_COLUMNS = "seq, first_event_id, last_event_id, record_count AS count, hash, month";

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
            Batch batch = transactions.executeWrite(status -> sealBatch(settledBefore));
            if (batch == null || batch.sealed() <= 0) {
                return total;
            }
            total += batch.sealed();
            if (!batch.more()) {
                return total;
            }
        }
    }

    /** What one link sealed, and whether settled records may be left (a full batch, or cut at a month's end). */
    private record Batch(int sealed, boolean more) {
    }

    /** One link under the advisory lock; sealed -1 when another sealer holds it. */
    private Batch sealBatch(Instant settledBefore) {
        boolean locked = sql.run(h -> h.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
                .bind("key", LOCK_KEY).mapTo(Boolean.class).one());
        if (!locked) {
            return new Batch(-1, false);
        }
        Link head = head();
        List<Record> records = sql.run(h -> h.createQuery("SELECT " + RECORD_COLUMNS
                        + " FROM audit_event WHERE id > :after AND recorded < :settledBefore ORDER BY id LIMIT :batch")
                .bind("after", head.lastEventId()).bind("settledBefore", settledBefore).bind("batch", BATCH)
                .map(RECORD).list());
        if (records.isEmpty()) {
            return new Batch(0, false);
        }
        // Issue 28 §4: a link never holds records of two months (partitions), so retiring a month retires
        // whole links and every other link stays verifiable. The batch ends where the month changes.
        LocalDate month = month(records.getFirst().recorded());
        int end = 1;
        while (end < records.size() && month(records.get(end).recorded()).equals(month)) {
            end++;
        }
        List<Record> link = records.subList(0, end);
        String hash = hash(head.hash(), link);
        sql.use(h -> h.createUpdate("""
                INSERT INTO audit_chain (seq, first_event_id, last_event_id, record_count, hash, month)
                VALUES (:seq, :first, :last, :count, :hash, :month)""")
                .bind("seq", head.seq() + 1).bind("first", link.getFirst().id()).bind("last", link.getLast().id())
                .bind("count", link.size()).bind("hash", hash).bind("month", month)
                .execute());
        return new Batch(link.size(), end < records.size() || records.size() == BATCH);
    }

    /** The month (UTC, as the partitions of audit_event) a record belongs to, by its first day. */
    static LocalDate month(Instant recorded) {
        return recorded.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    }

    /**
     * What {@link #verify()} found: {@code sealed} records recomputed, {@code retired} records in months
     * that retention has dropped (their links are taken as stored), {@code unsealed} still settling.
     */
    public record Verdict(boolean intact, long sealed, long retired, long unsealed, String headHash, String finding) {
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
        List<Retired> retiredMonths = sql.run(h -> h.createQuery(
                        "SELECT month, first_event_id, last_event_id FROM audit_retired_month ORDER BY month")
                .map(RETIRED).list());
        String previous = GENESIS;
        long previousLast = 0;
        long sealed = 0;
        long retired = 0;
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            if (link.seq() != i + 1) {
                return new Verdict(false, sealed, retired, 0, previous, "link " + (i + 1) + " of the chain is missing");
            }
            if (retiredMonths.stream().anyMatch(r -> r.covers(link))) {
                // Issue 28 §4: the records of a retired month are gone (or only those under legal hold kept); its
                // link is taken as stored. Changing or removing it still breaks the chain at the next kept link,
                // whose hash covers this one's.
                previous = link.hash();
                previousLast = link.lastEventId();
                retired += link.count();
                continue;
            }
            long from = previousLast;
            List<Record> records = sql.run(h -> h.createQuery("SELECT " + RECORD_COLUMNS
                            + " FROM audit_event WHERE id > :from AND id <= :to ORDER BY id")
                    .bind("from", from).bind("to", link.lastEventId())
                    .map(RECORD).list());
            if (records.isEmpty() || !hash(previous, records).equals(link.hash())) {
                String what = records.size() < link.count() ? "removed" : records.size() > link.count() ? "slipped in" : "changed";
                return new Verdict(false, sealed, retired, 0, previous, "audit records " + (from + 1) + "-" + link.lastEventId()
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
            return new Verdict(false, sealed, retired, unsealed + overdue, previous, overdue
                    + " audit record(s) older than the settle time are not sealed (inserted afterwards, or sealing stopped)");
        }
        return new Verdict(true, sealed, retired, unsealed, previous, "intact");
    }

    private long count(String statement, long afterId, Instant before) {
        return sql.run(h -> h.createQuery(statement).bind("after", afterId).bind("before", before).mapTo(Long.class).one());
    }

    private record Link(long seq, long firstEventId, long lastEventId, int count, String hash, @Nullable LocalDate month) {
    }

    /** A month retention has retired, with the ids its records had. */
    private record Retired(LocalDate month, @Nullable Long firstEventId, @Nullable Long lastEventId) {

        /**
         * Whether the link's records were this month's: by the link's month; a link sealed before the
         * partitioning (no month; it may span two) when its ids meet the month's.
         */
        boolean covers(Link link) {
            if (link.month() != null) {
                return link.month().equals(month);
            }
            return firstEventId != null && lastEventId != null
                    && link.firstEventId() <= lastEventId && link.lastEventId() >= firstEventId;
        }
    }

    private static final RowMapper<Retired> RETIRED = (rs, ctx) -> new Retired(rs.getObject("month", LocalDate.class),
            rs.getObject("first_event_id", Long.class), rs.getObject("last_event_id", Long.class));

    private record Record(long id, Instant recorded, String sub, String orgType, String orgId, String clientId,
                          String resourceType, String resourceId, String action, String outcome, String subjects,
                          String cprHmac, String purpose) {
    }

    private static final RowMapper<Link> LINK = (rs, ctx) -> new Link(rs.getLong("seq"), rs.getLong("first_event_id"),
            rs.getLong("last_event_id"), rs.getInt("count"), rs.getString("hash"), rs.getObject("month", LocalDate.class));

    /** A record as the chain hashes it: the resource id as text, the time to the database's microsecond. */
    private static final RowMapper<Record> RECORD = (rs, ctx) -> new Record(rs.getLong("id"),
            rs.getTimestamp("recorded").toInstant().truncatedTo(ChronoUnit.MICROS), rs.getString("actor_sub"),
            rs.getString("actor_org_type"), rs.getString("actor_org_id"), rs.getString("actor_client_id"),
            rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("action"), rs.getString("outcome"),
            rs.getString("subjects"), rs.getString("cpr_hmac"), rs.getString("purpose"));

    private Link head() {
        return sql.run(h -> h.createQuery("SELECT " + LINK_COLUMNS + " FROM audit_chain ORDER BY seq DESC LIMIT 1")
                .map(LINK).findOne()
                .orElse(new Link(0, 0, 0, 0, GENESIS, null)));
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
