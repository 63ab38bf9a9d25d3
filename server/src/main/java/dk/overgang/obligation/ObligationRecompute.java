package dk.overgang.obligation;

import dk.overgang.rules.Obligation;
import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.ObligationSchedule;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * memory stays flat at any number of inmates. Plain JDBC with the driver's COPY API because row-by-
 * row inserts of hundreds of thousands of rows would take minutes instead of seconds.
 */
@Singleton
public class ObligationRecompute {

    private final DataSource dataSource;
    private final Clock clock;

    ObligationRecompute(DataSource dataSource, Clock clock) {
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
                try (var st = write.prepareStatement(
                        // Event-driven rows stay: R20 notices and handover follow-ups (R10 invitations are rebuilt below).
                        "DELETE FROM obligation WHERE kind NOT IN ('acting-municipality-changed', 'handover-acknowledgement', "
                                + "'release-meeting-invitation')")) {
                    st.executeUpdate();
                }
                CopyIn copy = write.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        COPY obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, done_on, reason)
                        FROM STDIN (FORMAT csv)""");
                long rows = 0;
                try (var st = read.prepareStatement(ObligationStore.FACTS)) {
                    st.setFetchSize(2000);
                    try (ResultSet rs = st.executeQuery()) {
                        StringBuilder csv = new StringBuilder(1 << 16);
                        while (rs.next()) {
                            ObligationStore.Case c = ObligationStore.caseOf(rs);
                            Map<ObligationKind, LocalDate> caseDone = new EnumMap<>(ObligationKind.class);
                            caseDone.putAll(done.getOrDefault(c.inmateId(), Map.of()));
                            ObligationStore.withDerivedFulfilments(c, caseDone);
                            for (Obligation o : ObligationSchedule.compute(c.facts(), caseDone, today)) {
                                if (o.dueDate() == null) {
                                    continue;
                                }
                                csv.append(c.inmateId()).append(',').append(o.kind().code()).append(',')
                                        .append(o.kind().responsible().code()).append(',').append(quote(c.institution()))
                                        .append(',').append(c.municipality()).append(',').append(o.dueDate()).append(',')
                                        .append(o.doneOn() == null ? "" : o.doneOn().toString()).append(',')
                                        .append(quote(o.reason())).append('\n');
                                rows++;
                            }
                            if (csv.length() > 60_000) {
                                flush(copy, csv);
                            }
                        }
                        flush(copy, csv);
                    }
                }
                copy.endCopy();
                // R10 invitations: rebuilt from the meetings as they are (also for meetings loaded past the events).
                try (var st = write.prepareStatement("DELETE FROM obligation WHERE kind = 'release-meeting-invitation'")) {
                    st.executeUpdate();
                }
                rows += ReleaseMeetingInvitations.insert(write, null, today);
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

    private static Map<UUID, Map<ObligationKind, LocalDate>> fulfilments(Connection read) throws SQLException {
        Map<UUID, Map<ObligationKind, LocalDate>> done = new HashMap<>();
        try (var st = read.prepareStatement("""
                SELECT DISTINCT ON (inmate_id, kind) inmate_id, kind, done_on FROM obligation_fulfilment
                 ORDER BY inmate_id, kind, id DESC""");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                done.computeIfAbsent(rs.getObject(1, UUID.class), id -> new EnumMap<>(ObligationKind.class))
                        .put(ObligationKind.fromCode(rs.getString(2)), rs.getObject(3, LocalDate.class));
            }
        }
        return done;
    }

    private static void flush(CopyIn copy, StringBuilder csv) throws SQLException {
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        csv.setLength(0);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
