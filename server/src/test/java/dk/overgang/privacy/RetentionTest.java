package dk.overgang.privacy;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.audit.AuditChain;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: retention erases exactly what is past its period (per kind, counted from the release),
 * leaves people under legal hold alone, reports what it did, records each erasure in the audit log,
 * and the audit chain still verifies afterwards. The append-only guards still hold outside the job.
 */
@MicronautTest(transactional = false)
class RetentionTest extends ApiTest {

    private static final String PROGRAMME = "roede-kors-primus-motor";
    private final String prison = "ret-" + UUID.randomUUID().toString().substring(0, 6);

    @Inject
    AuditChain chain;

    private String operator() {
        return Tokens.token("operator", "overgang-drift", "user/RetentionRun.cs");
    }

    private InmateBuilder releasedOn(String date, String name) {
        LocalDate released = LocalDate.parse(date);
        return anInmate().inInstitution(prison).inMunicipality("101").with("name", name).with("custodyStatus", "released")
                .with("sentenceStart", released.minusDays(200).toString()).with("sentenceLengthDays", 200)
                .with("expectedParoleDate", null).with("expectedReleaseDate", date).with("actualReleaseDate", date);
    }

    private static long rows(Statement st, String table, String column, String id) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " WHERE " + column + " = '" + id + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void retentionErasesExactlyWhatExpiredAndTheAuditChainStillVerifies() throws SQLException {
        LocalDate today = LocalDate.now();
        String longAgo = today.minusYears(5).minusDays(30).toString();   // past the 5 years for the person
        String aWhileAgo = today.minusYears(1).minusDays(30).toString(); // past 1 year for NGO data, not 5
        String expired = create(releasedOn(longAgo, "Udløbet Ulla")).get("id").asText();
        String held = create(releasedOn(longAgo, "Holdt Hans")).get("id").asText();
        String recent = create(releasedOn(aWhileAgo, "Nyere Niels")).get("id").asText();
        String inside = create(anInmate().inInstitution(prison).inMunicipality("101")).get("id").asText();
        String manager = Tokens.token("prison", prison, "user/Inmate.cruds user/Consent.cus", "manager");
        for (String id : List.of(expired, recent)) {
            assertEquals(200, api().put("/api/v1/inmates/" + id + "/restriction", manager,
                    Map.of("restricted", true, "reason", "other")).status(), "a row in an append-only table");
            assertEquals(200, api().put("/api/v1/inmates/" + id + "/restriction",
                    Tokens.token("prison", prison, "user/Inmate.u", "manager", "restricted-access"), Map.of("restricted", false)).status());
            var consent = api().post("/api/v1/consents", manager, Map.of("inmateId", id, "programmeId", PROGRAMME,
                    "purpose", "referral", "dataItems", List.of("first-name"), "validFrom", today.toString()));
            assertEquals(201, consent.status(), consent.body());
        }
        // A legal hold keeps the person however old the release.
        var hold = api().put("/api/v1/inmates/" + held + "/legal-hold", Tokens.token("auditor", "datatilsynet", "user/RetentionRun.ru"),
                Map.of("held", true, "reason", "Klagesag ved Datatilsynet"));
        assertEquals(200, hold.status(), hold.body());
        assertTrue(hold.json().get("held").asBoolean());

        long expectedPeople;
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM inmate i WHERE i.custody_status = 'released'"
                     + " AND coalesce(i.actual_release_date, i.expected_release_date) < current_date - interval '5 years'"
                     + " AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.inmate_id = i.id)")) {
            rs.next();
            expectedPeople = rs.getLong(1);
        }
        chain.seal();
        assertTrue(chain.verify().intact());

        var run = api().post("/api/v1/retention-runs", operator(), Map.of());
        assertEquals(201, run.status(), run.body());
        JsonNode report = run.json();
        assertEquals(expectedPeople, report.at("/erased/people").asLong(), report.toString());
        assertTrue(report.at("/erased/inmate_restriction").asLong() >= 2);
        assertTrue(report.at("/erased/consent").asLong() >= 2, "the expired person's and the recent person's consents");
        assertTrue(report.get("held").asInt() >= 1);
        assertEquals(0, report.get("failed").asInt());
        assertEquals(today.minusYears(5).toString(), report.at("/cutoffs/person").asText());

        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            assertEquals(0, rows(st, "inmate", "id", expired));
            for (String table : List.of("resource_version", "inmate_restriction", "consent", "event", "obligation")) {
                assertEquals(0, rows(st, table, "inmate_id", expired), table + " of the expired person");
            }
            assertEquals(1, rows(st, "inmate", "id", held), "held");
            assertTrue(rows(st, "resource_version", "inmate_id", held) >= 1, "the held person's versions");
            assertEquals(1, rows(st, "inmate", "id", recent), "the person is kept");
            assertEquals(2, rows(st, "inmate_restriction", "inmate_id", recent), "and the person's records");
            assertEquals(0, rows(st, "consent", "inmate_id", recent), "but the NGO data is past its year");
            assertEquals(1, rows(st, "inmate", "id", inside), "not released");
        }
        assertEquals(404, api().get("/api/v1/inmates/" + expired + "/subject-access", Tokens.auditor()).status());

        // The audit log still verifies, and names the erasure, for the job, for retention.
        chain.seal();
        AuditChain.Verdict verdict = chain.verify();
        assertTrue(verdict.intact(), verdict.finding());
        JsonNode log = api().get("/api/v1/inmates/" + expired + "/reading-log", Tokens.auditor()).json();
        JsonNode erasure = null;
        for (JsonNode e : log.get("items")) {
            if (e.get("action").asText().equals("delete")) {
                erasure = e;
            }
        }
        assertTrue(erasure != null, log.toString());
        assertEquals("retention", erasure.get("purpose").asText());
        assertEquals("operator", erasure.at("/organisation/orgType").asText());

        // A second run finds nothing more to do; the runs are listed for auditors, newest first.
        var again = api().post("/api/v1/retention-runs", operator(), Map.of()).json();
        assertFalse(again.get("erased").has("people"), again.toString());
        var runs = api().get("/api/v1/retention-runs", Tokens.token("auditor", "datatilsynet", "user/RetentionRun.s"));
        assertEquals(200, runs.status(), runs.body());
        assertEquals(again.get("id").asText(), runs.json().at("/items/0/id").asText());
        assertEquals(report.get("id").asText(), runs.json().at("/items/1/id").asText());

        // Lifting the hold lets the next run erase the person.
        assertEquals(200, api().put("/api/v1/inmates/" + held + "/legal-hold",
                Tokens.token("auditor", "datatilsynet", "user/RetentionRun.u"), Map.of("held", false)).status());
        assertEquals(1, api().post("/api/v1/retention-runs", operator(), Map.of()).json().at("/erased/people").asLong());
    }

    @Test
    void theAppendOnlyGuardsHoldOutsideTheJobAndTheDatabaseChecksTheCutoff() throws SQLException {
        String inside = create(anInmate().inInstitution(prison).inMunicipality("101")).get("id").asText();
        try (Connection app = TestDatabase.connectAsApplication(); Statement st = app.createStatement()) {
            app.setAutoCommit(false);
            st.execute("SELECT set_config('overgang.erasing', 'retention', true)");
            SQLException refused = assertThrows(SQLException.class,
                    () -> st.executeUpdate("DELETE FROM resource_version WHERE inmate_id = '" + inside + "'"));
            assertTrue(List.of("42501").contains(refused.getSQLState()), refused.getMessage());
            app.rollback();
            // Asked to erase a person still inside with any cutoff, the database declines.
            try (PreparedStatement ps = app.prepareStatement("SELECT retention_erase('person', ?::uuid, DATE '2999-01-01')")) {
                ps.setString(1, inside);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertNull(rs.getString(1));
                }
            }
            app.rollback();
        }
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            assertEquals(1, rows(st, "inmate", "id", inside));
        }
    }

    @Test
    void onlyOperatorsRunItAndALegalHoldNeedsAReason() {
        String id = create(releasedOn("2020-01-31", "Grund Grethe")).get("id").asText();
        assertEquals(403, api().post("/api/v1/retention-runs", Tokens.token("auditor", "datatilsynet", "user/RetentionRun.cs"),
                Map.of()).status());
        assertEquals(403, api().post("/api/v1/retention-runs", Tokens.token("operator", "drift", "user/RetentionRun.s"),
                Map.of()).status());
        assertEquals(403, api().get("/api/v1/retention-runs", Tokens.token("prison", prison, "user/RetentionRun.s")).status());
        var noReason = api().put("/api/v1/inmates/" + id + "/legal-hold", Tokens.token("auditor", "datatilsynet", "user/RetentionRun.u"),
                Map.of("held", true));
        assertEquals(400, noReason.status());
        assertEquals("reason", noReason.json().at("/errors/0/field").asText(), noReason.body());
        assertEquals(403, api().put("/api/v1/inmates/" + id + "/legal-hold", Tokens.token("prison", prison, "user/Inmate.u"),
                Map.of("held", true, "reason", "x")).status(), "not a manager");
        assertEquals(404, api().put("/api/v1/inmates/" + id + "/legal-hold", Tokens.token("municipality", "147", "user/Inmate.u"),
                Map.of("held", true, "reason", "x")).status(), "not the person's municipality");
        var placed = api().put("/api/v1/inmates/" + id + "/legal-hold", Tokens.token("prison", prison, "user/Inmate.u", "manager"),
                Map.of("held", true, "reason", "Verserende straffesag"));
        assertEquals(200, placed.status(), placed.body());
        assertEquals("prison", placed.json().at("/placedBy/orgType").asText());
        var read = api().get("/api/v1/inmates/" + id + "/legal-hold", Tokens.token("municipality", "101", "user/Inmate.r"));
        assertEquals(200, read.status());
        assertEquals("Verserende straffesag", read.json().get("reason").asText());
    }
}
