package dk.overgang.actionplan;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared action plan: one per sentence, versioned, each party writing only its own part (R1, R3, R7). */
@MicronautTest(transactional = false)
class ActionPlanTest extends ApiTest {

    private static final String PRISON = "plan-prison";
    private static final String MUNICIPALITY = "167";
    private static final String PRISON_SCOPE = "user/ActionPlan.cruds user/Inmate.cruds";
    private static final String MUNICIPALITY_SCOPE = "user/ActionPlan.rus";

    private String prison() {
        return Tokens.token("prison", PRISON, PRISON_SCOPE);
    }

    private String municipality() {
        return Tokens.token("municipality", MUNICIPALITY, MUNICIPALITY_SCOPE);
    }

    private String inmate(String sentenceStart, String expectedRelease) {
        return create(anInmate().inInstitution(PRISON).inMunicipality(MUNICIPALITY).with("sentenceStart", sentenceStart)
                .with("expectedParoleDate", null).releasedOn(expectedRelease)).get("id").asText();
    }

    private static Map<String, Object> plan(String inmateId) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("inmateId", inmateId);
        plan.put("sentenceStart", "2026-03-01");
        plan.put("interventions", Map.of("description", "Misbrugsbehandling", "needDomains", List.of("alcohol-drug", "companions"),
                "priorities", List.of("Stoffri afdeling", "Uddannelse")));
        plan.put("housing", Map.of("housingCostHelpApplied", true,
                "registrations", List.of(Map.of("company", "KAB", "registeredOn", "2026-03-10")), "expectedHomelessAtRelease", false));
        plan.put("mentor", Map.of("specialNeed", true, "motivated", true));
        plan.put("exchanges", List.of(Map.of("date", "2026-03-20", "direction", "to-municipality",
                "summary", "Handleplan sendt til jobcentret", "inmateInformed", true)));
        return plan;
    }

    @Test
    void created201WithTheSectionsAsSentAndTheR7FlagComputed() {
        String inmateId = inmate("2026-03-01", "2027-08-23");
        var response = api().post("/api/v1/action-plans", prison(), plan(inmateId));
        assertEquals(201, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals("W/\"1\"", response.header("ETag"));
        assertEquals(java.util.Set.of("alcohol-drug", "companions"), java.util.Set.of(body.at("/interventions/needDomains/0").asText(),
                body.at("/interventions/needDomains/1").asText()), "a set of need domains");
        assertEquals("Stoffri afdeling", body.at("/interventions/priorities/0").asText(), "priorities keep their order");
        assertEquals("KAB", body.at("/housing/registrations/0/company").asText());
        assertTrue(body.at("/exchanges/0/inmateInformed").asBoolean());
        assertTrue(body.get("stayOverSixMonths").asBoolean(), "18 months inside: R7");
        assertFalse(body.has("municipality"));
        assertEquals(body, api().get("/api/v1/action-plans/" + body.get("id").asText(), prison()).json());
    }

    @Test
    void stayOfAtMostSixMonthsIsNotFlagged() {
        String inmateId = inmate("2026-03-01", "2026-09-01");
        assertFalse(api().post("/api/v1/action-plans", prison(), plan(inmateId)).json().get("stayOverSixMonths").asBoolean());
    }

    @Test
    void conflict409ForASecondPlanOfTheSameSentence() {
        String inmateId = inmate("2026-03-01", "2027-08-23");
        assertEquals(201, api().post("/api/v1/action-plans", prison(), plan(inmateId)).status());
        assertEquals(409, api().post("/api/v1/action-plans", prison(), plan(inmateId)).status());
    }

    @Test
    void theMunicipalityWritesItsOwnSectionAndNothingElse() {
        String inmateId = inmate("2026-03-01", "2027-08-23");
        JsonNode created = api().post("/api/v1/action-plans", prison(), plan(inmateId)).json();
        String id = created.get("id").asText();

        Map<String, Object> answer = plan(inmateId);
        answer.put("municipality", Map.of("planReference", "KK-141-2026-17", "response", "Vi tilbyder en § 141-handleplan",
                "respondedOn", "2026-04-02", "decisions", List.of(Map.of("date", "2026-04-02", "decision", "Mentor bevilget"))));
        var ok = api().put("/api/v1/action-plans/" + id, municipality(), answer, "If-Match", "W/\"1\"");
        assertEquals(200, ok.status(), ok.body());
        assertEquals("KK-141-2026-17", ok.json().at("/municipality/planReference").asText());
        assertEquals("W/\"2\"", ok.header("ETag"));

        Map<String, Object> overreach = new LinkedHashMap<>(answer);
        overreach.put("interventions", Map.of("description", "Kommunen omskriver fængslets plan"));
        var refused = api().put("/api/v1/action-plans/" + id, municipality(), overreach, "If-Match", "W/\"2\"");
        assertEquals(403, refused.status());
        assertTrue(refused.json().get("detail").asText().contains("interventions"), refused.body());

        Map<String, Object> prisonOverreach = plan(inmateId);
        prisonOverreach.put("municipality", Map.of("planReference", "rettet af fængslet"));
        assertEquals(403, api().put("/api/v1/action-plans/" + id, prison(), prisonOverreach, "If-Match", "W/\"2\"").status());
        assertEquals(403, api().put("/api/v1/action-plans/" + id, prison(), plan(inmateId), "If-Match", "W/\"2\"").status(),
                "leaving the municipality's section out would delete it: refused too");

        Map<String, Object> prisonUpdate = new LinkedHashMap<>(answer);
        prisonUpdate.put("healthTreatment", Map.of("description", "Psykiatrisk udredning"));
        var prisonOk = api().put("/api/v1/action-plans/" + id, prison(), prisonUpdate, "If-Match", "W/\"2\"");
        assertEquals(200, prisonOk.status(), prisonOk.body());
        assertEquals("KK-141-2026-17", prisonOk.json().at("/municipality/planReference").asText());

        var history = api().get("/api/v1/action-plans/" + id + "/_history", prison()).json().get("items");
        assertEquals(3, history.size());
        assertFalse(history.get(2).has("municipality"), "version 1 had no municipal section");
    }

    @Test
    void badRequest400WhenAnUpdateMovesThePlanToAnotherSentence() {
        String inmateId = inmate("2026-03-01", "2027-08-23");
        String id = api().post("/api/v1/action-plans", prison(), plan(inmateId)).json().get("id").asText();
        Map<String, Object> moved = plan(inmateId);
        moved.put("sentenceStart", "2026-04-01");
        var response = api().put("/api/v1/action-plans/" + id, prison(), moved, "If-Match", "W/\"1\"");
        assertEquals(400, response.status());
        assertEquals("sentenceStart", response.json().at("/errors/0/field").asText());
    }

    @Test
    void forbidden403WhenPrisonStaffSendTheMunicipalitySectionOnCreate() {
        Map<String, Object> plan = plan(inmate("2026-03-01", "2027-08-23"));
        plan.put("municipality", Map.of("planReference", "x"));
        assertEquals(403, api().post("/api/v1/action-plans", prison(), plan).status());
    }

    @Test
    void badRequest400ForAnExchangeTheInmateWasNotToldOfWithoutAReason() {
        Map<String, Object> plan = plan(inmate("2026-03-01", "2027-08-23"));
        plan.put("exchanges", List.of(Map.of("date", "2026-03-20", "direction", "from-municipality",
                "summary", "Oplysninger fra kommunen", "inmateInformed", false)));
        var response = api().post("/api/v1/action-plans", prison(), plan);
        assertEquals(400, response.status());
        assertEquals("exchanges[0].notInformedReason", response.json().at("/errors/0/field").asText());
    }

    @Test
    void badRequest400ForAnUnknownNeedDomainOrExchangeDirection() {
        Map<String, Object> plan = plan(inmate("2026-03-01", "2027-08-23"));
        plan.put("interventions", Map.of("needDomains", List.of("astrology")));
        assertEquals(400, api().post("/api/v1/action-plans", prison(), plan).status());
    }
}
