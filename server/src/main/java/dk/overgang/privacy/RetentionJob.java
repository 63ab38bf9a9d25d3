package dk.overgang.privacy;

import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.Slice;
import dk.overgang.pipeline.UseCases;
import dk.overgang.web.Cursors;
import io.micronaut.core.annotation.Nullable;
import dk.overgang.access.Caller;
import dk.overgang.access.OrgType;
import dk.overgang.access.Purpose;
import dk.overgang.access.ResourceType;
import dk.overgang.access.Scopes;
import dk.overgang.audit.AuditAction;
import dk.overgang.audit.AuditLog;
import dk.overgang.audit.AuditOutcome;
import dk.overgang.shared.ConflictException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.data.connection.ConnectionOperations;
import dk.overgang.database.Sql;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 17: the retention job. Per kind of record a period after the release
 * ({@code OVERGANG_RETENTION_PERSON}, {@code _NGO}, {@code _LSRNR_ASSESSMENT}, ISO-8601 periods); what
 * has been kept longer is erased by the database function {@code retention_erase}, which checks the
 * release date and legal hold itself and is the only way past the append-only guards. Each erasure is
 * its own transaction with its audit record (action delete, purpose retention, naming the person);
 * the erasure of a person never touches the audit log, so the chain stays verifiable. One run at a time across
 * servers (advisory lock); each run is reported in {@code retention_run}.
 *
 * <p>Issue 28 §4: the audit log has its own period ({@code OVERGANG_RETENTION_AUDIT}, default P5Y),
 * counted from the end of the month a record was made in; whole months are retired (partitions
 * dropped), the records about people under legal hold kept, the hash chain verifiable afterwards.
 */
@Singleton
public class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private static final long LOCK_KEY = 0x4f56_5245_5445_4e54L; // "OVRETENT"
    private static final int BATCH = 500;
    /** The job's own identity in the audit log. */
    static final Caller JOB = new Caller("overgang-retention-job", null, OrgType.OPERATOR, "overgang", Scopes.parse(null),
            Set.of(), Purpose.RETENTION);

    /** A kind of record with its period; "person" is everything about the person. */
    record Kind(String code, Period period, ResourceType auditType, String hasRows) {
    }

    /** What a run did. */
    public record Run(UUID id, Instant startedAt, Instant finishedAt, String triggeredBy, Map<String, LocalDate> cutoffs,
                      Map<String, Long> erased, int held, int failed) {
    }

    private final Sql sql;
    private final TransactionOperations<Connection> transactions;
    private final AuditLog auditLog;
    /** Issue 28 §4: how long audit records are kept, counted from the end of their month. */
    private final Period audit;
    private final UseCases useCases;
    private final Clock clock;
    private final boolean scheduled;
    private final List<Kind> kinds;
    private final JsonMapper json;
    private final ConnectionOperations<Connection> connections;

    RetentionJob(Sql sql, TransactionOperations<Connection> transactions, ConnectionOperations<Connection> connections, AuditLog audit,
                 UseCases useCases, Clock clock, JsonMapper json,
                 @Value("${overgang.retention.enabled:true}") boolean scheduled,
                 @Value("${overgang.retention.person:P5Y}") String person,
                 @Value("${overgang.retention.ngo:P1Y}") String ngo,
                 @Value("${overgang.retention.lsrnr-assessment:P2Y}") String assessment,
                 @Value("${overgang.retention.audit:P5Y}") String auditRecords) {
        this.sql = sql;
        this.transactions = transactions;
        this.auditLog = audit;
        this.useCases = useCases;
        this.clock = clock;
        this.scheduled = scheduled;
        this.json = json;
        this.connections = connections;
        Period all = period("OVERGANG_RETENTION_PERSON", person);
        this.audit = period("OVERGANG_RETENTION_AUDIT", auditRecords);
        if (LocalDate.of(2000, 1, 1).plus(this.audit).isBefore(LocalDate.of(2001, 1, 1))) {
            // The database refuses to retire audit records younger than a year whatever is asked (V35).
            throw new ConfigurationException("OVERGANG_RETENTION_AUDIT must be at least P1Y");
        }
        // The shorter kinds go first, so a person erased entirely in the same run is not counted twice.
        this.kinds = List.of(
                new Kind("ngo", min(period("OVERGANG_RETENTION_NGO", ngo), all), ResourceType.Consent,
                        "EXISTS (SELECT 1 FROM consent c WHERE c.inmate_id = i.id)"
                                + " OR EXISTS (SELECT 1 FROM referral r WHERE r.inmate_id = i.id)"),
                new Kind("lsrnr-assessment", min(period("OVERGANG_RETENTION_LSRNR_ASSESSMENT", assessment), all),
                        ResourceType.LsRnrAssessment, "EXISTS (SELECT 1 FROM lsrnr_assessment a WHERE a.inmate_id = i.id)"),
                new Kind("person", all, ResourceType.Inmate, "true"));
    }

    private static Period period(String name, String value) {
        try {
            Period p = Period.parse(value);
            if (p.isNegative() || p.isZero()) {
                throw new ConfigurationException(name + " must be a positive period, e.g. P5Y");
            }
            return p;
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(name + " must be an ISO-8601 period, e.g. P5Y or P18M");
        }
    }

    /** A kind is never kept longer than the person it is about. */
    private static Period min(Period a, Period b) {
        LocalDate epoch = LocalDate.of(2000, 1, 1);
        return epoch.plus(a).isAfter(epoch.plus(b)) ? b : a;
    }

    @Scheduled(fixedDelay = "${overgang.retention.interval:24h}", initialDelay = "${overgang.retention.initial-delay:15m}")
    void runPeriodically() {
        if (!scheduled) {
            return;
        }
        try {
            run("schedule");
        } catch (ConflictException e) {
            LOG.info("Retention run skipped: another server is running it");
        } catch (RuntimeException e) {
            LOG.warn("Retention run postponed: {}", e.getClass().getSimpleName());
        }
    }

    /** Runs now; 409 when another run (on any server) holds the lock. */
    public Run run(String triggeredBy) {
        // One connection for the whole run (the session advisory lock lives on it); each erasure is its
        // own transaction on it. Opened here, not by an annotation, so the scheduled call works too.
        return connections.executeWrite(status -> {
            if (!advisory("SELECT pg_try_advisory_lock(:key)")) {
                throw new ConflictException("retention-running", "A retention run is in progress; try again when it has finished.");
            }
            try {
                return runLocked(triggeredBy);
            } finally {
                advisory("SELECT pg_advisory_unlock(:key)");
            }
        });
    }

    private boolean advisory(String statement) {
        return sql.run(h -> h.createQuery(statement).bind("key", LOCK_KEY).mapTo(Boolean.class).one());
    }

    private Run runLocked(String triggeredBy) {
        Instant started = clock.instant();
        LocalDate today = LocalDate.ofInstant(started, clock.getZone());
        Map<String, LocalDate> cutoffs = new LinkedHashMap<>();
        Map<String, Long> erased = new TreeMap<>();
        int failed = 0;
        for (Kind kind : kinds) {
            LocalDate cutoff = today.minus(kind.period());
            cutoffs.put(kind.code(), cutoff);
            UUID after = new UUID(0, 0);
            while (true) {
                List<UUID> due = due(kind, cutoff, after);
                for (UUID inmateId : due) {
                    try {
                        Map<String, Long> counts = transactions.executeWrite(status -> erase(kind, inmateId, cutoff));
                        if (counts != null) {
                            counts.forEach((table, n) -> erased.merge(table, n, Long::sum));
                            if (kind.code().equals("person")) {
                                erased.merge("people", 1L, Long::sum);
                            }
                        }
                    } catch (RuntimeException e) {
                        failed++;
                        LOG.warn("Retention could not erase a record set ({}): {}", kind.code(), e.getClass().getSimpleName());
                    }
                }
                if (due.size() < BATCH) {
                    break;
                }
                after = due.getLast();
            }
        }
        failed += retireAuditMonths(today.minus(audit), cutoffs, erased);
        int held = count("""
                SELECT count(*) FROM inmate i JOIN legal_hold h ON h.inmate_id = i.id
                 WHERE i.custody_status = 'released' AND coalesce(i.actual_release_date, i.expected_release_date) < :cutoff""",
                cutoffs.get("person"));
        Run run = new Run(UUID.randomUUID(), started, clock.instant(), triggeredBy, cutoffs, erased, held, failed);
        Map<String, String> dates = new LinkedHashMap<>();
        cutoffs.forEach((kind, date) -> dates.put(kind, date.toString()));
        transactions.executeWrite(status -> sql.run(h -> h.createUpdate("""
                        INSERT INTO retention_run (id, started_at, finished_at, triggered_by, cutoffs, erased, held, failed)
                        VALUES (:id, :startedAt, :finishedAt, :triggeredBy, CAST(:cutoffs AS jsonb), CAST(:erased AS jsonb),
                                :held, :failed)""")
                .bind("id", run.id()).bind("startedAt", run.startedAt()).bind("finishedAt", run.finishedAt())
                .bind("triggeredBy", run.triggeredBy()).bind("cutoffs", json(dates)).bind("erased", json(erased))
                .bind("held", run.held()).bind("failed", run.failed())
                .execute()));
        LOG.info("Retention run {}: erased {}, {} held, {} failed", run.id(), erased, held, failed);
        return run;
    }

    /**
     * Issue 28 §4: retires the audit log's months that ended before the cutoff, each in its own short
     * transaction (dropping a partition locks the table for a moment), through the database function
     * {@code audit_retire_month}, which keeps the records about people under legal hold and waits for
     * the month to be sealed into the hash chain. Returns how many months failed (retried next run).
     */
    private int retireAuditMonths(LocalDate cutoff, Map<String, LocalDate> cutoffs, Map<String, Long> erased) {
        cutoffs.put("audit", cutoff);
        List<LocalDate> months = sql.run(h -> h.createQuery("SELECT audit_months_due(:cutoff)")
                .bind("cutoff", cutoff).mapTo(LocalDate.class).list());
        int failed = 0;
        for (LocalDate month : months) {
            try {
                String result = transactions.executeWrite(status -> sql.run(h -> h.createQuery(
                                "SELECT CAST(audit_retire_month(:month, :cutoff) AS text)")
                        .bind("month", month).bind("cutoff", cutoff).mapTo(String.class).one()));
                if (result != null) {
                    parseCounts(result).forEach((what, n) -> erased.merge(what, n, Long::sum));
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("Retention could not retire an audit month ({}): {}", month, e.getClass().getSimpleName());
            }
        }
        return failed;
    }

    /** The people whose records of this kind are past the cutoff and not held, by id after {@code after}. */
    private List<UUID> due(Kind kind, LocalDate cutoff, UUID after) {
        // On the run's own connection, in autocommit (a read-only transaction here would leave the
        // connection read-only for the erasures that follow).
        return sql.run(h -> h.createQuery("""
                        SELECT i.id FROM inmate i
                         WHERE i.custody_status = 'released' AND coalesce(i.actual_release_date, i.expected_release_date) < :cutoff
                           AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.inmate_id = i.id)
                           AND i.id > :after AND (""" + kind.hasRows() + """
                        )
                         ORDER BY i.id LIMIT :batch""")
                .bind("cutoff", cutoff).bind("after", after).bind("batch", BATCH)
                .mapTo(UUID.class).list());
    }

    /** One erasure with its audit record, in the caller's transaction; null when the database declined. */
    private Map<String, Long> erase(Kind kind, UUID inmateId, LocalDate cutoff) {
        String result = sql.run(h -> h.createQuery("SELECT CAST(retention_erase(:kind, :inmate, :cutoff) AS text)")
                .bind("kind", kind.code()).bind("inmate", inmateId).bind("cutoff", cutoff)
                .mapTo(String.class).one());
        if (result == null) {
            return null;
        }
        auditLog.record(JOB, kind.auditType(), kind.code().equals("person") ? inmateId : null, AuditAction.DELETE,
                AuditOutcome.SUCCESS, inmateId);
        return parseCounts(result);
    }

    private Map<String, Long> parseCounts(String text) {
        try {
            Map<String, Long> counts = new TreeMap<>(json.readValue(text, Argument.mapOf(String.class, Long.class)));
            counts.values().removeIf(n -> n == 0);
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String json(Map<String, ?> map) {
        try {
            return json.writeValueAsString(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int count(String statement, LocalDate cutoff) {
        return sql.run(h -> h.createQuery(statement).bind("cutoff", cutoff).mapTo(Integer.class).one());
    }

    /** The latest runs, newest first. */
    /** One page of the runs, latest first, for auditors and operators. */
    public Slice<Run> runs(Caller caller, @Nullable Cursors.InstantAndKey after, int limit) {
        return useCases.read(caller, ResourceType.RetentionRun, AuditAction.SEARCH, null, facts -> {
            if (caller.orgType() != OrgType.AUDITOR && caller.orgType() != OrgType.OPERATOR) {
                throw new ForbiddenException("Only auditors and operators read the retention runs.");
            }
            Slice<Run> page = Slice.of(latest(after, limit + 1), limit);
            facts.disclosed(page.items().stream().map(Run::id).toList(), List.of());
            return page;
        });
    }

    /** The runs, latest first, after the run {@code after} (null: from the latest), at most {@code limit}. */
    public List<Run> latest(@Nullable Cursors.InstantAndKey after, int limit) {
        return transactions.executeRead(status -> sql.run(h -> h.createQuery("""
                        SELECT id, started_at, finished_at, triggered_by, cutoffs::text AS cutoffs, erased::text AS erased, held,
                               failed
                          FROM retention_run
                         WHERE CAST(:afterAt AS timestamptz) IS NULL OR (started_at, id) < (:afterAt, :afterId)
                         ORDER BY started_at DESC, id DESC LIMIT :limit""")
                .bindByType("afterAt", after == null ? null : after.at(), Instant.class)
                .bindByType("afterId", after == null ? null : after.uuid(), UUID.class)
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    Map<String, LocalDate> cutoffs = new LinkedHashMap<>();
                    try {
                        json.readValue(rs.getString("cutoffs"), Argument.mapOf(String.class, String.class))
                                .forEach((kind, date) -> cutoffs.put(kind, LocalDate.parse(date)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return new Run(rs.getObject("id", UUID.class), rs.getTimestamp("started_at").toInstant(),
                            rs.getTimestamp("finished_at").toInstant(), rs.getString("triggered_by"), cutoffs,
                            parseCounts(rs.getString("erased")), rs.getInt("held"), rs.getInt("failed"));
                })
                .list()));
    }
}
