package dk.overgang.audit;

import dk.overgang.database.Sql;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 28 §4: the audit log is partitioned by month (V35). This job keeps a partition ready for the
 * current month and the next {@code OVERGANG_AUDIT_PARTITIONS_AHEAD} (default 3), and moves records that
 * landed in the default partition (a month nobody made in time) into their month's. The database
 * function {@code audit_partitions_ensure} does the work as the schema owner; several servers may run
 * it at once (it takes a lock). Retiring months is the retention job's ({@code RetentionJob}).
 */
@Singleton
public class AuditPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(AuditPartitions.class);

    private final Sql sql;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final int ahead;

    AuditPartitions(Sql sql, TransactionOperations<Connection> transactions, Clock clock,
                    @Value("${overgang.audit.partitions.ahead:3}") int ahead) {
        if (ahead < 1 || ahead > 24) {
            throw new ConfigurationException("OVERGANG_AUDIT_PARTITIONS_AHEAD must be between 1 and 24 months");
        }
        this.sql = sql;
        this.transactions = transactions;
        this.clock = clock;
        this.ahead = ahead;
    }

    @Scheduled(fixedDelay = "${overgang.audit.partitions.interval:6h}", initialDelay = "${overgang.audit.partitions.initial-delay:20s}")
    void ensurePeriodically() {
        try {
            int created = ensure();
            if (created > 0) {
                LOG.info("Audit log: {} monthly partition(s) made", created);
            }
        } catch (RuntimeException e) {
            LOG.warn("Audit partitions not made now, retried later: {}", e.getClass().getSimpleName());
        }
    }

    /** Makes the partitions up to {@code ahead} months after this one; returns how many it made. */
    public int ensure() {
        LocalDate through = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1).plusMonths(ahead);
        return transactions.executeWrite(status -> sql.run(h -> h.createQuery("SELECT audit_partitions_ensure(:through)")
                .bind("through", through).mapTo(Integer.class).one()));
    }
}
