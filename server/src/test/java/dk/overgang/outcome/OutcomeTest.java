package dk.overgang.outcome;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, G1: the acting municipality records where a released person is 3, 6 and 12 months after
 * the release; the due points are on its worklist; the public figures never show a count under 5.
 */
@MicronautTest(transactional = false)
class OutcomeTest extends ApiTest {

    private final String prison = "out-" + UUID.randomUUID().toString().substring(0, 8);
    private final String municipality = "9" + String.format("%02d", ThreadLocalRandom.current().nextInt(100));
    private final String recorder = Tokens.token("municipality", municipality, "user/Outcome.cru user/ActionPlan.s");

    private String releasedPerson(LocalDate released) {
        return create(anInmate().inInstitution(prison).inMunicipality(municipality).with("custodyStatus", "released")
                .with("sentenceStart", released.minusDays(200).toString()).with("sentenceLengthDays", 200)
                .with("expectedParoleDate", null).with("expectedReleaseDate", released.toString())
                .with("actualReleaseDate", released.toString())).get("id").asText();
    }

    private JsonNode worklistItem(String inmateId, String kind) {
        var page = api().get("/api/v1/worklist?_count=500&to=" + LocalDate.now().plusDays(30), recorder);
        assertEquals(200, page.status(), page.body());
        for (JsonNode item : page.json().get("items")) {
            if (item.get("inmateId").asText().equals(inmateId) && item.at("/obligation/kind").asText().equals(kind)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void theActingMunicipalityRecordsACheckpointAndItLeavesTheWorklist() {
        LocalDate released = LocalDate.now().minusMonths(3).minusDays(5);
        String person = releasedPerson(released);

        JsonNode due = worklistItem(person, "outcome-3-months");
        assertNotNull(due, "the 3-month checkpoint is on the acting municipality's worklist");
        assertEquals(released.plusMonths(3).toString(), due.at("/obligation/dueDate").asText());
        assertEquals("due", due.at("/obligation/status").asText());
        assertEquals("G1", due.at("/obligation/rule").asText());
        assertTrue(due.at("/obligation/reason").asText().contains("3 måneder efter løsladelsen"));

        var before = api().get("/api/v1/inmates/" + person + "/outcomes", recorder);
        assertEquals(200, before.status(), before.body());
        assertEquals(released.toString(), before.json().get("releasedOn").asText());
        assertEquals(3, before.json().get("checkpoints").size());
        assertEquals("due", before.json().at("/checkpoints/0/status").asText());
        assertEquals("not-yet-due", before.json().at("/checkpoints/1/status").asText());

        String path = "/api/v1/inmates/" + person + "/outcomes/3-months";
        var recorded = api().put(path, recorder, Map.of("status", "education"));
        assertEquals(201, recorded.status(), recorded.body());
        assertEquals("W/\"1\"", recorded.header("ETag"));
        assertEquals("education", recorded.json().get("status").asText());
        assertEquals(municipality, recorded.json().get("municipality").asText());
        assertEquals(released.plusMonths(3).toString(), recorded.json().get("dueDate").asText());
        assertEquals(null, worklistItem(person, "outcome-3-months"), "recorded: off the worklist");
        assertEquals("done", api().get("/api/v1/inmates/" + person + "/outcomes", recorder).json()
                .at("/checkpoints/0/status").asText());

        // A correction needs the version read.
        assertEquals(428, api().put(path, recorder, Map.of("status", "employment")).status());
        assertEquals(412, api().put(path, recorder, Map.of("status", "employment"), "If-Match", "W/\"7\"").status());
        var corrected = api().put(path, recorder, Map.of("status", "employment"), "If-Match", recorded.header("ETag"));
        assertEquals(200, corrected.status(), corrected.body());
        assertEquals("W/\"2\"", corrected.header("ETag"));
        assertEquals("employment", api().get("/api/v1/inmates/" + person + "/outcomes", recorder).json()
                .at("/checkpoints/0/outcome/status").asText());

        // The 6-month checkpoint is not reached yet.
        var early = api().put("/api/v1/inmates/" + person + "/outcomes/6-months", recorder, Map.of("status", "employment"));
        assertEquals(400, early.status(), early.body());
        assertTrue(early.body().contains("checkpoint"), early.body());
        // The worklist's generic fulfilment cannot stand in for an outcome.
        var fulfil = api().post("/api/v1/inmates/" + person + "/obligations/outcome-6-months/fulfilments",
                Tokens.token("municipality", municipality, "user/ActionPlan.u"), Map.of("doneOn", LocalDate.now().toString()));
        assertEquals(400, fulfil.status(), fulfil.body());
    }

    @Test
    void onlyTheActingMunicipalityRecordsAndOthersLearnNothing() {
        String person = releasedPerson(LocalDate.now().minusMonths(7));
        var otherMunicipality = Tokens.token("municipality", municipality.equals("999") ? "998" : "999", "user/Outcome.cru");
        assertEquals(404, api().put("/api/v1/inmates/" + person + "/outcomes/6-months", otherMunicipality,
                Map.of("status", "employment")).status(), "another municipality: as if the person did not exist");
        assertEquals(404, api().get("/api/v1/inmates/" + person + "/outcomes", otherMunicipality).status());
        assertEquals(404, api().put("/api/v1/inmates/" + UUID.randomUUID() + "/outcomes/6-months", recorder,
                Map.of("status", "employment")).status(), "and exactly as for nobody at all");
        assertEquals(403, api().put("/api/v1/inmates/" + person + "/outcomes/6-months",
                Tokens.token("prison", prison, "user/Outcome.cru"), Map.of("status", "employment")).status(),
                "prison staff read outcomes, the municipality records them");
        assertEquals(200, api().get("/api/v1/inmates/" + person + "/outcomes",
                Tokens.token("prison", prison, "user/Outcome.r")).status());
        assertEquals(403, api().put("/api/v1/inmates/" + person + "/outcomes/6-months",
                Tokens.token("municipality", municipality, "user/Outcome.r"), Map.of("status", "employment")).status(),
                "no Outcome.c: 403");
        assertEquals(400, api().put("/api/v1/inmates/" + person + "/outcomes/6-months", recorder,
                Map.of("status", "retired")).status(), "an unknown status");
        assertEquals(400, api().put("/api/v1/inmates/" + person + "/outcomes/4-months", recorder,
                Map.of("status", "employment")).status(), "an unknown checkpoint");
        var notReleased = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        assertEquals(0, api().get("/api/v1/inmates/" + notReleased + "/outcomes", recorder).json().get("checkpoints").size());
        assertEquals(400, api().put("/api/v1/inmates/" + notReleased + "/outcomes/3-months", recorder,
                Map.of("status", "employment")).status());
    }

    /**
     * Two release quarters of 2019 nobody else uses: 12 people (7 in the goal, 5 not) and 3 (all in
     * the goal). The 3 are suppressed; and since the total minus the first quarter would give them
     * away, a second group is suppressed too.
     */
    @Test
    void theFiguresNeverShowACountUnderFiveNotEvenAsADifference() throws Exception {
        List<String> statuses = new ArrayList<>(List.of("employment", "education", "activation", "employment", "education",
                "activation", "employment", "other", "unknown", "other", "unknown", "other"));
        for (String status : statuses) {
            String person = releasedPerson(LocalDate.parse("2019-05-15"));
            assertEquals(201, api().put("/api/v1/inmates/" + person + "/outcomes/12-months", recorder,
                    Map.of("status", status)).status());
        }
        for (int i = 0; i < 3; i++) {
            String person = releasedPerson(LocalDate.parse("2019-08-15"));
            assertEquals(201, api().put("/api/v1/inmates/" + person + "/outcomes/12-months", recorder,
                    Map.of("status", "employment")).status());
        }
        var stats = api().get("/api/v1/statistics/outcomes?checkpoint=12-months&groupBy=release-quarter", null);
        assertEquals(200, stats.status(), stats.body());
        JsonNode table = stats.json();
        assertEquals(0.6, table.get("goal").asDouble());
        assertEquals(5, table.get("minimumCount").asInt());
        JsonNode q3 = group(table, "2019-Q3");
        assertTrue(q3.get("suppressed").asBoolean(), "3 people: suppressed");
        assertFalse(q3.has("recorded"), "and no figure given");
        JsonNode q2 = group(table, "2019-Q2");
        if (!q2.get("suppressed").asBoolean()) {
            assertEquals(12, q2.get("recorded").asInt());
            assertEquals(7, q2.get("inGoal").asInt());
            assertEquals(7.0 / 12, q2.get("share").asDouble(), 1e-9);
            assertFalse(q2.get("goalMet").asBoolean(), "58 % is under the 60 % goal");
        }
        assertNothingSmallIsDerivable(table);
        for (String by : List.of("municipality", "programme")) {
            for (String checkpoint : List.of("3-months", "6-months", "12-months")) {
                var other = api().get("/api/v1/statistics/outcomes?checkpoint=" + checkpoint + "&groupBy=" + by, null);
                assertEquals(200, other.status());
                assertNothingSmallIsDerivable(other.json());
            }
        }
        var activity = api().get("/api/v1/statistics/ngo-activity", null);
        assertEquals(200, activity.status(), activity.body());
        assertEquals(400, api().get("/api/v1/statistics/outcomes?groupBy=cpr", null).status());
    }

    private static JsonNode group(JsonNode table, String name) {
        for (JsonNode g : table.get("groups")) {
            if (g.get("group").asText().equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no group " + name + " in " + table);
    }

    /** Shown counts are at least 5, and so is every count worked out as the total minus the shown groups. */
    private static void assertNothingSmallIsDerivable(JsonNode table) {
        JsonNode total = table.get("total");
        long shownRecorded = 0;
        long shownInGoal = 0;
        boolean anyHidden = false;
        for (JsonNode g : table.get("groups")) {
            if (g.get("suppressed").asBoolean()) {
                anyHidden = true;
                continue;
            }
            long recorded = g.get("recorded").asLong();
            long inGoal = g.get("inGoal").asLong();
            assertTrue(recorded >= 5 && inGoal >= 5 && recorded - inGoal >= 5, "a shown group with a small count: " + g);
            shownRecorded += recorded;
            shownInGoal += inGoal;
        }
        if (total.get("suppressed").asBoolean()) {
            table.get("groups").forEach(g -> assertTrue(g.get("suppressed").asBoolean(), "hidden total, shown group: " + table));
            return;
        }
        long recorded = total.get("recorded").asLong() - shownRecorded;
        long inGoal = total.get("inGoal").asLong() - shownInGoal;
        if (anyHidden) {
            assertTrue(recorded >= 5 && inGoal >= 5 && recorded - inGoal >= 5,
                    "the hidden groups can be worked out from the total: " + table);
        } else {
            assertEquals(0, recorded);
        }
    }
}
