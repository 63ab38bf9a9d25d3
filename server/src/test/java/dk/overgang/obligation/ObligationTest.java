package dk.overgang.obligation;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The deadline engine through the API: per-case obligations, fulfilments, worklists, R20 notices, recompute. */
@MicronautTest(transactional = false)
class ObligationTest extends ApiTest {

    @Inject
    ObligationRecompute recompute;

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Copenhagen"));

    private static String code() {
        return String.valueOf(200 + (int) (Math.random() * 700));
    }

    private static String prisonToken(String institution, String... roles) {
        return Tokens.token("prison", institution, "user/ActionPlan.cruds user/Inmate.cruds", roles);
    }

    private static JsonNode find(JsonNode list, String kind) {
        for (JsonNode item : list.get("items")) {
            if (item.get("kind").asText().equals(kind)) {
                return item;
            }
        }
        throw new AssertionError(kind + " not in " + list);
    }

    /** The case: parole expected 2027-03-01, full term 2027-08-26. Nothing may fall after the parole. */
    @Test
    void ok200AParoleesDeadlinesCountFromTheParoleAndRefusingParoleMovesThemToTheFullTerm() {
        String prison = "par-" + UUID.randomUUID().toString().substring(0, 6);
        String municipality = code();
        InmateBuilder inmate = anInmate().inInstitution(prison).inMunicipality(municipality)
                .with("sentenceStart", "2026-01-05").paroledOn("2027-03-01", "2027-08-26");
        String id = create(inmate).get("id").asText();

        JsonNode paroled = api().get("/api/v1/inmates/" + id + "/obligations?date=2026-09-01", prisonToken(prison)).json();
        assertEquals("2027-03-01", paroled.get("effectiveReleaseDate").asText());
        assertEquals("parole", paroled.get("expectedReleaseBasis").asText());
        assertEquals("2026-03-01", find(paroled, "municipality-contact").get("dueDate").asText(), "R2: 1 year before the parole");
        assertEquals("2026-12-01", find(paroled, "release-meeting").get("dueDate").asText(), "R10: 3 months before the parole");
        assertEquals("2027-02-15", find(paroled, "one-off-benefit-decision").get("dueDate").asText(), "R13: 14 days before");
        assertTrue(find(paroled, "release-meeting").get("reason").asText().contains("forventet prøveløsladelse"));

        // Parole refused after the plan was made: recomputed in the same transaction as the change.
        var refused = api().put("/api/v1/inmates/" + id, prisonToken(prison), inmate.with("paroleRefused", true).build(),
                "If-Match", "W/\"1\"");
        assertEquals(200, refused.status(), refused.body());
        assertTrue(refused.json().get("paroleRefused").asBoolean());
        JsonNode fullTerm = api().get("/api/v1/inmates/" + id + "/obligations?date=2026-09-01", prisonToken(prison)).json();
        assertEquals("full-term-parole-refused", fullTerm.get("expectedReleaseBasis").asText());
        assertEquals("2027-05-25", find(fullTerm, "release-meeting").get("dueDate").asText());
        assertTrue(find(fullTerm, "release-meeting").get("reason").asText().contains("prøveløsladelse er afslået"));
        JsonNode worklist = api().get("/api/v1/worklist?to=2030-01-01&_count=500",
                Tokens.token("municipality", municipality, "user/ActionPlan.s")).json();
        List<String> benefitDues = new ArrayList<>();
        worklist.get("items").forEach(item -> {
            if (item.get("inmateId").asText().equals(id)) {
                benefitDues.add(item.at("/obligation/dueDate").asText());
            }
        });
        assertEquals(List.of("2027-08-11"), benefitDues, "the municipality's worklist follows the refusal (R13)");
    }

    @Test
    void ok200ObligationsOfACaseWithDueDatesStatusesAndDanishReasons() {
        String prison = "obl-" + UUID.randomUUID().toString().substring(0, 6);
        InmateBuilder inmate = anInmate().inInstitution(prison).with("sentenceStart", "2026-01-05").releasedOn("2027-08-26");
        String id = create(inmate).get("id").asText();

        var response = api().get("/api/v1/inmates/" + id + "/obligations?date=2026-09-01", prisonToken(prison));
        assertEquals(200, response.status(), response.body());
        JsonNode list = response.json();
        assertEquals("2027-08-25", list.get("effectiveReleaseDate").asText(), "Thursday release moved to Wednesday (R14)");
        assertEquals("full-term-no-parole", list.get("expectedReleaseBasis").asText());
        JsonNode contact = find(list, "municipality-contact");
        assertEquals("2026-08-25", contact.get("dueDate").asText());
        assertEquals("overdue", contact.get("status").asText());
        assertEquals("R2", contact.get("rule").asText());
        assertTrue(contact.get("reason").asText().contains("kommunen skal kontaktes senest 1 år"), contact.toString());
        assertEquals("2027-05-25", find(list, "release-meeting").get("dueDate").asText());
        assertEquals("2027-08-11", find(list, "one-off-benefit-decision").get("dueDate").asText());
        assertEquals("municipality", find(list, "one-off-benefit-decision").get("responsible").asText());
        assertEquals("incomplete", find(list, "mentor-start").get("status").asText(), "no LS/RNR risk level yet");
    }

    @Test
    void created201AFulfilmentMarksTheObligationDoneWithWhenAndTheWorklistDropsIt() {
        String prison = "ful-" + UUID.randomUUID().toString().substring(0, 6);
        String id = create(anInmate().inInstitution(prison).with("sentenceStart", "2026-01-05")
                .paroledOn("2026-06-01", "2026-12-07")).get("id").asText();
        String token = prisonToken(prison);
        assertTrue(worklistInmates(token, null).contains(id), "R2 contact overdue: on the prison's worklist");

        var done = api().post("/api/v1/inmates/" + id + "/obligations/municipality-contact/fulfilments", token,
                Map.of("doneOn", "2026-01-20", "note", "Ringet til jobcentret"));
        assertEquals(201, done.status(), done.body());
        JsonNode contact = find(done.json(), "municipality-contact");
        assertEquals("done", contact.get("status").asText());
        assertEquals("2026-01-20", contact.get("doneOn").asText());

        var worklist = api().get("/api/v1/worklist?to=2030-01-01&_count=500", token).json();
        for (JsonNode item : worklist.get("items")) {
            assertFalse(item.get("inmateId").asText().equals(id) && item.at("/obligation/kind").asText().equals("municipality-contact"));
        }
        var future = api().post("/api/v1/inmates/" + id + "/obligations/release-meeting/fulfilments", token,
                Map.of("doneOn", TODAY.plusDays(3).toString()));
        assertEquals(400, future.status());
        assertEquals("doneOn", future.json().at("/errors/0/field").asText());
        var beforeTheSentence = api().post("/api/v1/inmates/" + id + "/obligations/release-meeting/fulfilments", token,
                Map.of("doneOn", "2026-01-04"));
        assertEquals(400, beforeTheSentence.status(), "nothing is done for a sentence before it began");
        assertEquals("doneOn", beforeTheSentence.json().at("/errors/0/field").asText());
    }

    @Test
    void forbidden403WhenAPartyRecordsAnotherPartysObligation() {
        String prison = "oth-" + UUID.randomUUID().toString().substring(0, 6);
        String municipality = code();
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        assertEquals(403, api().post("/api/v1/inmates/" + id + "/obligations/one-off-benefit-decision/fulfilments",
                prisonToken(prison), Map.of("doneOn", "2026-03-15")).status(), "R13 is the municipality's decision");
        assertEquals(403, api().post("/api/v1/inmates/" + id + "/obligations/infohus-notice/fulfilments",
                prisonToken(prison), Map.of("doneOn", "2026-03-15")).status(), "R16 needs the security-unit role");
        assertEquals(201, api().post("/api/v1/inmates/" + id + "/obligations/one-off-benefit-decision/fulfilments",
                Tokens.token("municipality", municipality, "user/ActionPlan.u"), Map.of("doneOn", "2026-03-15")).status());
    }

    @Test
    void theMunicipalityWorklistIsSortedByDueDateAndPagedWithoutGapsOrRepeats() {
        String municipality = code();
        String prison = "wl-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> releases = List.of("2027-03-02", "2027-01-12", "2027-02-02", "2027-01-05", "2027-02-16");
        java.util.Set<String> mine = new java.util.HashSet<>();
        for (String release : releases) {
            mine.add(create(anInmate().inInstitution(prison).inMunicipality(municipality).releasedOn(release)).get("id").asText());
        }
        String token = Tokens.token("municipality", municipality, "system/ActionPlan.s");
        // Other tests may act for the same (random) municipality: only this test's people are looked at.
        List<String> dues = new ArrayList<>();
        List<String> allDues = new ArrayList<>();
        String next = "/api/v1/worklist?to=2027-12-31&_count=2";
        while (next != null) {
            JsonNode page = api().get(next, token).json();
            page.get("items").forEach(item -> {
                allDues.add(item.at("/obligation/dueDate").asText());
                if (mine.contains(item.get("inmateId").asText())) {
                    assertEquals("one-off-benefit-decision", item.at("/obligation/kind").asText());
                    dues.add(item.at("/obligation/dueDate").asText());
                }
            });
            next = page.at("/links/next").isMissingNode() ? null : page.at("/links/next").asText();
        }
        assertEquals(List.of("2026-12-22", "2026-12-29", "2027-01-19", "2027-02-02", "2027-02-16"), dues);
        assertEquals(allDues.stream().sorted().toList(), allDues, "sorted by due date across the pages");
        JsonNode window = api().get("/api/v1/worklist?from=2027-01-01&to=2027-01-31", token).json();
        List<JsonNode> inWindow = new ArrayList<>();
        window.get("items").forEach(item -> {
            if (mine.contains(item.get("inmateId").asText())) {
                inWindow.add(item);
            }
        });
        assertEquals(1, inWindow.size());
    }

    @Test
    void changingTheReleaseDateRecomputesAndAChangedActingMunicipalityNotifiesBoth() {
        String prison = "chg-" + UUID.randomUUID().toString().substring(0, 6);
        String oldCode = code();
        String newCode = String.valueOf(Integer.parseInt(oldCode) + 1);
        InmateBuilder inmate = anInmate().inInstitution(prison).inMunicipality(oldCode).releasedOn("2027-03-02");
        String id = create(inmate).get("id").asText();
        var updated = api().put("/api/v1/inmates/" + id, prisonToken(prison),
                inmate.inMunicipality(newCode).releasedOn("2027-04-06").build(), "If-Match", "W/\"1\"");
        assertEquals(200, updated.status(), updated.body());

        JsonNode oldList = api().get("/api/v1/worklist?to=2030-01-01", Tokens.token("municipality", oldCode, "user/ActionPlan.s")).json();
        JsonNode newList = api().get("/api/v1/worklist?to=2030-01-01", Tokens.token("municipality", newCode, "user/ActionPlan.s")).json();
        assertEquals(List.of("acting-municipality-changed"), kindsFor(oldList, id), "the old municipality is told, nothing more");
        assertEquals(List.of("acting-municipality-changed", "one-off-benefit-decision"), kindsFor(newList, id));
        JsonNode benefit = null;
        for (JsonNode item : newList.get("items")) {
            if (item.get("inmateId").asText().equals(id) && item.at("/obligation/kind").asText().equals("one-off-benefit-decision")) {
                benefit = item;
            }
        }
        assertEquals("2027-03-23", benefit.at("/obligation/dueDate").asText(), "follows the new release date");
        assertTrue(oldList.at("/items/0/obligation/reason").asText().contains("R20"));
    }

    @Test
    void theInfohusNoticeIsVisibleOnlyToTheSecurityUnit() {
        String prison = "sec-" + UUID.randomUUID().toString().substring(0, 6);
        String municipality = code();
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        Map<String, Boolean> seesInfohus = Map.of(
                prisonToken(prison), false,
                Tokens.token("municipality", municipality, "user/ActionPlan.r"), false,
                prisonToken(prison, "security-unit"), true);
        seesInfohus.forEach((token, expected) -> {
            JsonNode list = api().get("/api/v1/inmates/" + id + "/obligations", token).json();
            boolean listed = false;
            for (JsonNode item : list.get("items")) {
                listed |= item.get("kind").asText().equals("infohus-notice");
            }
            assertEquals(expected, listed, list.toString());
        });
    }

    @Test
    void aRadicalisationConcernMakesTheInfohusNoticeDueForTheSecurityUnitOnly() {
        String prison = "r16-" + UUID.randomUUID().toString().substring(0, 6);
        String municipality = code();
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality).releasedOn("2027-08-24")).get("id").asText();
        String security = Tokens.token("prison", prison, "user/Inmate.u user/ActionPlan.rs", "security-unit");

        var recorded = api().put("/api/v1/inmates/" + id + "/radicalisation-concern", security, Map.of("since", "2026-05-01"));
        assertEquals(200, recorded.status(), recorded.body());
        JsonNode infohus = find(recorded.json(), "infohus-notice");
        assertEquals("2027-05-24", infohus.get("dueDate").asText(), "3 months before the release (R16)");
        assertEquals("prison-security-unit", infohus.get("responsible").asText());

        List<String> securityList = new ArrayList<>();
        api().get("/api/v1/worklist?to=2030-01-01&_count=500", security).json().get("items").forEach(item -> {
            if (item.get("inmateId").asText().equals(id)) {
                securityList.add(item.at("/obligation/kind").asText());
            }
        });
        assertTrue(securityList.contains("infohus-notice"), securityList.toString());
        for (String other : List.of(prisonToken(prison), Tokens.token("municipality", municipality, "user/ActionPlan.rs"))) {
            assertFalse(api().get("/api/v1/inmates/" + id + "/obligations", other).body().contains("infohus"));
            assertFalse(api().get("/api/v1/worklist?to=2030-01-01&_count=500", other).body().contains("infohus"));
        }
        assertEquals(204, api().send("DELETE", "/api/v1/inmates/" + id + "/radicalisation-concern", security, null, null).status());
        assertEquals("not-applicable", find(api().get("/api/v1/inmates/" + id + "/obligations", security).json(), "infohus-notice")
                .get("status").asText());
    }

    @Test
    void recomputingAllObligationsRestoresEveryStoredObligation() throws Exception {
        String prison = "rec-" + UUID.randomUUID().toString().substring(0, 6);
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        long before = count(id);
        assertTrue(before >= 3, "stored obligations: " + before);
        assertTrue(recompute.recomputeAll() >= before);
        assertEquals(before, count(id));
    }

    private static long count(String inmateId) throws Exception {
        try (var c = TestDatabase.connect(); var ps = c.prepareStatement("SELECT count(*) FROM obligation WHERE inmate_id = ?::uuid")) {
            ps.setString(1, inmateId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> worklistInmates(String token, String query) {
        List<String> ids = new ArrayList<>();
        api().get("/api/v1/worklist?to=2030-01-01&_count=500" + (query == null ? "" : query), token).json().get("items")
                .forEach(item -> ids.add(item.get("inmateId").asText()));
        return ids;
    }

    private static List<String> kindsFor(JsonNode page, String inmateId) {
        List<String> kinds = new ArrayList<>();
        page.get("items").forEach(item -> {
            if (item.get("inmateId").asText().equals(inmateId)) {
                kinds.add(item.at("/obligation/kind").asText());
            }
        });
        return kinds;
    }

}
