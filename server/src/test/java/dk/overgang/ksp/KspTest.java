package dk.overgang.ksp;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * KSP lists (R6, R17, R18, R19): who reads a meeting's list, immutability (also against the server's
 * own database role), the release window at its boundaries, version diff, proposals and exchanges.
 */
@MicronautTest(transactional = false)
class KspTest extends ApiTest {

    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final String kif = "kif-" + tag;
    private final String police = "politi-" + tag;
    private final String prison = "fgs-" + tag;
    private final String otherPrison = "fgs2-" + tag;
    private final String municipality = String.valueOf(300 + (int) (Math.random() * 300));
    private final String nonParticipant = String.valueOf(600 + (int) (Math.random() * 300));

    private String secretariat(String... roles) {
        return Tokens.token("probation", kif, "user/KspList.cruds user/ActionPlan.rs", roles);
    }

    private static String of(String orgType, String orgId) {
        return Tokens.token(orgType, orgId, "user/KspList.cruds");
    }

    /** A forum (police district, two municipalities, two institutions) and a meeting without the second municipality and institution. */
    private String meeting(String date) {
        var forum = api().post("/api/v1/ksp-forums", secretariat(), Map.of("name", "KSP " + tag, "policeDistrict", police,
                "municipalities", List.of(municipality, nonParticipant), "institutions", List.of(prison, otherPrison)));
        assertEquals(201, forum.status(), forum.body());
        var meeting = api().post("/api/v1/ksp-meetings", secretariat(), Map.of("forumId", forum.json().get("id").asText(),
                "date", date, "place", "Rådhuset, mødelokale 2", "participants", List.of(
                        Map.of("orgType", "police", "orgId", police), Map.of("orgType", "municipality", "orgId", municipality),
                        Map.of("orgType", "prison", "orgId", prison))));
        assertEquals(201, meeting.status(), meeting.body());
        return meeting.json().get("id").asText();
    }

    /** Sentenced 1 Jan 2026, released 31 Jan 2026: 30 days inside, so (at 0.5) the window ends 15 Feb 2026. */
    private String releasedInmate() {
        return create(anInmate().inInstitution(prison).inMunicipality(municipality).with("name", "Jens <Jensen>")
                .with("custodyStatus", "released").with("sentenceStart", "2026-01-01").with("sentenceLengthDays", 30)
                .with("expectedParoleDate", null).with("expectedReleaseDate", "2026-01-31")
                .with("actualReleaseDate", "2026-01-31")).get("id").asText();
    }

    private static Map<String, Object> inmateEntry(String inmateId, String reason) {
        return Map.of("inmateId", inmateId, "reason", reason, "legalBasis", "released-from-institution");
    }

    private Api.Response publish(String meetingId, String ifMatch, Object... entries) {
        Map<String, Object> body = Map.of("entries", List.of(entries));
        return ifMatch == null ? api().put("/api/v1/ksp-meetings/" + meetingId + "/list", secretariat(), body)
                : api().put("/api/v1/ksp-meetings/" + meetingId + "/list", secretariat(), body, "If-Match", ifMatch);
    }

    @ParameterizedTest(name = "{0} {1} reads the list: {2}")
    @CsvSource({
            "probation,    SECRETARIAT,     200",
            "probation,    kif-elsewhere,   404",
            "police,       POLICE,          200",
            "police,       politi-andet,    404",
            "municipality, MUNICIPALITY,    200",
            "municipality, NONPARTICIPANT,  404",
            "prison,       PRISON,          200",
            "prison,       OTHERPRISON,     404",
            "ngo,          roede-kors,      404",
            "auditor,      datatilsynet,    404",
    })
    void onlyTheMeetingsParticipantsReadItsList(String orgType, String orgId, int expected) {
        String id = meeting("2026-02-10");
        assertEquals(200, publish(id, null, inmateEntry(releasedInmate(), "Trusler mod personale")).status());
        String org = switch (orgId) {
            case "SECRETARIAT" -> kif;
            case "POLICE" -> police;
            case "MUNICIPALITY" -> municipality;
            case "NONPARTICIPANT" -> nonParticipant;
            case "PRISON" -> prison;
            case "OTHERPRISON" -> otherPrison;
            default -> orgId;
        };
        String token = of(orgType, org);
        for (String path : List.of("", "/list", "/list/_history", "/list/_history/1", "/list/_diff?from=1&to=1")) {
            var r = api().get("/api/v1/ksp-meetings/" + id + path, token);
            assertEquals(expected, r.status(), path + ": " + r.body());
            if (expected == 404) {
                // Existence hiding: exactly what a meeting that does not exist answers.
                var missing = api().get("/api/v1/ksp-meetings/" + UUID.randomUUID() + path, token);
                assertEquals(missing.json().get("detail"), r.json().get("detail"));
                assertFalse(r.body().contains(id.substring(0, 8)) && !path.isEmpty() && r.body().contains("Jens"));
            }
        }
        boolean listed = api().get("/api/v1/ksp-meetings?_count=500", token).json().get("items").findValuesAsText("id").contains(id);
        assertEquals(expected == 200, listed);
    }

    @Test
    void ngosAndAuditorsNeverBelongToAForumAndCannotSetOneUp() {
        meeting("2026-02-10");
        for (String type : List.of("ngo", "auditor")) {
            assertEquals(0, api().get("/api/v1/ksp-forums", of(type, police)).json().get("items").size());
        }
        assertEquals(403, api().post("/api/v1/ksp-forums", of("municipality", municipality), Map.of("name", "x",
                "policeDistrict", police, "municipalities", List.of(municipality))).status());
    }

    @Test
    void policeTakePartOnlyForTheirOwnDistrict() {
        var forum = api().post("/api/v1/ksp-forums", secretariat(), Map.of("name", "KSP " + tag, "policeDistrict", police,
                "municipalities", List.of(municipality))).json();
        var r = api().post("/api/v1/ksp-meetings", secretariat(), Map.of("forumId", forum.get("id").asText(), "date",
                "2026-03-01", "place", "Politigården", "participants", List.of(Map.of("orgType", "police", "orgId", "politi-andet"))));
        assertEquals(400, r.status());
        assertEquals("participants", r.json().at("/errors/0/field").asText());
    }

    @Test
    void aPublishedVersionNeverChangesNotEvenThroughTheServersDatabaseRole() throws SQLException {
        String id = meeting("2026-02-10");
        String inmate = releasedInmate();
        var v1 = publish(id, null, inmateEntry(inmate, "Første begrundelse"));
        assertEquals(200, v1.status(), v1.body());
        assertEquals("W/\"1\"", v1.header("ETag"));
        String entryId = v1.json().at("/entries/0/entryId").asText();
        var v2 = publish(id, "W/\"1\"", Map.of("entryId", entryId, "inmateId", inmate, "reason", "Ændret begrundelse",
                "legalBasis", "released-from-institution"));
        assertEquals(200, v2.status(), v2.body());
        assertEquals("2", v2.json().at("/meta/versionId").asText());

        var old = api().get("/api/v1/ksp-meetings/" + id + "/list/_history/1", secretariat());
        assertEquals("Første begrundelse", old.json().at("/entries/0/reason").asText());
        assertEquals("Ændret begrundelse", api().get("/api/v1/ksp-meetings/" + id + "/list", secretariat()).json()
                .at("/entries/0/reason").asText());
        assertEquals(2, api().get("/api/v1/ksp-meetings/" + id + "/list/_history", secretariat()).json().get("items").size());

        // R17 in the schema: the server's own role can neither change, remove nor truncate a version.
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            for (String sql : List.of(
                    "UPDATE ksp_list_version SET entries = '[]' WHERE meeting_id = '" + id + "'",
                    "DELETE FROM ksp_list_version WHERE meeting_id = '" + id + "'",
                    "TRUNCATE ksp_list_version CASCADE")) {
                SQLException refused = assertThrows(SQLException.class, () -> st.execute(sql), sql);
                assertEquals("42501", refused.getSQLState(), sql);
            }
        }
        assertEquals("Første begrundelse", api().get("/api/v1/ksp-meetings/" + id + "/list/_history/1", secretariat())
                .json().at("/entries/0/reason").asText());
    }

    @Test
    void publishingNeedsTheCurrentETagOnceAVersionExists() {
        String id = meeting("2026-02-10");
        String inmate = releasedInmate();
        assertEquals(412, publish(id, "W/\"1\"", inmateEntry(inmate, "x")).status());
        assertEquals(200, publish(id, null, inmateEntry(inmate, "x")).status());
        assertEquals(428, publish(id, null, inmateEntry(inmate, "y")).status());
        assertEquals(200, publish(id, "W/\"1\"", inmateEntry(inmate, "y")).status());
        assertEquals(412, publish(id, "W/\"1\"", inmateEntry(inmate, "z")).status());
        assertEquals(403, api().put("/api/v1/ksp-meetings/" + id + "/list", of("municipality", municipality),
                Map.of("entries", List.of()), "If-Match", "W/\"2\"").status());
        assertEquals(3, api().get("/api/v1/ksp-meetings/" + id + "/list/_history", secretariat()).json().get("items").size() + 1);
    }

    // R18: 30 days inside, proportion 0.5 -> the window ends 15 days after the release (15 Feb 2026).
    @ParameterizedTest(name = "meeting {0}: {1}")
    @CsvSource({
            "2026-01-20, 200, in-custody",
            "2026-01-31, 200, within",
            "2026-02-15, 200, within",
            "2026-02-16, 422, ''",
            "2026-04-30, 422, ''",
    })
    void aReleasedPersonIsListedOnlyAroundTheRelease(String meetingDate, int expected, String status) {
        String id = meeting(meetingDate);
        var r = publish(id, null, inmateEntry(releasedInmate(), "Bekymring"));
        assertEquals(expected, r.status(), r.body());
        if (expected == 200) {
            assertEquals(status, r.json().at("/entries/0/window/status").asText());
            if (!status.equals("in-custody")) {
                assertEquals("2026-02-15", r.json().at("/entries/0/window/endsOn").asText());
            }
        } else {
            assertEquals("https://overgang.example/problems/ksp-outside-release-window", r.json().get("type").asText());
            assertEquals("entries[0]", r.json().at("/errors/0/field").asText());
            assertEquals(404, api().get("/api/v1/ksp-meetings/" + id + "/list", secretariat()).status(), "nothing stored");
        }
    }

    @Test
    void theSecretariatOverridesTheWindowWithAReasonAndTheOverrideIsKept() {
        String id = meeting("2026-04-30");
        String inmate = releasedInmate();
        var r = publish(id, null, Map.of("inmateId", inmate, "reason", "Bekymring", "legalBasis", "released-from-institution",
                "windowOverrideReason", "Politiet har akut behov for koordinering"));
        assertEquals(200, r.status(), r.body());
        assertEquals("overridden", r.json().at("/entries/0/window/status").asText());
        assertTrue(r.json().at("/entries/0/window/overriddenBy").asText().length() > 0);
        var v2 = publish(id, "W/\"1\"", Map.of("entryId", r.json().at("/entries/0/entryId").asText(), "inmateId", inmate,
                "reason", "Bekymring, opdateret", "legalBasis", "released-from-institution"));
        assertEquals(200, v2.status(), v2.body());
        assertEquals("Politiet har akut behov for koordinering", v2.json().at("/entries/0/window/overrideReason").asText());
    }

    @Test
    void aPersonByNameNeedsAReleaseDateUnlessServingUnderSection78() {
        String id = meeting("2026-02-10");
        var r = publish(id, null, Map.of("person", Map.of("name", "Ung Person", "cpr", "010108-1234"),
                "reason", "Bekymring", "legalBasis", "released-from-institution"));
        assertEquals(400, r.status());
        assertEquals("entries[0].person.releasedOn", r.json().at("/errors/0/field").asText());
        assertFalse(r.body().contains("010108"), "no CPR in an error");
        var young = publish(id, null, Map.of("person", Map.of("name", "Ung Person", "cpr", "010108-1234",
                        "municipality", municipality),
                "reason", "Bekymring", "legalBasis", "young-person-section-78"));
        assertEquals(200, young.status(), young.body());
        assertEquals("not-applicable", young.json().at("/entries/0/window/status").asText());
        assertEquals("010108-1234", young.json().at("/entries/0/cpr").asText());
        var bad = publish(id, "W/\"1\"", Map.of("person", Map.of("name", "X", "cpr", "999999-1234"), "reason", "x",
                "legalBasis", "young-person-section-78"));
        assertEquals(400, bad.status());
        assertEquals("entries[0].person.cpr", bad.json().at("/errors/0/field").asText());
    }

    /** A case belongs to the forum's area: its acting or release municipality is one of the forum's municipalities. */
    @Test
    void unprocessable422ForAPersonOutsideTheForumsAreaUnlessTheSecretariatOverridesWithAReason() {
        String id = meeting("2026-02-10");
        String elsewhere = create(anInmate().inInstitution(prison).inMunicipality("099").with("custodyStatus", "released")
                .with("sentenceStart", "2026-01-01").with("sentenceLengthDays", 30).with("expectedParoleDate", null)
                .with("expectedReleaseDate", "2026-01-31").with("actualReleaseDate", "2026-01-31")).get("id").asText();
        var outside = publish(id, null, inmateEntry(releasedInmate(), "Inden for området"), inmateEntry(elsewhere, "Udenfor"));
        assertEquals(422, outside.status(), outside.body());
        assertEquals("https://overgang.example/problems/ksp-outside-forum-area", outside.json().get("type").asText());
        assertEquals("entries[1]", outside.json().at("/errors/0/field").asText());
        assertFalse(outside.body().contains("\"099\""), "the error states the rule, not the person's municipality");
        assertEquals(404, api().get("/api/v1/ksp-meetings/" + id + "/list", secretariat()).status(), "nothing published");

        var unknown = publish(id, null, Map.of("person", Map.of("name", "Ukendt Kommune", "cpr", "050505-1234",
                "custodyFrom", "2026-01-01", "releasedOn", "2026-01-31"), "reason", "x", "legalBasis", "released-from-institution"));
        assertEquals(422, unknown.status(), "a person's municipality must be known to place the case");
        assertTrue(unknown.json().at("/errors/0/message").asText().contains("person.municipality"));

        Map<String, Object> overridden = new LinkedHashMap<>(inmateEntry(elsewhere, "Udenfor"));
        overridden.put("areaOverrideReason", "Flytter til kredsen ved løsladelsen");
        var v1 = publish(id, null, inmateEntry(releasedInmate(), "Inden for området"), overridden);
        assertEquals(200, v1.status(), v1.body());
        assertEquals("within", v1.json().at("/entries/0/area/status").asText());
        assertEquals("overridden", v1.json().at("/entries/1/area/status").asText());
        assertEquals("Flytter til kredsen ved løsladelsen", v1.json().at("/entries/1/area/overrideReason").asText());
        assertFalse(v1.json().at("/entries/1/area/overriddenBy").asText().isEmpty(), "who decided is kept");

        var kept = publish(id, "W/\"1\"", Map.of("entryId", v1.json().at("/entries/1/entryId").asText(), "inmateId", elsewhere,
                "reason", "Udenfor, opdateret", "legalBasis", "released-from-institution"));
        assertEquals(200, kept.status(), kept.body());
        assertEquals("overridden", kept.json().at("/entries/0/area/status").asText(), "the override stays with the entry");
    }

    @Test
    void theDiffShowsWhatWasAddedRemovedAndChanged() {
        String id = meeting("2026-02-10");
        String a = releasedInmate();
        String b = releasedInmate();
        String c = releasedInmate();
        var v1 = publish(id, null, inmateEntry(a, "A"), inmateEntry(b, "B"));
        Map<String, String> ids = new LinkedHashMap<>();
        v1.json().get("entries").forEach(e -> ids.put(e.get("inmateId").asText(), e.get("entryId").asText()));
        var v2 = publish(id, "W/\"1\"", Map.of("entryId", ids.get(a), "inmateId", a, "reason", "A ændret",
                "legalBasis", "remand-radicalisation"), inmateEntry(c, "C"));
        assertEquals(200, v2.status(), v2.body());
        JsonNode diff = api().get("/api/v1/ksp-meetings/" + id + "/list/_diff?from=1&to=2", secretariat()).json();
        assertEquals(List.of(c), diff.get("added").findValuesAsText("inmateId"));
        assertEquals(List.of(b), diff.get("removed").findValuesAsText("inmateId"));
        assertEquals(1, diff.get("changed").size());
        assertEquals(ids.get(a), diff.at("/changed/0/entryId").asText());
        List<String> fields = new ArrayList<>();
        diff.at("/changed/0/fields").forEach(f -> fields.add(f.asText()));
        assertEquals(List.of("reason", "legalBasis"), fields);
        assertEquals("A", diff.at("/changed/0/before/reason").asText());
        assertEquals(404, api().get("/api/v1/ksp-meetings/" + id + "/list/_diff?from=1&to=3", secretariat()).status());
    }

    @Test
    void aParticipantProposesAndTheSecretariatAcceptsIntoTheNextVersionOrDeclinesWithAReason() {
        String id = meeting("2026-02-10");
        String inmate = releasedInmate();
        assertEquals(200, publish(id, null, Map.of("person", Map.of("name", "Anden Person", "cpr", "020290-1234",
                "municipality", municipality),
                "reason", "Bekymring", "legalBasis", "young-person-section-78")).status());
        String municipal = of("municipality", municipality);
        var proposal = api().post("/api/v1/ksp-meetings/" + id + "/proposals", municipal,
                Map.of("inmateId", inmate, "reason", "Borgeren er uden bolig", "legalBasis", "released-from-institution"));
        assertEquals(201, proposal.status(), proposal.body());
        assertEquals("pending", proposal.json().get("status").asText());
        // Police cannot see inmates: they propose a person by name and CPR.
        var byPolice = api().post("/api/v1/ksp-meetings/" + id + "/proposals", of("police", police),
                Map.of("inmateId", inmate, "reason", "x", "legalBasis", "released-from-institution"));
        assertEquals(400, byPolice.status());
        var policeProposal = api().post("/api/v1/ksp-meetings/" + id + "/proposals", of("police", police),
                Map.of("person", Map.of("name", "Tredje Person", "cpr", "030385-1234", "municipality", municipality,
                        "custodyFrom", "2025-01-01",
                        "releasedOn", "2025-06-01"), "reason", "Ny sigtelse", "legalBasis", "released-from-institution"));
        assertEquals(201, policeProposal.status(), policeProposal.body());
        assertEquals(404, api().post("/api/v1/ksp-meetings/" + id + "/proposals", of("municipality", nonParticipant),
                Map.of("inmateId", inmate, "reason", "x", "legalBasis", "released-from-institution")).status());

        // Each participant sees its own proposals; the secretariat all of them.
        assertEquals(1, api().get("/api/v1/ksp-meetings/" + id + "/proposals", municipal).json().get("items").size());
        assertEquals(2, api().get("/api/v1/ksp-meetings/" + id + "/proposals", secretariat()).json().get("items").size());

        String pid = proposal.json().get("id").asText();
        assertEquals(403, api().post("/api/v1/ksp-proposals/" + pid + "/decision", municipal, Map.of("decision", "accept")).status());
        assertEquals(404, api().post("/api/v1/ksp-proposals/" + pid + "/decision", of("municipality", nonParticipant),
                Map.of("decision", "accept")).status());
        var accepted = api().post("/api/v1/ksp-proposals/" + pid + "/decision", secretariat(), Map.of("decision", "accept"));
        assertEquals(200, accepted.status(), accepted.body());
        assertEquals(2, accepted.json().get("acceptedInVersion").asInt());
        JsonNode list = api().get("/api/v1/ksp-meetings/" + id + "/list", municipal).json();
        assertEquals("2", list.at("/meta/versionId").asText());
        JsonNode added = list.at("/entries/1");
        assertEquals(inmate, added.get("inmateId").asText());
        assertEquals("municipality", added.at("/proposedBy/orgType").asText());
        assertEquals(municipality, added.at("/proposedBy/orgId").asText());
        assertEquals(2, added.get("addedInVersion").asInt());
        assertEquals(409, api().post("/api/v1/ksp-proposals/" + pid + "/decision", secretariat(), Map.of("decision", "decline",
                "reason", "x")).status());

        // Outside the window (released 1 Jun 2025), so accepting needs an override; declining needs a reason.
        String ppid = policeProposal.json().get("id").asText();
        assertEquals(422, api().post("/api/v1/ksp-proposals/" + ppid + "/decision", secretariat(), Map.of("decision", "accept")).status());
        var noReason = api().post("/api/v1/ksp-proposals/" + ppid + "/decision", secretariat(), Map.of("decision", "decline"));
        assertEquals(400, noReason.status());
        assertEquals("reason", noReason.json().at("/errors/0/field").asText());
        var declined = api().post("/api/v1/ksp-proposals/" + ppid + "/decision", secretariat(), Map.of("decision", "decline",
                "reason", "Uden for tidsrummet omkring løsladelsen"));
        assertEquals("declined", declined.json().get("status").asText());
        JsonNode mine = api().get("/api/v1/ksp-meetings/" + id + "/proposals", of("police", police)).json().at("/items/0");
        assertEquals("Uden for tidsrummet omkring løsladelsen", mine.get("decisionReason").asText());
        assertEquals(2, api().get("/api/v1/ksp-meetings/" + id + "/list/_history", secretariat()).json().get("items").size());
    }

    @Test
    void anExchangeIsNotedOnTheActionPlanAndOnlyAManagerDecidesThePersonIsNotTold() {
        String id = meeting("2026-02-10");
        String inmate = releasedInmate();
        var plan = api().post("/api/v1/action-plans", Tokens.token("prison", prison, "user/ActionPlan.cru"),
                Map.of("inmateId", inmate, "sentenceStart", "2026-01-01"));
        assertEquals(201, plan.status(), plan.body());
        String planId = plan.json().get("id").asText();
        String entryId = publish(id, null, inmateEntry(inmate, "Bekymring")).json().at("/entries/0/entryId").asText();

        var told = api().post("/api/v1/ksp-meetings/" + id + "/exchanges", secretariat(),
                Map.of("entryId", entryId, "summary", "Kommunen tilbyder bolig", "inmateInformed", true));
        assertEquals(201, told.status(), told.body());
        assertEquals(planId, told.json().get("notedOnActionPlan").asText());
        JsonNode noted = api().get("/api/v1/action-plans/" + planId, Tokens.token("prison", prison, "user/ActionPlan.r")).json();
        assertEquals("2", noted.at("/meta/versionId").asText());
        assertEquals("ksp", noted.at("/exchanges/0/direction").asText());
        assertTrue(noted.at("/exchanges/0/summary").asText().contains("Kommunen tilbyder bolig"));
        assertTrue(noted.at("/exchanges/0/inmateInformed").asBoolean());

        var notToldNoManager = api().post("/api/v1/ksp-meetings/" + id + "/exchanges", secretariat(),
                Map.of("entryId", entryId, "summary", "Oplysning om trusler", "inmateInformed", false,
                        "protectionExceptionReason", "Beskyttelse af vidne"));
        assertEquals(403, notToldNoManager.status());
        var noReason = api().post("/api/v1/ksp-meetings/" + id + "/exchanges", secretariat("manager"),
                Map.of("entryId", entryId, "summary", "Oplysning om trusler", "inmateInformed", false));
        assertEquals("protectionExceptionReason", noReason.json().at("/errors/0/field").asText());
        var notTold = api().post("/api/v1/ksp-meetings/" + id + "/exchanges", secretariat("manager"),
                Map.of("entryId", entryId, "summary", "Oplysning om trusler", "inmateInformed", false,
                        "protectionExceptionReason", "Beskyttelse af vidne"));
        assertEquals(201, notTold.status(), notTold.body());
        assertNotEquals("", notTold.json().get("approvedBy").asText());
        JsonNode plan3 = api().get("/api/v1/action-plans/" + planId, Tokens.token("prison", prison, "user/ActionPlan.r")).json();
        assertFalse(plan3.at("/exchanges/1/inmateInformed").asBoolean());
        assertTrue(plan3.at("/exchanges/1/notInformedReason").asText().contains("Beskyttelse af vidne"));

        assertEquals(403, api().post("/api/v1/ksp-meetings/" + id + "/exchanges", of("municipality", municipality),
                Map.of("entryId", entryId, "summary", "x", "inmateInformed", true)).status());
        assertEquals(2, api().get("/api/v1/ksp-meetings/" + id + "/exchanges", secretariat()).json().get("items").size());
    }

    @Test
    void anExchangeRecordIsReadByExactlyThoseWhoReadItOnThePersonsPlan() {
        // Issue 26: a participating prison read every record of the meeting, also about a person another
        // prison holds, whose action plan (where the record is noted) answers it 404.
        String id = meeting("2026-02-10");
        String ours = releasedInmate();
        String theirs = create(anInmate().inInstitution(otherPrison).inMunicipality(municipality)
                .with("custodyStatus", "released").with("sentenceStart", "2026-01-01").with("sentenceLengthDays", 30)
                .with("expectedParoleDate", null).with("expectedReleaseDate", "2026-01-31")
                .with("actualReleaseDate", "2026-01-31")).get("id").asText();
        Map<String, String> planOf = new java.util.HashMap<>();
        for (String[] person : new String[][] {{ours, prison}, {theirs, otherPrison}}) {
            var plan = api().post("/api/v1/action-plans", Tokens.token("prison", person[1], "user/ActionPlan.cru"),
                    Map.of("inmateId", person[0], "sentenceStart", "2026-01-01"));
            assertEquals(201, plan.status(), plan.body());
            planOf.put(person[0], plan.json().get("id").asText());
        }
        JsonNode list = publish(id, null, inmateEntry(ours, "Bekymring"), inmateEntry(theirs, "Bekymring")).json();
        for (JsonNode entry : list.get("entries")) {
            var told = api().post("/api/v1/ksp-meetings/" + id + "/exchanges", secretariat(),
                    Map.of("entryId", entry.get("entryId").asText(), "summary", "Drøftet bolig", "inmateInformed", true));
            assertEquals(201, told.status(), told.body());
        }
        assertEquals(2, api().get("/api/v1/ksp-meetings/" + id + "/exchanges", secretariat()).json().get("items").size(),
                "the secretariat keeps every record of its meeting (R17)");
        String participant = Tokens.token("prison", prison, "user/KspList.cruds user/ActionPlan.r");
        JsonNode seen = api().get("/api/v1/ksp-meetings/" + id + "/exchanges", participant).json().get("items");
        List<String> about = new java.util.ArrayList<>();
        seen.forEach(r -> about.add(r.get("inmateId").asText()));
        for (String person : List.of(ours, theirs)) {
            int plan = api().get("/api/v1/action-plans/" + planOf.get(person), participant).status();
            assertEquals(plan == 200, about.contains(person), "record and plan disagree for " + person + " (plan " + plan + ")");
        }
        assertEquals(List.of(ours), about);
    }

    @Test
    void aParticipatingPrisonCannotNoteAnExchangeOnAnotherInstitutionsPlan() throws SQLException {
        // Issue 12 §1 (R19): the plan lookup follows the caller. Before, prison A's exchange about
        // prison B's inmate became a new version of B's action plan.
        String id = meeting("2026-02-10");
        String theirs = create(anInmate().inInstitution(otherPrison).inMunicipality(municipality)
                .with("custodyStatus", "released").with("sentenceStart", "2026-01-01").with("sentenceLengthDays", 30)
                .with("expectedParoleDate", null).with("expectedReleaseDate", "2026-01-31")
                .with("actualReleaseDate", "2026-01-31")).get("id").asText();
        var plan = api().post("/api/v1/action-plans", Tokens.token("prison", otherPrison, "user/ActionPlan.cru"),
                Map.of("inmateId", theirs, "sentenceStart", "2026-01-01"));
        assertEquals(201, plan.status(), plan.body());
        String entryId = publish(id, null, inmateEntry(theirs, "Bekymring")).json().at("/entries/0/entryId").asText();

        for (String roles : new String[] {"", "manager"}) {
            var refused = api().post("/api/v1/ksp-meetings/" + id + "/exchanges",
                    Tokens.token("prison", prison, "user/KspList.cruds", roles.isEmpty() ? new String[0] : new String[] {roles}),
                    roles.isEmpty() ? Map.of("entryId", entryId, "summary", "Vi har drøftet hans bolig", "inmateInformed", true)
                            : Map.of("entryId", entryId, "summary", "Vi har drøftet hans bolig", "inmateInformed", false,
                                    "protectionExceptionReason", "Beskyttelse af vidne"));
            assertEquals(403, refused.status(), refused.body());
        }
        JsonNode unchanged = api().get("/api/v1/action-plans/" + plan.json().get("id").asText(),
                Tokens.token("prison", otherPrison, "user/ActionPlan.r")).json();
        assertEquals("1", unchanged.at("/meta/versionId").asText(), "the other institution's plan is untouched");
        assertTrue(unchanged.at("/exchanges").isMissingNode() || unchanged.at("/exchanges").isEmpty());
        assertEquals(0, api().get("/api/v1/ksp-meetings/" + id + "/exchanges", secretariat()).json().get("items").size());
        try (Connection c = TestDatabase.connect();
             var ps = c.prepareStatement("SELECT count(*) FROM resource_version WHERE resource_type = 'action_plan'"
                     + " AND inmate_id = ?::uuid")) {
            ps.setString(1, theirs);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1), "no second plan version was written");
            }
        }

        // The person's own institution is no participant of this meeting: the meeting does not exist for it.
        var own = api().post("/api/v1/ksp-meetings/" + id + "/exchanges", Tokens.token("prison", otherPrison, "user/KspList.cruds"),
                Map.of("entryId", entryId, "summary", "Vi har drøftet hans bolig", "inmateInformed", true));
        assertEquals(404, own.status(), "the other institution is not a participant of this meeting: " + own.body());
    }

    @Test
    void everyReadIsAuditedWithThePeopleOnTheList() {
        String id = meeting("2026-02-10");
        String inmate = releasedInmate();
        assertEquals(200, publish(id, null, inmateEntry(inmate, "Bekymring")).status());
        assertEquals(200, api().get("/api/v1/ksp-meetings/" + id + "/list", of("police", police)).status());
        JsonNode listEvents = api().get("/api/v1/audit-events?resourceType=KspList&resourceId=" + id, Tokens.auditor()).json();
        assertTrue(listEvents.get("items").findValuesAsText("action").contains("read"));
        assertTrue(listEvents.get("items").findValues("actor").stream().anyMatch(a -> a.get("orgType").asText().equals("police")));
        JsonNode inmateEvents = api().get("/api/v1/audit-events?subject=" + inmate, Tokens.auditor()).json();
        assertTrue(inmateEvents.get("items").findValues("actor").stream().anyMatch(a -> a.get("orgId").asText().equals(police)),
                "the police read of the list shows on the inmate's audit trail");
    }

    @Test
    void theListIsAPrintablePageForTheMeeting() {
        String id = meeting("2026-02-10");
        assertEquals(200, publish(id, null, inmateEntry(releasedInmate(), "Trusler <script>")).status());
        var page = api().send("GET", "/api/v1/ksp-meetings/" + id + "/list", of("municipality", municipality), null, null,
                "Accept", "text/html");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.body().contains("Fortroligt – kun for mødets deltagere"));
        assertTrue(page.body().contains("Jens &lt;Jensen&gt;"));
        assertTrue(page.body().contains("Trusler &lt;script&gt;"));
        assertFalse(page.body().contains("<script"));
        assertTrue(page.body().contains("10. februar 2026"));
        var old = api().send("GET", "/api/v1/ksp-meetings/" + id + "/list/_history/1", of("prison", prison), null, null,
                "Accept", "text/html");
        assertTrue(old.body().contains("version 1"));
    }

    @Test
    void meetingsArePagedNewestFirst() {
        var forum = api().post("/api/v1/ksp-forums", secretariat(), Map.of("name", "KSP " + tag, "policeDistrict", police,
                "municipalities", List.of(municipality))).json();
        for (int i = 1; i <= 5; i++) {
            assertEquals(201, api().post("/api/v1/ksp-meetings", secretariat(), Map.of("forumId", forum.get("id").asText(),
                    "date", LocalDate.of(2026, i, 10).toString(), "place", "Rådhuset")).status());
        }
        List<String> dates = new ArrayList<>();
        String next = "/api/v1/ksp-meetings?_count=2&forumId=" + forum.get("id").asText();
        while (next != null) {
            JsonNode page = api().get(next, of("municipality", municipality)).json();
            page.get("items").forEach(m -> dates.add(m.get("date").asText()));
            next = page.at("/links/next").isMissingNode() || page.at("/links/next").isNull() ? null : page.at("/links/next").asText();
        }
        assertEquals(List.of("2026-05-10", "2026-04-10", "2026-03-10", "2026-02-10", "2026-01-10"), dates);
    }
}
