package dk.overgang.obligation;

import dk.overgang.database.Sql;
import dk.overgang.rules.Obligation;
import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.ObligationSchedule;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Recomputes the obligations of every inmate, for when the rules themselves change (a new release,
 * a new holiday table). One transaction: the old rows go and the new ones arrive by COPY, so
 * worklists never see a half-done state. Reads stream on a second connection with a cursor, so
 * memory stays flat at any number of inmates. The rows go in with the driver's COPY API because row-by-
 * row inserts of hundreds of thousands of rows would take minutes instead of seconds; the SQL around it
 * runs through {@link Sql} on the job's own two connections.
 */
@Singleton
public class ObligationRecompute {

    private final DataSource dataSource;
    private final Sql sql;
    private final Clock clock;

    ObligationRecompute(DataSource dataSource, Sql sql, Clock clock) {
        this.sql = sql;
        // The pool itself: this job manages its own two connections and transaction, outside
        // Micronaut's contextual connection (which only lends the current transaction's one).
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
    }

    /** @return how many obligations were stored */
    public long recomputeAll() throws SQLException, IOException {
        LocalDate today = LocalDate.now(clock);
        try (Connection write = dataSource.getConnection(); Connection read = dataSource.getConnection()) {
            write.setAutoCommit(false);
            read.setAutoCommit(false);
            read.setReadOnly(true);
            try {
                Map<UUID, Map<ObligationKind, LocalDate>> done = fulfilments(read);
                // Event-driven rows stay: R20 notices and handover follow-ups (R10 invitations are rebuilt below).
                sql.on(write, h -> h.execute("DELETE FROM obligation WHERE kind NOT IN ('acting-municipality-changed',"
                        + " 'handover-acknowledgement', 'release-meeting-invitation')"));
                CopyIn copy = write.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        COPY obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, done_on, reason)
                        FROM STDIN (FORMAT csv)""");
                StringBuilder csv = new StringBuilder(1 << 16);
                long rows = sql.on(read, h -> h.createQuery(ObligationStore.FACTS).setFetchSize(2000)
                        .map(ObligationStore.CASE).stream().mapToLong(c -> {
                            Map<ObligationKind, LocalDate> caseDone = new EnumMap<>(ObligationKind.class);
                            caseDone.putAll(done.getOrDefault(c.inmateId(), Map.of()));
                            ObligationStore.withDerivedFulfilments(c, caseDone);
                            long caseRows = 0;
                            for (Obligation o : ObligationSchedule.compute(c.facts(), caseDone, today)) {
                                if (o.dueDate() == null) {
                                    continue;
                                }
                                csv.append(c.inmateId()).append(',').append(o.kind().code()).append(',')
                                        .append(o.kind().responsible().code()).append(',').append(quote(c.institution()))
                                        .append(',').append(c.municipality()).append(',').append(o.dueDate()).append(',')
                                        .append(o.doneOn() == null ? "" : o.doneOn().toString()).append(',')
                                        .append(quote(o.reason())).append('\n');
                                caseRows++;
                            }
                            if (csv.length() > 60_000) {
                                flush(copy, csv);
                            }
                            return caseRows;
                        }).sum());
                flush(copy, csv);
                copy.endCopy();
                // R10 invitations: rebuilt from the meetings as they are (also for meetings loaded past the events).
                rows += sql.on(write, h -> {
                    h.execute("DELETE FROM obligation WHERE kind = 'release-meeting-invitation'");
                    return ReleaseMeetingInvitations.insert(h, null, today);
                });
                write.commit();
                read.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                write.rollback();
                read.rollback();
                throw e;
            }
        }
    }

    private Map<UUID, Map<ObligationKind, LocalDate>> fulfilments(Connection read) {
        Map<UUID, Map<ObligationKind, LocalDate>> done = new HashMap<>();
        record Done(UUID inmateId, String kind, LocalDate doneOn) {
        }
        for (Done d : sql.on(read, h -> h.createQuery("""
                        SELECT DISTINCT ON (inmate_id, kind) inmate_id, kind, done_on FROM obligation_fulfilment
                         ORDER BY inmate_id, kind, id DESC""")
                .map((rs, ctx) -> new Done(rs.getObject("inmate_id", UUID.class), rs.getString("kind"),
                        rs.getObject("done_on", LocalDate.class)))
                .list())) {
            done.computeIfAbsent(d.inmateId(), id -> new EnumMap<>(ObligationKind.class))
                    .put(ObligationKind.fromCode(d.kind()), d.doneOn());
        }
        return done;
    }

    private static void flush(CopyIn copy, StringBuilder csv) {
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new io.micronaut.data.exceptions.DataAccessException("COPY of obligations failed", e);
        }
        csv.setLength(0);
    }
    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
