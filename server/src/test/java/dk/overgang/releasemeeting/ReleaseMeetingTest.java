package dk.overgang.releasemeeting;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * R10, the guide's §3.3.3: "Den handleplansansvarlige medarbejder i kriminalforsorgen bør så vidt
 * muligt indkalde kommunen og andre relevante samarbejdspartnere til løsladelsesmødet senest 3 måneder
 * før forventet løsladelse. Hvis afsoneren er i målgruppen for prøveløsladelse med tilsyn, skal KiF
 * også inviteres."
 */
@MicronautTest(transactional = false)
class ReleaseMeetingTest extends ApiTest {

    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final String prison = "rm-" + tag;
    private final String kif = "kif-rm-" + tag;
    private final String municipality = String.valueOf(300 + (int) (Math.random() * 300));
    private final String added = String.valueOf(600 + (int) (Math.random() * 300));
    private final String startsAt = OffsetDateTime.now(ZoneId.of("Europe/Copenhagen")).plusDays(10).withHour(10)
            .withMinute(0).withSecond(0).withNano(0).toString();

    private String staff() {
        return Tokens.token("prison", prison, "user/Inmate.cruds user/ReleaseMeeting.cruds user/ActionPlan.cruds");
    }

    private static String worklistReader(String orgType, String orgId) {
        return Tokens.token(orgType, orgId, "user/ActionPlan.s user/ReleaseMeeting.rs");
    }

    private String supervisedInmate() {
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        assertEquals(201, api().put("/api/v1/inmates/" + id + "/supervision", staff(),
                Map.of("probationOffice", kif, "status", "assigned", "from", "2027-03-01")).status());
        return id;
    }

    private Map<String, Object> meeting(String inmateId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inmateId", inmateId);
        m.put("startsAt", startsAt);
        m.put("place", "Mødelokale 2");
        m.put("videoLink", "https://meet.example/rm-" + tag);
        m.put("additionalInvitees", List.of(Map.of("orgType", "municipality", "orgId", added)));
        return m;
    }

    private List<String> invitations(String token, String inmateId) {
        List<String> found = new ArrayList<>();
        JsonNode page = api().get("/api/v1/worklist?_count=500&to=2099-12-31", token).json();
        page.get("items").forEach(item -> {
            if (item.get("inmateId").asText().equals(inmateId)
                    && item.at("/obligation/kind").asText().equals("release-meeting-invitation")) {
                found.add(item.get("releaseMeetingId").asText());
            }
        });
        return found;
    }

    private JsonNode obligation(String inmateId, String kind) {
        for (JsonNode o : api().get("/api/v1/inmates/" + inmateId + "/obligations", staff()).json().get("items")) {
            if (o.get("kind").asText().equals(kind)) {
                return o;
            }
        }
        throw new AssertionError(kind);
    }

    @Test
    void created201CallingTheMeetingInvitesTheCaseKifAndAddedAuthoritiesAndFulfilsR10() {
        String id = supervisedInmate();
        assertFalse(obligation(id, "release-meeting").get("status").asText().equals("done"));

        var called = api().post("/api/v1/release-meetings", staff(), meeting(id));
        assertEquals(201, called.status(), called.body());
        String meetingId = called.json().get("id").asText();
        assertEquals("W/\"1\"", called.header("ETag"));
        List<String> invitees = new ArrayList<>();
        called.json().get("invitees").forEach(i -> invitees.add(i.get("orgType").asText() + ":" + i.get("orgId").asText()));
        assertEquals(List.of("prison:" + prison, "municipality:" + municipality, "probation:" + kif, "municipality:" + added),
                invitees, "R10: institution, acting municipality, KiF for parole with supervision, and the added one");
        assertTrue(called.json().at("/invitees/2/reason").asText().contains("KiF"));
        assertEquals("done", obligation(id, "release-meeting").get("status").asText(), "calling it fulfils R10");

        for (String[] org : List.of(new String[] {"prison", prison}, new String[] {"municipality", municipality},
                new String[] {"probation", kif}, new String[] {"municipality", added})) {
            assertEquals(List.of(meetingId), invitations(worklistReader(org[0], org[1]), id), org[0] + " " + org[1] + " is invited");
            assertEquals(200, api().get("/api/v1/release-meetings/" + meetingId, worklistReader(org[0], org[1])).status());
        }
        assertEquals(List.of(), invitations(worklistReader("probation", "kif-other-" + tag), id), "only invited offices");
        assertEquals(List.of(), invitations(worklistReader("municipality", "098"), id));
        assertEquals(404, api().get("/api/v1/release-meetings/" + meetingId, worklistReader("municipality", "098")).status());
        assertEquals(404, api().get("/api/v1/release-meetings/" + meetingId, Tokens.token("police", "koebenhavn",
                "user/ReleaseMeeting.r")).status());
    }

    @Test
    void ok200HoldingRecordsTheOutcomeAndCancellingReopensR10AndClearsTheWorklists() {
        String id = supervisedInmate();
        String meetingId = api().post("/api/v1/release-meetings", staff(), meeting(id)).json().get("id").asText();

        Map<String, Object> early = meeting(id);
        early.put("status", "held");
        early.put("outcomeNotes", "Fælles plan: bolig via kommunen, tilsyn hos KiF.");
        var tooEarly = api().put("/api/v1/release-meetings/" + meetingId, staff(), early, "If-Match", "W/\"1\"");
        assertEquals(400, tooEarly.status(), "a meeting ten days ahead cannot have been held");
        assertEquals("status", tooEarly.json().at("/errors/0/field").asText());

        Map<String, Object> cancelled = meeting(id);
        cancelled.put("status", "cancelled");
        var cancel = api().put("/api/v1/release-meetings/" + meetingId, staff(), cancelled, "If-Match", "W/\"1\"");
        assertEquals(200, cancel.status(), cancel.body());
        assertEquals("cancelled", cancel.json().get("status").asText());
        assertFalse(obligation(id, "release-meeting").get("status").asText().equals("done"), "R10 is open again");
        assertEquals(List.of(), invitations(worklistReader("probation", kif), id));
        assertEquals(List.of(), invitations(worklistReader("municipality", municipality), id));

        JsonNode history = api().get("/api/v1/release-meetings/" + meetingId + "/_history", staff()).json();
        assertEquals(2, history.get("items").size());
        assertEquals("planned", history.at("/items/1/status").asText());
        assertEquals(412, api().put("/api/v1/release-meetings/" + meetingId, staff(), meeting(id), "If-Match", "W/\"1\"").status());
    }

    @Test
    void aMeetingRecordedAfterItWasHeldCarriesTheCommonPlan() {
        String id = supervisedInmate();
        Map<String, Object> held = meeting(id);
        held.put("startsAt", OffsetDateTime.now(ZoneId.of("Europe/Copenhagen")).minusDays(2).withNano(0).toString());
        held.put("status", "held");
        held.put("outcomeNotes", "Fælles plan: bolig via kommunen, tilsyn hos KiF.");
        var recorded = api().post("/api/v1/release-meetings", staff(), held);
        assertEquals(201, recorded.status(), recorded.body());
        assertEquals("Fælles plan: bolig via kommunen, tilsyn hos KiF.", recorded.json().get("outcomeNotes").asText());
        assertEquals(List.of(), invitations(worklistReader("municipality", municipality), id), "a past meeting invites no one");
    }

    @Test
    void badRequest400WithoutPlaceOrLinkForAnotherInstitutionsInmateOrWithAPlainHttpLink() {
        String id = supervisedInmate();
        Map<String, Object> nowhere = meeting(id);
        nowhere.remove("place");
        nowhere.remove("videoLink");
        var r = api().post("/api/v1/release-meetings", staff(), nowhere);
        assertEquals(400, r.status());
        assertEquals("place", r.json().at("/errors/0/field").asText());
        Map<String, Object> http = meeting(id);
        http.put("videoLink", "http://meet.example/x");
        assertEquals(400, api().post("/api/v1/release-meetings", staff(), http).status());
        var other = api().post("/api/v1/release-meetings", Tokens.token("prison", "other-" + tag, "user/ReleaseMeeting.c"),
                meeting(id));
        assertEquals(400, other.status());
        assertEquals("inmateId", other.json().at("/errors/0/field").asText());
        Map<String, Object> ngo = meeting(id);
        ngo.put("additionalInvitees", List.of(Map.of("orgType", "ngo", "orgId", "roede-kors")));
        assertEquals(400, api().post("/api/v1/release-meetings", staff(), ngo).status(), "no NGO without recorded consent");
        assertEquals(0, api().get("/api/v1/release-meetings?inmateId=" + id, staff()).json().get("items").size(), "nothing stored");
    }

    @Test
    void afterATransferTheNewInstitutionIsInvitedAndTheOldOneNoLonger() {
        String id = supervisedInmate();
        String meetingId = api().post("/api/v1/release-meetings", staff(), meeting(id)).json().get("id").asText();
        String newPrison = "rm2-" + tag;
        var inmate = api().get("/api/v1/inmates/" + id, staff()).json();
        Map<String, Object> moved = new LinkedHashMap<>();
        inmate.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("id") && !f.getKey().equals("meta")) {
                moved.put(f.getKey(), f.getValue());
            }
        });
        moved.put("currentInstitution", newPrison);
        assertEquals(200, api().put("/api/v1/inmates/" + id, staff(), moved, "If-Match", "W/\"1\"").status());
        assertEquals(List.of(), invitations(worklistReader("prison", prison), id), "the old institution's worklist lets go");
        assertEquals(List.of(meetingId), invitations(worklistReader("prison", newPrison), id));
        assertEquals(404, api().get("/api/v1/release-meetings/" + meetingId, worklistReader("prison", prison)).status());
    }
}
