package dk.overgang.supervision;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Probation (KiF) supervision, the guide's §3.2.5 ("Bliver afsoneren prøveløsladt med tilsyn ...") and
 * §3.3.4 ("Kriminalforsorgen kan tildele dømte, der er i tilsyn, en mentor"): a probation office reads
 * exactly the people it supervises or is assigned to, until the supervision ends.
 */
@MicronautTest(transactional = false)
class SupervisionTest extends ApiTest {

    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final String prison = "sup-" + tag;
    private final String kif = "kif-a-" + tag;
    private final String otherKif = "kif-b-" + tag;

    private String prisonStaff() {
        return Tokens.token("prison", prison, "user/Inmate.cruds user/ActionPlan.cruds");
    }

    private static String office(String id) {
        return Tokens.token("probation", id, "user/Inmate.rus user/ActionPlan.rs user/LsRnrAssessment.rs");
    }

    @Test
    void created201AnAssignedOfficeReadsThePersonAndNoOtherOfficeDoes() {
        // Offices of this test alone (the class's offices supervise other tests' people too).
        String kif = "kif-s-" + UUID.randomUUID().toString().substring(0, 6);
        String otherKif = "kif-t-" + UUID.randomUUID().toString().substring(0, 6);
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        String unsupervised = create(anInmate().inInstitution(prison)).get("id").asText();
        assertEquals(404, api().get("/api/v1/inmates/" + id, office(kif)).status(), "no supervision: like a missing id");

        var assigned = api().put("/api/v1/inmates/" + id + "/supervision", prisonStaff(),
                Map.of("probationOffice", kif, "status", "assigned", "from", "2027-03-01"));
        assertEquals(201, assigned.status(), assigned.body());
        assertEquals("W/\"1\"", assigned.header("ETag"));
        assertEquals("prison", assigned.json().at("/updatedBy/orgType").asText());

        assertEquals(200, api().get("/api/v1/inmates/" + id, office(kif)).status());
        assertEquals(200, api().get("/api/v1/inmates/" + id + "/obligations", office(kif)).status());
        assertEquals(404, api().get("/api/v1/inmates/" + id, office(otherKif)).status());
        assertEquals(404, api().get("/api/v1/inmates/" + unsupervised, office(kif)).status());
        assertEquals(List.of(id), ids(api().get("/api/v1/inmates?_count=500", office(kif)).json()),
                "a search lists exactly the supervised people");
        assertEquals(List.of(), ids(api().get("/api/v1/inmates?_count=500", office(otherKif)).json()));
        assertEquals(200, api().get("/api/v1/inmates/" + id + "/supervision", Tokens.municipality("101")).status(),
                "the acting municipality sees who supervises");
    }

    @Test
    void ok200TheSupervisingOfficeHandsOverToAnotherAndThenSeesNothing() {
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        assertEquals(201, api().put("/api/v1/inmates/" + id + "/supervision", prisonStaff(),
                Map.of("probationOffice", kif, "status", "assigned", "from", "2027-03-01")).status());
        var started = api().put("/api/v1/inmates/" + id + "/supervision", office(kif),
                Map.of("probationOffice", kif, "status", "active", "from", "2027-03-01"), "If-Match", "W/\"1\"");
        assertEquals(200, started.status(), started.body());
        assertEquals("probation", started.json().at("/updatedBy/orgType").asText());

        var stale = api().put("/api/v1/inmates/" + id + "/supervision", office(kif),
                Map.of("probationOffice", otherKif, "status", "active", "from", "2027-03-01"), "If-Match", "W/\"1\"");
        assertEquals(412, stale.status());
        assertEquals(428, api().put("/api/v1/inmates/" + id + "/supervision", office(kif),
                Map.of("probationOffice", otherKif, "status", "active", "from", "2027-03-01")).status());
        var handedOver = api().put("/api/v1/inmates/" + id + "/supervision", office(kif),
                Map.of("probationOffice", otherKif, "status", "active", "from", "2027-03-01"), "If-Match", "W/\"2\"");
        assertEquals(200, handedOver.status(), handedOver.body());
        assertEquals(404, api().get("/api/v1/inmates/" + id, office(kif)).status(), "the old office no longer sees the person");
        assertEquals(200, api().get("/api/v1/inmates/" + id, office(otherKif)).status());
        assertEquals(403, api().put("/api/v1/inmates/" + id + "/supervision", Tokens.token("municipality", "101", "user/Inmate.u"),
                Map.of("probationOffice", kif, "status", "active", "from", "2027-03-01"), "If-Match", "W/\"3\"").status(),
                "a municipality sees the supervision but does not set it");

        var ended = api().put("/api/v1/inmates/" + id + "/supervision", office(otherKif),
                Map.of("probationOffice", otherKif, "status", "ended", "from", "2027-03-01", "until", "2028-03-01"),
                "If-Match", "W/\"3\"");
        assertEquals(200, ended.status(), ended.body());
        assertEquals(404, api().get("/api/v1/inmates/" + id, office(otherKif)).status(), "ended supervision ends the access");
        JsonNode history = api().get("/api/v1/inmates/" + id + "/supervision/_history", prisonStaff()).json();
        assertEquals(4, history.get("items").size());
        assertEquals("ended", history.at("/items/0/status").asText());
        assertEquals("assigned", history.at("/items/3/status").asText());
    }

    @Test
    void badRequest400ForAnEndBeforeTheStartOrAnEndedSupervisionWithoutAnEnd() {
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        var before = api().put("/api/v1/inmates/" + id + "/supervision", prisonStaff(),
                Map.of("probationOffice", kif, "status", "assigned", "from", "2027-03-01", "until", "2027-02-01"));
        assertEquals(400, before.status());
        assertEquals("until", before.json().at("/errors/0/field").asText());
        var noEnd = api().put("/api/v1/inmates/" + id + "/supervision", prisonStaff(),
                Map.of("probationOffice", kif, "status", "ended", "from", "2027-03-01"));
        assertEquals(400, noEnd.status());
        assertEquals(404, api().get("/api/v1/inmates/" + id + "/supervision", prisonStaff()).status(), "nothing stored");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void theAssignedOfficeReadsTheLsRnrAssessmentAndTheActionPlan() {
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        assertEquals(201, api().post("/api/v1/action-plans", prisonStaff(), Map.of("inmateId", id,
                "sentenceStart", "2026-03-01")).status());
        assertEquals(List.of(), plans(id, office(kif)));
        assertEquals(201, api().put("/api/v1/inmates/" + id + "/supervision", prisonStaff(),
                Map.of("probationOffice", kif, "status", "assigned", "from", "2027-03-01")).status());
        assertEquals(1, plans(id, office(kif)).size());
        assertTrue(api().get("/api/v1/lsrnr-assessments?inmateId=" + id, office(kif)).status() == 200);
    }

    private List<String> plans(String inmateId, String token) {
        List<String> ids = new java.util.ArrayList<>();
        api().get("/api/v1/action-plans?inmateId=" + inmateId, token).json().get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }
}
