package dk.overgang.audit;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the person's reading log lists exactly the accesses made in a scenario: who, what, when,
 * refusals too; prison staff of the person's institution and auditors read it, nobody else learns the
 * person exists; the page for the person is in plain Danish and holds no CPR number.
 */
@MicronautTest(transactional = false)
class ReadingLogTest extends ApiTest {

    private final String prison = "log-" + UUID.randomUUID().toString().substring(0, 8);
    private final String municipality = "7" + String.format("%02d", (int) (Math.random() * 100));

    private static List<String> lines(JsonNode log) {
        List<String> lines = new ArrayList<>();
        log.get("items").forEach(e -> lines.add(e.at("/organisation/orgType").asText() + ":" + e.at("/organisation/orgId").asText()
                + " " + e.get("action").asText() + " " + e.get("resourceType").asText() + " " + e.get("outcome").asText()));
        return lines;
    }

    @Test
    void theLogListsExactlyTheAccessesOfAScenario() {
        InmateBuilder person = anInmate().inInstitution(prison).inMunicipality(municipality).with("name", "Læsbar Larsen");
        String id = create(person).get("id").asText();
        String caseworker = Tokens.token("municipality", municipality, "user/Inmate.rs");
        assertEquals(200, api().get("/api/v1/inmates/" + id, caseworker).status());
        assertEquals(200, api().get("/api/v1/inmates?actingMunicipality=" + municipality + "&institution=" + prison, caseworker)
                .status());
        assertEquals(404, api().get("/api/v1/inmates/" + id, Tokens.token("municipality", "101", "user/Inmate.r")).status(),
                "another municipality tries");
        assertEquals(200, api().put("/api/v1/inmates/" + id, Tokens.prison(prison), person.with("expectedReleaseDate", "2027-10-01")
                .build(), "If-Match", "W/\"1\"").status());

        String staff = Tokens.token("prison", prison, "user/Inmate.r");
        var log = api().get("/api/v1/inmates/" + id + "/reading-log", staff);
        assertEquals(200, log.status(), log.body());
        assertEquals(List.of(
                "prison:" + prison + " create Inmate success",
                "municipality:" + municipality + " read Inmate success",
                "municipality:" + municipality + " search Inmate success",
                "municipality:101 read Inmate not-found",
                "prison:" + prison + " update Inmate success"), lines(log.json()));

        // An auditor sees the same, and now also that prison staff read the log.
        var audited = api().get("/api/v1/inmates/" + id + "/reading-log", Tokens.token("auditor", "datatilsynet", "user/AuditEvent.s"));
        assertEquals(200, audited.status(), audited.body());
        List<String> all = lines(audited.json());
        assertEquals("prison:" + prison + " read AuditEvent success", all.get(all.size() - 1), "reading the log is logged");

        // Paged without gaps.
        var first = api().get("/api/v1/inmates/" + id + "/reading-log?_count=2", staff).json();
        assertEquals(2, first.get("items").size());
        var second = api().get(first.at("/links/next").asText(), staff).json();
        assertEquals("municipality:" + municipality + " search Inmate success", lines(second).get(0));
    }

    private static String withPurpose(String orgType, String orgId, String scope, String purpose) {
        var minter = Tokens.minter();
        var claims = minter.claims(dk.overgang.devtoken.DevTokenMinter.Spec.of(orgType, orgId, scope));
        return minter.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder(claims).claim("purpose", purpose).build());
    }

    @Test
    void theLogSaysWhyFromTheTokenOrTheOrganisationAndRefusesAPurposeTheOrganisationCannotHave() {
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        assertEquals(200, api().get("/api/v1/inmates/" + id, Tokens.token("municipality", municipality, "user/Inmate.r")).status());
        assertEquals(200, api().get("/api/v1/inmates/" + id, withPurpose("municipality", municipality, "user/Inmate.r",
                "crime-prevention")).status());
        var refused = api().get("/api/v1/inmates/" + id, withPurpose("municipality", municipality, "user/Inmate.r", "oversight"));
        assertEquals(403, refused.status(), "a municipality does not do oversight");
        assertTrue(refused.json().get("detail").asText().contains("municipal-casework"), refused.body());
        assertEquals(403, api().get("/api/v1/inmates/" + id, withPurpose("municipality", municipality, "user/Inmate.r",
                "nosy")).status(), "an unknown purpose");

        String staff = Tokens.token("prison", prison, "user/Inmate.r");
        assertEquals(200, api().get("/api/v1/inmates/" + id + "/reading-log", staff).status());
        var log = api().get("/api/v1/inmates/" + id + "/reading-log", Tokens.auditor()).json();
        List<String> why = new ArrayList<>();
        log.get("items").forEach(e -> why.add(e.at("/organisation/orgType").asText() + " " + e.get("action").asText() + " "
                + e.get("outcome").asText() + " " + e.get("purpose").asText()));
        assertEquals(List.of("prison create success sentence-execution", "municipality read success municipal-casework",
                "municipality read success crime-prevention",
                "municipality read forbidden municipal-casework", "municipality read forbidden municipal-casework",
                "prison read success subject-access"), why, "the refused purposes are audited as refusals too");

        var page = api().send("GET", "/api/v1/inmates/" + id + "/reading-log", staff, null, null, "Accept", "text/html").body();
        assertTrue(page.contains("Kriminalpræventivt samarbejde (KSP, retsplejelovens § 115)"), page);
        assertTrue(page.contains("<th>Hvorfor</th>"));
        // The auditor's own view carries the purpose too, and the chain seals it.
        var records = api().get("/api/v1/audit-events?subject=" + id, Tokens.auditor()).json();
        assertEquals("sentence-execution", records.at("/items/0/purpose").asText(), records.toString());
    }

    @Test
    void nobodyElseLearnsThePersonExistsAndThePageIsPlainDanish() {
        InmateBuilder person = anInmate().inInstitution(prison).inMunicipality(municipality).with("name", "Læsbar Larsen");
        String id = create(person).get("id").asText();
        String missing = api().get("/api/v1/inmates/" + UUID.randomUUID() + "/reading-log",
                Tokens.token("prison", prison, "user/Inmate.r")).json().get("detail").asText();
        for (String token : List.of(Tokens.token("prison", "other-" + prison, "user/Inmate.r"),
                Tokens.token("municipality", municipality, "user/Inmate.r"), Tokens.token("ngo", "roede-kors-primus-motor", "user/Inmate.r"))) {
            var refused = api().get("/api/v1/inmates/" + id + "/reading-log", token);
            assertEquals(404, refused.status(), refused.body());
            assertEquals(missing, refused.json().get("detail").asText(), "exactly as for a person that does not exist");
        }
        assertEquals(403, api().get("/api/v1/inmates/" + id + "/reading-log", Tokens.token("prison", prison, "user/ActionPlan.r"))
                .status(), "Inmate.r is needed");

        var page = api().send("GET", "/api/v1/inmates/" + id + "/reading-log", Tokens.token("prison", prison, "user/Inmate.r"),
                null, null, "Accept", "text/html");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("Hvem har set dine oplysninger"));
        assertTrue(page.body().contains("oprettede dine grundoplysninger"), page.body());
        assertFalse(page.body().contains(person.cpr()) || page.body().contains(person.cpr().replace("-", "")), "no CPR number");
        assertTrue(page.header("Content-Security-Policy") != null, "the page runs no script");
    }
}
