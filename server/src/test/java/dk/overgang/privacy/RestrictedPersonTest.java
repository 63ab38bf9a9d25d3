package dk.overgang.privacy;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a restricted person is invisible to every caller without the restricted-access role, in
 * every list, search, lookup, worklist and event feed, and a direct read answers exactly as for a
 * person that does not exist; holders of the role see the person as before; managers set and lift it.
 */
@MicronautTest(transactional = false)
class RestrictedPersonTest extends ApiTest {

    private final String prison = "rp-" + UUID.randomUUID().toString().substring(0, 8);
    private final String municipality = "8" + String.format("%02d", (int) (Math.random() * 100));

    private String staff(String... roles) {
        return Tokens.token("prison", prison, "user/Inmate.cruds user/ActionPlan.rs", roles);
    }

    private String caseworker(String... roles) {
        return Tokens.token("municipality", municipality, "user/Inmate.rs user/ActionPlan.s user/Subscription.s", roles);
    }

    /** Every id the caller is shown in a list, following the next links to the end. */
    private List<String> ids(String first, String field, String token) {
        List<String> ids = new ArrayList<>();
        String next = first;
        while (next != null && !next.isEmpty()) {
            var page = api().get(next, token);
            assertEquals(200, page.status(), page.body());
            page.json().get("items").forEach(item -> ids.add(item.at(field).asText()));
            next = page.json().at("/links/next").asText(null);
        }
        return ids;
    }

    private List<String> seenBy(String token) {
        List<String> seen = new ArrayList<>();
        seen.addAll(ids("/api/v1/inmates?_count=500", "/id", token));
        seen.addAll(ids("/api/v1/worklist?to=2030-12-31&_count=500", "/inmateId", token));
        return seen;
    }

    private List<String> eventsSeenBy(String token) {
        List<String> about = new ArrayList<>(ids("/api/v1/events?_count=500", "/data/inmateId", token));
        about.addAll(ids("/api/v1/events?_count=500", "/data/id", token));
        return about.stream().distinct().toList();
    }

    private List<JsonNode> lookup(InmateBuilder person, String token) {
        var found = api().post("/api/v1/inmates/_lookup", token, Map.of("cpr", person.cpr()));
        assertEquals(200, found.status(), found.body());
        List<JsonNode> items = new ArrayList<>();
        found.json().get("items").forEach(items::add);
        return items;
    }

    private InmateBuilder person(String name) {
        return anInmate().inInstitution(prison).inMunicipality(municipality).with("name", name)
                .releasedOn(LocalDate.now().plusMonths(5).toString());
    }

    @Test
    void aRestrictedPersonExistsOnlyForTheRestrictedAccessRole() {
        InmateBuilder protectedPerson = person("Beskyttet Bent");
        String id = create(protectedPerson).get("id").asText();
        String control = create(person("Almindelig Anders")).get("id").asText();
        // Before: everyone in scope sees both (a precondition, so the absence below means something).
        assertTrue(seenBy(staff()).containsAll(List.of(id, control)));
        assertTrue(ids("/api/v1/inmates?_count=500", "/id", caseworker()).contains(id));
        assertTrue(eventsSeenBy(caseworker()).contains(id), "the municipality is told of the person");

        String manager = staff("manager");
        var set = api().put("/api/v1/inmates/" + id + "/restriction", manager, Map.of("restricted", true,
                "reason", "protected-address"));
        assertEquals(200, set.status(), set.body());
        assertTrue(set.json().get("restricted").asBoolean());
        assertEquals("prison", set.json().at("/changedBy/orgType").asText());

        String notFound = api().get("/api/v1/inmates/" + UUID.randomUUID(), staff()).json().get("detail").asText();
        for (String token : List.of(staff(), caseworker(), manager, staff("security-unit"))) {
            var read = api().get("/api/v1/inmates/" + id, token);
            assertEquals(404, read.status(), read.body());
            assertEquals(notFound, read.json().get("detail").asText(), "exactly as for a person that does not exist");
            assertEquals(404, api().get("/api/v1/inmates/" + id + "/restriction", token).status());
            assertEquals(404, api().get("/api/v1/inmates/" + id + "/_history", token).status());
            assertEquals(List.of(), lookup(protectedPerson, token), "not found by CPR");
        }
        assertEquals(404, api().get("/api/v1/inmates/" + id + "/reading-log", staff()).status());
        assertEquals(404, api().get("/api/v1/inmates/" + id + "/obligations", staff()).status());
        List<String> staffSees = seenBy(staff());
        assertFalse(staffSees.contains(id), "not in the prison's search or worklist");
        assertTrue(staffSees.contains(control), "the others are still there");
        assertFalse(ids("/api/v1/inmates?_count=500", "/id", caseworker()).contains(id), "not in the municipality's search");
        assertFalse(ids("/api/v1/worklist?to=2030-12-31&_count=500", "/inmateId", caseworker()).contains(id));
        assertFalse(eventsSeenBy(caseworker()).contains(id), "no event about the person is told, earlier ones neither");
        assertTrue(eventsSeenBy(caseworker()).contains(control));

        // The named role sees the person as before, and why.
        String cleared = staff("restricted-access");
        assertEquals(200, api().get("/api/v1/inmates/" + id, cleared).status());
        assertTrue(seenBy(cleared).contains(id));
        assertEquals(1, lookup(protectedPerson, cleared).size());
        assertTrue(ids("/api/v1/inmates?_count=500", "/id", caseworker("restricted-access")).contains(id));
        var state = api().get("/api/v1/inmates/" + id + "/restriction", cleared).json();
        assertTrue(state.get("restricted").asBoolean());
        assertEquals("protected-address", state.get("reason").asText());

        // Lifting: a manager who cannot see the person cannot find them; staff with the role are not managers.
        assertEquals(404, api().put("/api/v1/inmates/" + id + "/restriction", manager, Map.of("restricted", false)).status());
        var notManager = api().put("/api/v1/inmates/" + id + "/restriction", cleared, Map.of("restricted", false));
        assertEquals(403, notManager.status(), notManager.body());
        var lifted = api().put("/api/v1/inmates/" + id + "/restriction", staff("manager", "restricted-access"),
                Map.of("restricted", false));
        assertEquals(200, lifted.status(), lifted.body());
        assertFalse(lifted.json().get("restricted").asBoolean());
        assertTrue(seenBy(staff()).contains(id), "visible again");
        assertEquals(1, lookup(protectedPerson, staff()).size());
        assertEquals(200, api().get("/api/v1/inmates/" + id, caseworker()).status());
        // Changing the flag is not a new version of the record.
        assertEquals(1, api().get("/api/v1/inmates/" + id + "/_history", staff()).json().get("items").size());

        // Both changes are in the person's reading log.
        var log = api().get("/api/v1/inmates/" + id + "/reading-log", Tokens.auditor()).json();
        long updates = 0;
        for (JsonNode e : log.get("items")) {
            if (e.get("action").asText().equals("update") && e.get("outcome").asText().equals("success")) {
                updates++;
            }
        }
        assertEquals(2, updates, log.toString());
    }

    @Test
    void anInvitedOrganisationLosesTheReleaseMeetingOfARestrictedPerson() {
        String id = create(person("Mødet Mogens")).get("id").asText();
        String invited = "4" + String.format("%02d", (int) (Math.random() * 100));
        var meeting = api().post("/api/v1/release-meetings", Tokens.token("prison", prison, "user/ReleaseMeeting.c"), Map.of(
                "inmateId", id, "startsAt", java.time.OffsetDateTime.now().plusDays(10).withNano(0).toString(), "place", "Lokale 2",
                "additionalInvitees", List.of(Map.of("orgType", "municipality", "orgId", invited))));
        assertEquals(201, meeting.status(), meeting.body());
        String path = "/api/v1/release-meetings/" + meeting.json().get("id").asText();
        String guest = Tokens.token("municipality", invited, "user/ReleaseMeeting.rs");
        assertEquals(200, api().get(path, guest).status(), "invited: sees the meeting without seeing the person otherwise");
        assertEquals(200, api().put("/api/v1/inmates/" + id + "/restriction", staff("manager"),
                Map.of("restricted", true, "reason", "protection-concern")).status());
        assertEquals(404, api().get(path, guest).status(), "not for a restricted person");
        assertFalse(ids("/api/v1/release-meetings?_count=500", "/id", guest).contains(meeting.json().get("id").asText()));
        assertEquals(200, api().get(path, Tokens.token("municipality", invited, "user/ReleaseMeeting.rs", "restricted-access"))
                .status());
    }

    @Test
    void restrictingNeedsAReasonAndAManagerOfTheInstitution() {
        String id = create(person("Grund Gunnar")).get("id").asText();
        var noReason = api().put("/api/v1/inmates/" + id + "/restriction", staff("manager"), Map.of("restricted", true));
        assertEquals(400, noReason.status(), noReason.body());
        assertEquals("reason", noReason.json().at("/errors/0/field").asText(), noReason.body());
        assertEquals(403, api().put("/api/v1/inmates/" + id + "/restriction", staff(),
                Map.of("restricted", true, "reason", "other")).status(), "not a manager");
        assertEquals(404, api().put("/api/v1/inmates/" + id + "/restriction",
                Tokens.token("prison", "other-" + prison, "user/Inmate.cruds", "manager"),
                Map.of("restricted", true, "reason", "other")).status(), "another institution's manager");
        assertEquals(403, api().put("/api/v1/inmates/" + id + "/restriction", caseworker("manager"),
                Map.of("restricted", true, "reason", "other")).status(), "a municipality may see but not restrict");
        var bad = api().put("/api/v1/inmates/" + id + "/restriction", staff("manager"), Map.of("restricted", true, "reason", "secret"));
        assertEquals(400, bad.status(), bad.body());
        var state = api().get("/api/v1/inmates/" + id + "/restriction", staff());
        assertEquals(200, state.status());
        assertFalse(state.json().get("restricted").asBoolean(), "nothing was changed by the refused attempts");
        assertTrue(state.json().path("changedAt").isMissingNode());
    }
}
