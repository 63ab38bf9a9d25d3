package dk.overgang.assessment;

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

/** LS/RNR assessments: recorded by prison staff, versioned, and feeding R4 and R11 of the deadline engine. */
@MicronautTest(transactional = false)
class AssessmentTest extends ApiTest {

    private static Map<String, Object> assessment(String inmateId, String risk) {
        return Map.of("inmateId", inmateId, "assessedOn", "2026-03-05", "assessor", "Hanne Hansen", "riskLevel", risk,
                "needs", List.of(Map.of("domain", "companions", "score", 6, "level", "high"),
                        Map.of("domain", "alcohol-drug", "score", 4, "level", "medium")),
                "strengths", "Stærk familie", "responsivity", "Lærer bedst praktisk");
    }

    private static JsonNode find(JsonNode list, String kind) {
        for (JsonNode item : list.get("items")) {
            if (item.get("kind").asText().equals(kind)) {
                return item;
            }
        }
        throw new AssertionError(kind);
    }

    @Test
    void anAssessmentFulfilsR4AndGivesTheMentorRuleItsRiskLevel() {
        String prison = "ls-" + UUID.randomUUID().toString().substring(0, 6);
        String token = Tokens.token("prison", prison, "user/LsRnrAssessment.cruds user/ActionPlan.cruds");
        String id = create(anInmate().inInstitution(prison).with("sentenceStart", "2026-03-01").releasedOn("2027-08-24")).get("id").asText();
        assertEquals(201, api().post("/api/v1/action-plans", token, Map.of("inmateId", id, "sentenceStart", "2026-03-01",
                "mentor", Map.of("specialNeed", true, "motivated", true))).status());
        assertEquals("incomplete", find(api().get("/api/v1/inmates/" + id + "/obligations?date=2026-06-01", token).json(),
                "mentor-start").get("status").asText());

        var created = api().post("/api/v1/lsrnr-assessments", token, assessment(id, "high"));
        assertEquals(201, created.status(), created.body());
        assertEquals("W/\"1\"", created.header("ETag"));
        assertEquals("companions", created.json().at("/needs/0/domain").asText());

        JsonNode obligations = api().get("/api/v1/inmates/" + id + "/obligations?date=2026-06-01", token).json();
        assertEquals("done", find(obligations, "lsrnr-assessment").get("status").asText(), "R4 fulfilled by the assessment");
        assertEquals("2026-03-05", find(obligations, "lsrnr-assessment").get("doneOn").asText());
        JsonNode mentor = find(obligations, "mentor-start");
        assertEquals("2027-05-24", mentor.get("dueDate").asText(), "R11: 3 months before the expected release");
        assertTrue(mentor.get("reason").asText().contains("høj"), mentor.toString());

        String assessmentId = created.json().get("id").asText();
        var corrected = api().put("/api/v1/lsrnr-assessments/" + assessmentId, token, assessment(id, "low"), "If-Match", "W/\"1\"");
        assertEquals(200, corrected.status(), corrected.body());
        assertEquals("not-applicable", find(api().get("/api/v1/inmates/" + id + "/obligations?date=2026-06-01", token).json(),
                "mentor-start").get("status").asText(), "low risk: no prison-service mentor (R11)");
        assertEquals(2, api().get("/api/v1/lsrnr-assessments/" + assessmentId + "/_history", token).json().get("items").size());
    }

    @Test
    void badRequest400WhenANeedDomainIsScoredTwiceOrAScoreIsOutOfRange() {
        String prison = "ls2-" + UUID.randomUUID().toString().substring(0, 6);
        String token = Tokens.token("prison", prison, "user/LsRnrAssessment.c");
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        var twice = api().post("/api/v1/lsrnr-assessments", token, Map.of("inmateId", id, "assessedOn", "2026-03-05",
                "assessor", "X", "riskLevel", "medium", "needs", List.of(Map.of("domain", "companions", "score", 1, "level", "low"),
                        Map.of("domain", "companions", "score", 2, "level", "low"))));
        assertEquals(400, twice.status());
        assertEquals("needs[1].domain", twice.json().at("/errors/0/field").asText());
        var range = api().post("/api/v1/lsrnr-assessments", token, Map.of("inmateId", id, "assessedOn", "2026-03-05",
                "assessor", "X", "riskLevel", "medium", "needs", List.of(Map.of("domain", "companions", "score", 21, "level", "low"))));
        assertEquals(400, range.status());
    }
}
