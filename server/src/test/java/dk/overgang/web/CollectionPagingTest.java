package dk.overgang.web;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 26: every collection is paged one way ({@code _count}, {@code _cursor}, {@code links.next}),
 * in its own order, and a walk over the pages sees each item once.
 */
@MicronautTest(transactional = false)
class CollectionPagingTest extends ApiTest {

    /** Answers with an items array that are not collections: one person's statement on a date. */
    private static final List<String> NOT_COLLECTIONS = List.of("readObligations", "recordRadicalisationConcern",
            "readProgrammeEligibility");

    private final String prison = "pg-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    @SuppressWarnings("unchecked")
    void everyCollectionOfTheContractTakesCountAndCursorAndAnswersLinks() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(Path.of(System.getProperty("overgang.spec",
                "../api-spec/openapi.yaml"))));
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) spec.get("components")).get("schemas");
        List<String> unpaged = new ArrayList<>();
        int collections = 0;
        for (var path : ((Map<String, Map<String, Object>>) spec.get("paths")).entrySet()) {
            for (var op : path.getValue().entrySet()) {
                if (!(op.getValue() instanceof Map<?, ?> operation) || !operation.containsKey("operationId")) {
                    continue;
                }
                var ok = (Map<String, Object>) ((Map<String, Object>) operation.get("responses")).get("200");
                Object ref = ok == null || ok.get("content") == null ? null
                        : ((Map<String, Map<String, Object>>) ((Map<String, Object>) ok.get("content")).get("application/json"))
                        .get("schema").get("$ref");
                if (ref == null) {
                    continue;
                }
                var schema = (Map<String, Object>) schemas.get(ref.toString().substring(ref.toString().lastIndexOf('/') + 1));
                var properties = (Map<String, Object>) schema.get("properties");
                String id = operation.get("operationId").toString();
                if (properties == null || !properties.containsKey("items") || NOT_COLLECTIONS.contains(id)) {
                    continue;
                }
                collections++;
                String parameters = String.valueOf(operation.get("parameters"));
                boolean paged = properties.containsKey("links") && ((List<String>) schema.get("required")).contains("links")
                        && (parameters.contains("parameters/Count") && parameters.contains("parameters/Cursor")
                        || id.startsWith("lookup")); // a lookup posts its filter; its page size is fixed
                if (!paged) {
                    unpaged.add(id);
                }
            }
        }
        assertTrue(collections >= 30, "the contract's collections were found: " + collections);
        assertEquals(List.of(), unpaged, "collections without _count, _cursor and links");
    }

    @Test
    void aHistoryIsPagedNewestFirstAndEachVersionComesOnce() {
        InmateBuilder inmate = anInmate().inInstitution(prison);
        String id = create(inmate).get("id").asText();
        for (int version = 1; version <= 4; version++) {
            var updated = api().put("/api/v1/inmates/" + id, Tokens.prison(prison), inmate.with("name", "Navn " + version).build(),
                    "If-Match", "W/\"" + version + "\"");
            assertEquals(200, updated.status(), updated.body());
        }
        List<String> versions = walk("/api/v1/inmates/" + id + "/_history?_count=2", Tokens.prison(prison), 3).stream()
                .map(v -> v.at("/meta/versionId").asText()).toList();
        assertEquals(List.of("5", "4", "3", "2", "1"), versions);

        var first = api().get("/api/v1/inmates/" + id + "/_history?_count=2", Tokens.prison(prison)).json();
        assertEquals("/api/v1/inmates/" + id + "/_history?_count=2", first.at("/links/self").asText());
        assertTrue(first.at("/links/next").asText().contains("_count=2"), "the page size is kept in the next link");
        var all = api().get("/api/v1/inmates/" + id + "/_history", Tokens.prison(prison)).json();
        assertEquals(5, all.get("items").size(), "the default page (50) holds them all");
        assertTrue(all.at("/links/next").isMissingNode(), "no next link on the last page");
    }

    @Test
    void aPersonsListIsPagedInItsOwnOrder() {
        String person = create(anInmate().inInstitution(prison)).get("id").asText();
        String staff = Tokens.token("prison", prison, "user/Inmate.ru");
        for (String topic : List.of("action-plan", "privacy-page", "action-plan")) {
            var told = api().post("/api/v1/inmates/" + person + "/information-notices", staff, Map.of("topic", topic,
                    "informedOn", LocalDate.now().toString(), "method", "in-person"));
            assertEquals(201, told.status(), told.body());
        }
        List<JsonNode> notices = walk("/api/v1/inmates/" + person + "/information-notices?_count=2", staff, 2);
        assertEquals(3, notices.size());
        assertEquals(List.of("action-plan", "privacy-page", "action-plan"), notices.stream().map(n -> n.get("topic").asText()).toList(),
                "oldest first, across the pages");
        assertEquals(3, notices.stream().map(n -> n.get("id").asText()).distinct().count());

        String referrer = Tokens.token("prison", prison, "user/Consent.cs");
        List<String> given = new ArrayList<>();
        for (String programme : List.of("roede-kors-primus-motor", "roede-kors-besoegstjeneste")) {
            var consent = api().post("/api/v1/consents", referrer, Map.of("inmateId", person, "programmeId", programme,
                    "purpose", "referral", "dataItems", List.of("first-name"), "validFrom", LocalDate.now().toString()));
            assertEquals(201, consent.status(), consent.body());
            given.add(consent.json().get("id").asText());
        }
        List<String> listed = walk("/api/v1/consents?inmateId=" + person + "&_count=1", referrer, 2).stream()
                .map(c -> c.get("id").asText()).toList();
        assertEquals(given.stream().sorted().toList(), listed.stream().sorted().toList(), "each consent once");
    }

    @Test
    void aCursorThisServerDidNotIssueIsA400NamingIt() {
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        for (String path : List.of("/api/v1/inmates/" + id + "/_history?_cursor=bm90LWEtbnVtYmVy",
                "/api/v1/consents?inmateId=" + id + "&_cursor=bm90LWEtdXVpZA",
                "/api/v1/municipalities?_cursor=zz")) {
            var refused = api().get(path, Tokens.token("prison", prison, "user/Inmate.r user/Consent.s user/Municipality.s"));
            assertEquals(400, refused.status(), path + ": " + refused.body());
            assertTrue(refused.body().contains("_cursor"), refused.body());
        }
        // A well-formed cursor naming an item the list does not hold (here: another person's id).
        var gone = api().get("/api/v1/consents?inmateId=" + id + "&_cursor=" + Cursors.after(UUID.randomUUID()),
                Tokens.token("prison", prison, "user/Consent.s"));
        assertEquals(400, gone.status(), gone.body());
        assertTrue(gone.body().contains("_cursor"), gone.body());
    }

    @Test
    void theMunicipalityDirectoryIsWalkedByCode() {
        for (String code : List.of("101", "147", "157")) {
            var entry = api().put("/api/v1/municipalities/" + code, Tokens.token("municipality", code, "user/Municipality.cu"),
                    Map.of("name", "Kommune " + code, "contactPoint", Map.of("unit", "Kriminalitetsteamet", "email", "krim@k" + code + ".example")));
            assertTrue(entry.status() == 200 || entry.status() == 201 || entry.status() == 428, entry.body()); // 428: kept from before
        }
        String token = Tokens.token("prison", prison, "user/Municipality.s");
        List<String> codes = walk("/api/v1/municipalities?_count=1", token, 200).stream().map(m -> m.get("code").asText()).toList();
        assertTrue(codes.size() >= 3, codes.toString());
        assertEquals(codes.stream().sorted().distinct().toList(), codes, "by code, each once");
        var first = api().get("/api/v1/municipalities?_count=1", token).json();
        assertEquals(1, first.get("items").size());
        assertFalse(first.at("/links/next").isMissingNode());
        assertEquals(codes.size(), api().get("/api/v1/municipalities?_count=500", token).json().get("items").size());
    }

    /** Follows {@code links.next} from {@code path}; fails if it takes more than {@code maxPages}. */
    private List<JsonNode> walk(String path, String token, int maxPages) {
        List<JsonNode> items = new ArrayList<>();
        String next = path;
        int pages = 0;
        while (next != null) {
            Api.Response page = api().get(next, token);
            assertEquals(200, page.status(), next + ": " + page.body());
            page.json().get("items").forEach(items::add);
            JsonNode link = page.json().at("/links/next");
            next = link.isMissingNode() ? null : link.asText();
            assertNotNull(page.json().at("/links/self").asText());
            assertTrue(++pages <= maxPages, "more pages than expected: " + pages);
        }
        return items;
    }
}
