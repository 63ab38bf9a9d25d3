package dk.overgang.inmate;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET of one inmate, its history, paged search and lookup by CPR. */
@MicronautTest(transactional = false)
class InmateReadTest extends ApiTest {

    @Test
    void ok200ReadCarriesTheEtagOfTheCurrentVersion() {
        String id = create(anInmate().inInstitution("vestre")).get("id").asText();
        var response = api().get("/api/v1/inmates/" + id, Tokens.prison("vestre"));
        assertEquals(200, response.status());
        assertEquals("W/\"1\"", response.header("ETag"));
        assertEquals("no-store", response.header("Cache-Control"));
    }

    @Test
    void notFound404ForAnIdThatDoesNotExistAndForAVersionThatDoesNotExist() {
        String id = create(anInmate().inInstitution("vestre")).get("id").asText();
        assertEquals(404, api().get("/api/v1/inmates/" + UUID.randomUUID(), Tokens.prison("vestre")).status());
        assertEquals(404, api().get("/api/v1/inmates/" + id + "/_history/2", Tokens.prison("vestre")).status());
        assertEquals(400, api().get("/api/v1/inmates/" + id + "/_history/0", Tokens.prison("vestre")).status());
    }

    @Test
    void ok200SearchPagesThroughEveryMatchExactlyOnceFollowingNextLinks() {
        String institution = "page-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(create(anInmate().inInstitution(institution)).get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/inmates?_count=3";
        int pages = 0;
        while (next != null) {
            JsonNode page = api().get(next, Tokens.prison(institution)).json();
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            next = page.at("/links/next").isMissingNode() ? null : page.at("/links/next").asText();
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(created, new HashSet<>(seen));
        assertEquals(created.size(), seen.size(), "no inmate twice");
        assertEquals(seen.stream().sorted().toList(), seen, "stable order by id");
    }

    @Test
    void ok200SearchFiltersByMunicipalityCustodyStatusAndReleaseWindow() {
        String institution = "filter-" + UUID.randomUUID().toString().substring(0, 8);
        String early = create(anInmate().inInstitution(institution).inMunicipality("101").releasedOn("2027-01-10")).get("id").asText();
        String late = create(anInmate().inInstitution(institution).inMunicipality("101").releasedOn("2027-06-10")).get("id").asText();
        String remand = create(anInmate().inInstitution(institution).inMunicipality("751").with("custodyStatus", "remand")
                .with("sentenceStart", null).with("sentenceLengthDays", null).with("expectedParoleDate", null)
                .with("expectedReleaseDate", null)).get("id").asText();
        String token = Tokens.prison(institution);

        assertEquals(List.of(early), ids(api().get("/api/v1/inmates?releaseFrom=2027-01-01&releaseTo=2027-01-31", token).json()));
        assertEquals(Set.of(early, late), Set.copyOf(ids(api().get("/api/v1/inmates?actingMunicipality=101", token).json())));
        assertEquals(List.of(remand), ids(api().get("/api/v1/inmates?custodyStatus=remand", token).json()));
        assertEquals(List.of(), ids(api().get("/api/v1/inmates?institution=nyborg", token).json()),
                "prison staff asking for another institution see nothing");
    }

    @Test
    void badRequest400ForAReleaseWindowThatEndsBeforeItStartsOrABadCursor() {
        var window = api().get("/api/v1/inmates?releaseFrom=2027-02-01&releaseTo=2027-01-01", Tokens.prison("vestre"));
        assertEquals(400, window.status());
        assertEquals("releaseTo", window.json().at("/errors/0/field").asText());
        var cursor = api().get("/api/v1/inmates?_cursor=bm90LWEtdXVpZA", Tokens.prison("vestre"));
        assertEquals(400, cursor.status());
        assertEquals("_cursor", cursor.json().at("/errors/0/field").asText());
    }

    @Test
    void ok200LookupByCprInTheBodyFindsOnlyVisibleInmates() {
        var inmate = anInmate().inInstitution("vestre").inMunicipality("101");
        String id = create(inmate).get("id").asText();

        var own = api().post("/api/v1/inmates/_lookup", Tokens.prison("vestre"), Map.of("cpr", inmate.cpr()));
        assertEquals(200, own.status());
        assertEquals(List.of(id), ids(own.json()));

        var other = api().post("/api/v1/inmates/_lookup", Tokens.prison("nyborg"), Map.of("cpr", inmate.cpr()));
        assertEquals(200, other.status());
        assertEquals(List.of(), ids(other.json()), "another institution learns nothing, not even that it exists");

        var municipality = api().post("/api/v1/inmates/_lookup", Tokens.municipality("101"), Map.of("cpr", inmate.cpr()));
        assertEquals(List.of(id), ids(municipality.json()));
    }

    @Test
    void badRequest400ForALookupWithAnInvalidCprNamesTheFieldButNotTheValue() {
        var response = api().post("/api/v1/inmates/_lookup", Tokens.prison("vestre"), Map.of("cpr", "310290-0123"));
        assertEquals(400, response.status());
        assertEquals("cpr", response.json().at("/errors/0/field").asText());
        assertFalse(response.body().contains("310290"), response.body());
    }

    @Test
    void searchAndLookupAreAuditedPerDisclosedInmate() {
        var inmate = anInmate().inInstitution("audited");
        String id = create(inmate).get("id").asText();
        api().get("/api/v1/inmates", Tokens.prison("audited"));
        api().post("/api/v1/inmates/_lookup", Tokens.prison("audited"), Map.of("cpr", inmate.cpr()));
        api().get("/api/v1/inmates/" + id, Tokens.prison("audited"));

        // Issue 12: found from the person (a search page is one record naming everyone it showed).
        var events = api().get("/api/v1/audit-events?subject=" + id, Tokens.auditor());
        assertEquals(200, events.status());
        List<String> actions = new ArrayList<>();
        events.json().get("items").forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("create", "search", "lookup", "read"), actions);
        events.json().get("items").forEach(e -> assertEquals("audited", e.at("/actor/orgId").asText()));
        assertTrue(events.json().at("/items/0/actor/clientId").isTextual());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
