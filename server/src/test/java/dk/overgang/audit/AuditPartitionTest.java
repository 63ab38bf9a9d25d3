package dk.overgang.audit;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 28 §4: the audit log is partitioned by month. Records land in their month's partition (also a
 * month nobody made in time: the default partition holds them until it is made); a link of the hash
 * chain never holds two months; retention drops whole months past the audit period, keeps the records
 * about a person under legal hold, and the chain still verifies. The server's role cannot retire a
 * recent month or forge the list of retired months.
 */
@MicronautTest(transactional = false)
class AuditPartitionTest extends ApiTest {

    private final String prison = "part-" + UUID.randomUUID().toString().substring(0, 6);

    @Inject
    AuditChain chain;

    @Inject
    AuditPartitions partitions;

    @Test
    void oldMonthsAreRetiredWholeTheChainStillVerifiesAndRecordsUnderLegalHoldStay() throws SQLException {
        String held = create(anInmate().inInstitution(prison)).get("id").asText();
        String plain = create(anInmate().inInstitution(prison)).get("id").asText();
        var hold = api().put("/api/v1/inmates/" + held + "/legal-hold", Tokens.token("auditor", "datatilsynet", "user/RetentionRun.ru"),
                Map.of("held", true, "reason", "Klagesag ved Datatilsynet"));
        assertEquals(200, hold.status(), hold.body());

        // Records of two long-past months, interleaved by id, written as the server writes (its own role).
        List<Long> ids = new ArrayList<>();
        try (Connection app = TestDatabase.connectAsApplication()) {
            ids.add(insert(app, "2011-03-10T08:00:00Z", held));
            ids.add(insert(app, "2011-04-01T00:00:00Z", plain)); // the first instant of April is April's
            ids.add(insert(app, "2011-03-31T23:59:59.999999Z", plain));
            ids.add(insert(app, "2011-04-20T12:00:00Z", plain));
            ids.add(insert(app, "2011-03-15T12:00:00Z", plain));
        }
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            // No partition for 2011 existed: the default partition took them, nothing was refused.
            assertEquals(5, one(st, "SELECT count(*) FROM audit_event_default WHERE id IN " + in(ids)));
            assertTrue(partitions.ensure() >= 2, "the months of the waiting records are made");
            assertEquals(0, one(st, "SELECT count(*) FROM audit_event_default WHERE id IN " + in(ids)));
            assertEquals(3, one(st, "SELECT count(*) FROM audit_event_2011_03 WHERE id IN " + in(ids)));
            assertEquals(2, one(st, "SELECT count(*) FROM audit_event_2011_04 WHERE id IN " + in(ids)));
            // V37: the index of who each record names moved with them, month for month.
            assertEquals(0, one(st, "SELECT count(*) FROM audit_subject_default WHERE event_id IN " + in(ids)));
            assertEquals(3, one(st, "SELECT count(*) FROM audit_subject_2011_03 WHERE event_id IN " + in(ids)));
            assertEquals(2, one(st, "SELECT count(*) FROM audit_subject_2011_04 WHERE event_id IN " + in(ids)));
            // And this month and the ones ahead exist.
            LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
            for (int ahead = 0; ahead <= 3; ahead++) {
                String name = "audit_event_" + thisMonth.plusMonths(ahead).toString().substring(0, 7).replace('-', '_');
                assertEquals(1, one(st, "SELECT count(*) FROM pg_class WHERE relname = '" + name + "'"), name);
            }

            chain.seal();
            AuditChain.Verdict before = chain.verify();
            assertTrue(before.intact(), before.finding());
            // Every link holds the records of its own month only.
            assertEquals(0, one(st, """
                    SELECT count(*) FROM audit_chain c JOIN audit_event e ON e.id BETWEEN c.first_event_id AND c.last_event_id
                     WHERE c.month IS DISTINCT FROM CAST(date_trunc('month', e.recorded AT TIME ZONE 'UTC') AS date)"""));
            assertEquals(5, one(st, "SELECT count(*) FROM audit_chain WHERE month IN (DATE '2011-03-01', DATE '2011-04-01')"),
                    "interleaved ids, alternating months: a link each");
        }

        var run = api().post("/api/v1/retention-runs", Tokens.token("operator", "overgang-drift", "user/RetentionRun.cs"), Map.of());
        assertEquals(201, run.status(), run.body());
        JsonNode report = run.json();
        assertEquals(LocalDate.now().minusYears(5).toString(), report.at("/cutoffs/audit").asText(), report.toString());
        assertTrue(report.at("/erased/audit_event").asLong() >= 4, report.toString());
        assertTrue(report.at("/erased/audit_event_kept_for_legal_hold").asLong() >= 1, report.toString());
        assertTrue(report.at("/erased/audit_month").asLong() >= 2, report.toString());

        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            assertEquals(0, one(st, "SELECT count(*) FROM pg_class WHERE relname = 'audit_event_2011_04'"), "April dropped whole");
            assertEquals(1, one(st, "SELECT count(*) FROM audit_event WHERE id IN " + in(ids)), "only the held person's record");
            assertEquals((long) ids.getFirst(), one(st, "SELECT id FROM audit_event_2011_03"), "kept in March's place");
            assertEquals(1, one(st, "SELECT kept_for_hold FROM audit_retired_month WHERE month = DATE '2011-03-01'"));
            assertEquals(2, one(st, "SELECT records FROM audit_retired_month WHERE month = DATE '2011-04-01'"));
            assertEquals(0, one(st, "SELECT count(*) FROM pg_class WHERE relname = 'audit_subject_2011_04'"), "its index went with it");
            assertEquals((long) ids.getFirst(), one(st, "SELECT event_id FROM audit_subject_2011_03"), "the held record stays findable");
        }
        AuditChain.Verdict after = chain.verify();
        assertTrue(after.intact(), after.finding());
        assertTrue(after.retired() >= 5, "the retired months' links are taken as stored: " + after);

        // The held person's old record is still found; the other person's are gone.
        assertTrue(subjectIds(held).contains(ids.getFirst()));
        assertTrue(subjectIds(plain).stream().noneMatch(ids::contains));

        // A second run finds nothing more in the audit log.
        JsonNode again = api().post("/api/v1/retention-runs", Tokens.token("operator", "overgang-drift", "user/RetentionRun.cs"),
                Map.of()).json();
        assertFalse(again.get("erased").has("audit_month"), again.toString());
    }

    @Test
    void theServerRoleCannotRetireARecentMonthNorForgeTheRetiredList() throws SQLException {
        LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        try (Connection app = TestDatabase.connectAsApplication(); Statement st = app.createStatement()) {
            // Asked with a cutoff in the future, the database still keeps everything younger than a year.
            for (LocalDate month : List.of(thisMonth, thisMonth.minusMonths(6))) {
                try (PreparedStatement ps = app.prepareStatement("SELECT audit_retire_month(?, DATE '2999-01-01')")) {
                    ps.setObject(1, month);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertNull(rs.getString(1), month.toString());
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_retired_month WHERE month >= DATE '"
                    + thisMonth.minusMonths(6) + "'")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
            if (TestDatabase.rolesSeparated()) {
                assertEquals("42501", assertThrows(SQLException.class, () -> st.execute(
                        "INSERT INTO audit_retired_month (month, records, kept_for_hold, cutoff) VALUES (DATE '2000-01-01', 0, 0, current_date)"))
                        .getSQLState(), "only the owner's function records a retired month");
                String part = "audit_event_" + thisMonth.toString().substring(0, 7).replace('-', '_');
                assertEquals("42501", assertThrows(SQLException.class, () -> st.execute("DROP TABLE " + part)).getSQLState());
                assertEquals("42501", assertThrows(SQLException.class, () -> st.execute("TRUNCATE " + part)).getSQLState());
                assertEquals("42501", assertThrows(SQLException.class,
                        () -> st.execute("ALTER TABLE audit_event DETACH PARTITION " + part)).getSQLState());
            }
        }
    }

    private List<Long> subjectIds(String inmateId) {
        var page = api().get("/api/v1/audit-events?_count=500&subject=" + inmateId, Tokens.auditor());
        assertEquals(200, page.status(), page.body());
        List<Long> found = new ArrayList<>();
        page.json().get("items").forEach(e -> found.add(e.get("id").asLong()));
        return found;
    }

    private static long insert(Connection app, String recorded, String subject) throws SQLException {
        try (PreparedStatement ps = app.prepareStatement("""
                INSERT INTO audit_event (recorded, actor_sub, actor_org_type, actor_org_id, resource_type, resource_id, action,
                                         outcome, subjects, purpose)
                VALUES (CAST(? AS timestamptz), 'part-test', 'prison', 'part-prison', 'Inmate', CAST(? AS uuid), 'read', 'success',
                        ARRAY[CAST(? AS uuid)], 'sentence-execution')
                RETURNING id""")) {
            ps.setString(1, recorded);
            ps.setString(2, subject);
            ps.setString(3, subject);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String in(List<Long> ids) {
        return ids.toString().replace('[', '(').replace(']', ')');
    }

    private static long one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
