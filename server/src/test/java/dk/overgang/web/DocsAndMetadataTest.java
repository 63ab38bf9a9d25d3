package dk.overgang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The served contract, the offline docs page, the capability statement and health. No token needed. */
@MicronautTest(transactional = false)
class DocsAndMetadataTest extends ApiTest {

    @Test
    void ok200TheServedOpenApiDocumentIsTheContractFile() throws Exception {
        var response = api().get("/api/v1/openapi.yaml", null);
        assertEquals(200, response.status());
        assertTrue(response.header("Content-Type").startsWith("application/yaml"));
        assertEquals(Files.readString(Path.of(System.getProperty("overgang.spec", "../api-spec/openapi.yaml"))), response.body());
    }

    @Test
    void ok200DocsPageLoadsOnlyScriptsAndStylesServedByOvergangItself() {
        var page = api().get("/docs", null);
        assertEquals(200, page.status());
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), csp);
        List<String> assets = new ArrayList<>();
        Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body()).results().forEach(m -> assets.add(m.group(1)));
        assertFalse(assets.isEmpty());
        for (String asset : assets) {
            assertTrue(asset.startsWith("/docs/"), "served by Overgang, not a CDN: " + asset);
            assertEquals(200, api().get(asset, null).status(), asset);
        }
        assertFalse(page.body().contains("<script>"), "no inline scripts under the CSP");
    }

    @Test
    void ok200CapabilityStatementListsResourcesScopesAndAlgorithms() {
        var body = api().get("/api/v1/metadata", null).json();
        assertEquals("Inmate", body.at("/resources/0/type").asText());
        assertEquals("/api/v1/inmates", body.at("/resources/0/path").asText());
        assertTrue(body.at("/resources/0/versioned").asBoolean());
        assertEquals("[\"RS256\",\"ES256\"]", body.at("/security/algorithms").toString());
        assertEquals("overgang-api", body.at("/security/audience").asText());
        assertEquals(15, body.at("/security/scopeResources").size());
        assertTrue(body.at("/security/scopeResources").toString().contains("RetentionRun"), "issue 17: retention runs and legal holds");
        assertTrue(body.at("/security/scopeResources").toString().contains("Client"), "issue 15: the client registry's scope");
        assertTrue(body.at("/security/scopeResources").toString().contains("Municipality"), "issue 14: the directory's scope");
        assertTrue(body.at("/security/scopeResources").toString().contains("Programme"), "issue 13: the Programme scope");
        assertTrue(body.at("/resources/0/description").asText().contains("supervision"), "probation supervision described");
        boolean meetings = false;
        for (var resource : body.get("resources")) {
            if (resource.get("type").asText().equals("ReleaseMeeting")) {
                meetings = true;
                assertEquals("/api/v1/release-meetings", resource.get("path").asText());
                assertTrue(resource.get("description").asText().contains("R10"));
            }
        }
        assertTrue(meetings, "the release meeting is in the capability statement");
    }

    @Test
    void ok200HealthWithoutDetails() {
        var response = api().get("/health", null);
        assertEquals(200, response.status());
        assertEquals("UP", response.json().get("status").asText());
        assertEquals(1, response.json().size(), "no details for anonymous callers");
    }
}
