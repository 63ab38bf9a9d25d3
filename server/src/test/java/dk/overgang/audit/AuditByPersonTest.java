package dk.overgang.audit;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import dk.overgang.database.Sql;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §2: an auditor finds every access to a person from the person, whatever resource was
 * touched; refusals are recorded as refusals; a CPR lookup that found nothing is attributable to the
 * CPR without storing it; a search is one record naming everyone it showed.
 */
@MicronautTest(transactional = false)
class AuditByPersonTest extends ApiTest {

    private final String prison = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String MUNICIPALITY = "157";

    private List<JsonNode> aboutPerson(String inmateId) {
        List<JsonNode> all = new ArrayList<>();
        api().get("/api/v1/audit-events?_count=500&subject=" + inmateId, Tokens.auditor()).json().get("items").forEach(all::add);
        return all;
    }

    private static boolean has(List<JsonNode> records, String type, String action, String outcome, String orgId) {
        return records.stream().anyMatch(r -> r.get("resourceType").asText().equals(type) && r.get("action").asText().equals(action)
                && r.get("outcome").asText().equals(outcome) && r.at("/actor/orgId").asText().equals(orgId));
    }

    @Test
    void readsOfAPersonsPlanAndAssessmentAreFoundFromThePerson() {
        String id = create(anInmate().inInstitution(prison).inMunicipality(MUNICIPALITY)).get("id").asText();
        String staff = Tokens.token("prison", prison, "user/ActionPlan.crus user/LsRnrAssessment.cru", "lsrnr-certified");
        var plan = api().post("/api/v1/action-plans", staff, Map.of("inmateId", id, "sentenceStart", "2026-03-01"));
        assertEquals(201, plan.status(), plan.body());
        var assessment = api().post("/api/v1/lsrnr-assessments", staff, Map.of("inmateId", id, "assessedOn", "2026-03-05",
                "assessor", "Test Assessor", "riskLevel", "high",
                "needs", List.of(Map.of("domain", "companions", "score", 6, "level", "high"))));
        assertEquals(201, assessment.status(), assessment.body());
        assertEquals(200, api().get("/api/v1/action-plans/" + plan.json().get("id").asText(),
                Tokens.token("municipality", MUNICIPALITY, "user/ActionPlan.r")).status());
        assertEquals(200, api().get("/api/v1/lsrnr-assessments/" + assessment.json().get("id").asText(), staff).status());
        assertEquals(200, api().get("/api/v1/action-plans?inmateId=" + id, staff).status());

        List<JsonNode> records = aboutPerson(id);
        assertTrue(has(records, "ActionPlan", "read", "success", MUNICIPALITY), records.toString());
        assertTrue(has(records, "LsRnrAssessment", "read", "success", prison), records.toString());
        assertTrue(has(records, "ActionPlan", "search", "success", prison), records.toString());
        assertTrue(has(records, "ActionPlan", "create", "success", prison), records.toString());
        assertTrue(records.stream().allMatch(r -> r.get("subjects").toString().contains(id)
                || r.get("resourceId").asText().equals(id)), "every record names the person");
        // The auditor's own search is audited, naming the person asked about.
        assertTrue(has(aboutPerson(id), "AuditEvent", "search", "success", "datatilsynet"));
    }

    @Test
    void aSearchPageIsOneRecordNamingEveryoneItShowed() throws SQLException {
        String prison = "audit-search-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(anInmate().inInstitution(prison)).get("id").asText());
        }
        String sub = "searcher-" + UUID.randomUUID();
        var page = api().get("/api/v1/inmates?_count=50&institution=" + prison,
                Tokens.minter().mint(dk.overgang.devtoken.DevTokenMinter.Spec.of("prison", prison, "user/Inmate.s").withSub(sub)));
        assertEquals(200, page.status());
        assertEquals(3, page.json().get("items").size());
        try (Connection c = TestDatabase.connect();
             var ps = c.prepareStatement("SELECT cardinality(subjects) FROM audit_event WHERE actor_sub = ?")) {
            ps.setString(1, sub);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
                assertFalse(rs.next(), "one record for the page, not one per person");
            }
        }
        for (String id : ids) {
            assertTrue(aboutPerson(id).stream().anyMatch(r -> r.at("/actor/sub").asText().equals(sub)));
        }
    }

    @Test
    void refusalsAreRecordedAsRefusals() {
        InmateBuilder inmate = anInmate().inInstitution(prison);
        String id = create(inmate).get("id").asText();
        assertEquals(403, api().get("/api/v1/inmates/" + id, Tokens.token("prison", prison, "user/Inmate.s")).status());
        assertEquals(412, api().put("/api/v1/inmates/" + id, Tokens.prison(prison), inmate.with("name", "Nyt Navn").build(),
                "If-Match", "W/\"7\"").status());
        assertEquals(428, api().put("/api/v1/inmates/" + id, Tokens.prison(prison), inmate.with("name", "Nyt Navn").build()).status());
        assertEquals(404, api().get("/api/v1/inmates/" + id, Tokens.prison("someone-else")).status());
        List<JsonNode> records = aboutPerson(id);
        assertTrue(has(records, "Inmate", "read", "forbidden", prison), records.toString());
        assertEquals(2, records.stream().filter(r -> r.get("outcome").asText().equals("precondition-failed")).count(),
                records.toString());
        assertTrue(has(records, "Inmate", "read", "not-found", "someone-else"), records.toString());
    }

    @Test
    void aCprLookupThatFoundNothingIsFoundByTheCprWhichIsNeverStored() throws SQLException {
        InmateBuilder inmate = anInmate().inInstitution(prison).inMunicipality(MUNICIPALITY);
        String id = create(inmate).get("id").asText();
        String elsewhere = "851";
        var lookup = api().post("/api/v1/inmates/_lookup", Tokens.token("municipality", elsewhere, "user/Inmate.s"),
                Map.of("cpr", inmate.cpr()));
        assertEquals(200, lookup.status());
        assertEquals(0, lookup.json().get("items").size(), "not theirs: nothing found");

        var found = api().post("/api/v1/audit-events/_lookup", Tokens.auditor(), Map.of("cpr", inmate.cpr()));
        assertEquals(200, found.status(), found.body());
        List<JsonNode> records = new ArrayList<>();
        found.json().get("items").forEach(records::add);
        assertTrue(has(records, "Inmate", "lookup", "not-found", elsewhere), records.toString());
        assertTrue(has(records, "Inmate", "create", "success", prison), "and what happened to the person: " + records);
        assertFalse(found.body().contains(inmate.cpr().replace("-", "")), "the answer does not carry the CPR");
        assertEquals(403, api().post("/api/v1/audit-events/_lookup", Tokens.prison(prison), Map.of("cpr", inmate.cpr())).status());

        String digits = inmate.cpr().replace("-", "");
        try (Connection c = TestDatabase.connect(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_event WHERE audit_event::text LIKE '%" + digits + "%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no audit record stores the CPR");
        }
        assertTrue(aboutPerson(id).size() >= 1);
    }

    @Inject
    Sql sql;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aPageOfAPersonsRecordsReadsThePageNotEveryRecordAboutThePerson() throws SQLException {
        // Issue 28 §4, V37: a person named by 3,000 records (a busy search page) and by one a year ago.
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        try (Connection app = TestDatabase.connectAsApplication(); var st = app.createStatement()) {
            st.execute("INSERT INTO audit_event (recorded, actor_sub, actor_org_type, actor_org_id, resource_type, action, outcome, subjects)"
                    + " SELECT now() - interval '1 year', 'page-test', 'municipality', '157', 'Inmate', 'search', 'success', ARRAY['" + id + "'::uuid]");
            st.execute("INSERT INTO audit_event (recorded, actor_sub, actor_org_type, actor_org_id, resource_type, action, outcome, subjects)"
                    + " SELECT now(), 'page-test', 'municipality', '157', 'Inmate', 'search', 'success', ARRAY['" + id + "'::uuid, gen_random_uuid()]"
                    + " FROM generate_series(1, 3000)");
        }
        List<Long> expected = transactions.executeRead(status -> sql.run(h -> h.createQuery(
                        "SELECT id FROM audit_event WHERE subjects @> ARRAY[CAST(:id AS uuid)] OR (resource_type = 'Inmate' AND resource_id = :id)"
                                + " ORDER BY id LIMIT 10").bind("id", UUID.fromString(id)).mapTo(Long.class).list()));
        assertEquals(10, expected.size());

        // The auditor's page is the person's oldest ten records, in order, the year-old one first.
        JsonNode page = api().get("/api/v1/audit-events?_count=10&subject=" + id, Tokens.auditor()).json();
        List<Long> shown = new ArrayList<>();
        page.get("items").forEach(r -> shown.add(r.get("id").asLong()));
        assertEquals(expected, shown, page.toString());

        // And PostgreSQL reads the page, not the 3,001 records: no step of the plan handles more than a page's rows
        // (plus one row looked at in each month). The ordered scan is the planner's choice once it knows that a
        // person can have many records (autovacuum's statistics; ANALYZE here, as this machine runs without).
        try (Connection owner = TestDatabase.connect(); var st = owner.createStatement()) {
            st.execute("ANALYZE audit_subject, audit_event");
        }
        String plan = transactions.executeRead(status -> sql.run(h -> String.join("\n", h.createQuery(
                        "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + AuditLog.pageSql(AuditLog.ABOUT_PERSON))
                .bind("inmate", UUID.fromString(id)).bind("after", 0L).bind("limit", 10).bind("hiddenPurposes", "")
                .mapTo(String.class).list())));
        var rows = java.util.regex.Pattern.compile("actual rows=(\\d+)").matcher(plan);
        int most = 0;
        while (rows.find()) {
            most = Math.max(most, Integer.parseInt(rows.group(1)));
        }
        assertTrue(most > 0 && most <= 11, plan);
        assertTrue(plan.contains("audit_subject"), plan);
    }
}
