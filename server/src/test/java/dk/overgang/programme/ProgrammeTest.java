package dk.overgang.programme;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Issue 13 (first part): the programme catalogue and eligibility, as referrers and NGOs call them. */
@MicronautTest(transactional = false)
class ProgrammeTest extends ApiTest {

    private final String prison = "prog-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NGO = "roede-kors-primus-motor";

    /** A CPR number of someone born in 2000-2036 (serial starting with 4: the CPR office's century rule). */
    private static String cprBornThisCentury(LocalDate born) {
        return born.format(DateTimeFormatter.ofPattern("ddMMyy")) + "-4" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
    }

    private JsonNode eligibility(String inmateId, String token) {
        var response = api().get("/api/v1/inmates/" + inmateId + "/programme-eligibility", token);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    private static JsonNode answer(JsonNode list, String programmeId) {
        for (JsonNode item : list.get("items")) {
            if (item.get("programmeId").asText().equals(programmeId)) {
                return item;
            }
        }
        throw new AssertionError("no answer for " + programmeId + ": " + list);
    }

    @Test
    void everyOrganisationReadsTheCatalogueWithoutPersonData() {
        var page = api().get("/api/v1/programmes", Tokens.token("ngo", NGO, "user/Programme.s"));
        assertEquals(200, page.status(), page.body());
        List<String> ids = new java.util.ArrayList<>();
        page.json().get("items").forEach(p -> ids.add(p.get("id").asText()));
        assertTrue(ids.containsAll(List.of("roede-kors-besoegstjeneste", "roede-kors-kickstart", "roede-kors-primus-motor")), ids.toString());
        var kickstart = api().get("/api/v1/programmes/roede-kors-kickstart", Tokens.token("municipality", "101", "user/Programme.r"));
        assertEquals(200, kickstart.status());
        assertEquals(17, kickstart.json().get("minAge").asInt());
        assertEquals(25, kickstart.json().get("maxAge").asInt());
        assertNotNull(kickstart.header("ETag"));
        assertEquals(404, api().get("/api/v1/programmes/no-such-programme", Tokens.token("ngo", NGO, "user/Programme.r")).status());
    }

    @Test
    void theProgrammeItselfMaintainsItsEntryWithIfMatch() {
        String path = "/api/v1/programmes/" + NGO;
        String own = Tokens.token("ngo", NGO, "user/Programme.ru");
        var current = api().get(path, own);
        JsonNode p = current.json();
        Map<String, Object> body = Map.of("name", p.get("name").asText(), "description", p.get("description").asText(),
                "institutions", p.get("institutions"), "dataItems", p.get("dataItems"));
        assertEquals(428, api().put(path, own, body).status(), "If-Match is required");
        assertEquals(412, api().put(path, own, body, "If-Match", "W/\"999\"").status());
        var updated = api().put(path, own, body, "If-Match", current.header("ETag"));
        assertEquals(200, updated.status(), updated.body());
        assertEquals(p.at("/meta/versionId").asInt() + 1, updated.json().at("/meta/versionId").asInt());
        assertEquals(403, api().put("/api/v1/programmes/roede-kors-kickstart", own, body, "If-Match", "W/\"1\"").status(),
                "another programme's entry");
        assertEquals(403, api().put(path, Tokens.token("prison", prison, "user/Programme.u"), body,
                "If-Match", updated.header("ETag")).status(), "an authority does not maintain an NGO's entry");
        var refused = api().put(path, own, Map.of("name", "X", "description", "Y", "institutions", List.of(),
                "dataItems", List.of("cpr")), "If-Match", updated.header("ETag"));
        assertEquals(400, refused.status(), "a programme never asks for CPR (R6): " + refused.body());
    }

    @Test
    void aYoungRemandPrisonerIsEligibleForKickstartAndNotForTheReleaseMentor() {
        LocalDate born = LocalDate.now().minusYears(20).minusDays(10);
        String id = create(anInmate().inInstitution(prison).with("birthDate", born.toString()).with("cpr", cprBornThisCentury(born))
                .with("custodyStatus", "remand").with("sentenceStart", null).with("sentenceLengthDays", null)
                .with("expectedParoleDate", null).with("expectedReleaseDate", null)).get("id").asText();
        JsonNode list = eligibility(id, Tokens.token("prison", prison, "user/Inmate.r"));
        assertTrue(answer(list, "roede-kors-kickstart").get("eligible").asBoolean(), list.toString());
        assertFalse(answer(list, "roede-kors-primus-motor").get("eligible").asBoolean());
        assertEquals("sentenced", answer(list, "roede-kors-primus-motor").get("criterion").asText());
        assertTrue(answer(list, "roede-kors-besoegstjeneste").get("eligible").asBoolean());
        assertFalse(list.toString().contains(born.toString()), "the answer repeats no person data");
    }

    @Test
    void atLowRiskTheNgoMentorIsTheFallbackForThePrisonServicesMentor() {
        String release = LocalDate.now().plusMonths(2).toString();
        String id = create(anInmate().inInstitution(prison).inMunicipality("157").releasedOn(release)).get("id").asText();
        String staff = Tokens.token("prison", prison, "user/Inmate.r user/LsRnrAssessment.c");
        var assessment = api().post("/api/v1/lsrnr-assessments", staff, Map.of("inmateId", id, "assessedOn",
                LocalDate.now().minusDays(30).toString(), "assessor", "Test Assessor", "riskLevel", "low",
                "needs", List.of(Map.of("domain", "companions", "score", 2, "level", "low"))));
        assertEquals(201, assessment.status(), assessment.body());
        JsonNode primus = answer(eligibility(id, Tokens.token("municipality", "157", "user/Inmate.r")), "roede-kors-primus-motor");
        assertTrue(primus.get("eligible").asBoolean(), primus.toString());
        assertTrue(primus.get("prisonMentorFallback").asBoolean(), "R11: no prison-service mentor at low risk");
        assertTrue(primus.get("reason").asText().contains("R11"), primus.toString());
        JsonNode kickstart = answer(eligibility(id, staff), "roede-kors-kickstart");
        assertFalse(kickstart.get("eligible").asBoolean());
    }

    @Test
    void anNgoOrAnotherPrisonCannotAskAboutAPerson() {
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        for (String token : List.of(Tokens.token("ngo", NGO, "user/Inmate.r user/Programme.rs"),
                Tokens.token("prison", "another-" + prison, "user/Inmate.r"))) {
            var response = api().get("/api/v1/inmates/" + id + "/programme-eligibility", token);
            assertEquals(404, response.status());
            assertEquals(api().get("/api/v1/inmates/" + UUID.randomUUID() + "/programme-eligibility", token).json().get("detail"),
                    response.json().get("detail"), "not yours answers exactly like missing");
        }
    }
}
