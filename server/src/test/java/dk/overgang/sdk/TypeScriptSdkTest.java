package dk.overgang.sdk;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the TypeScript SDK (built by the client-sdk-ts module with tsc before the server's tests
 * run) and its example, run with Node.js against the real server: an NGO system lists its referrals
 * and records a visit.
 */
@MicronautTest(transactional = false)
class TypeScriptSdkTest extends ApiTest {

    private static final String PROGRAMME = "roede-kors-besoegstjeneste";
    private static final Path EXAMPLE = Path.of(System.getProperty("overgang.ts-sdk", "../client-sdk-ts"))
            .resolve("dist/examples/ngo-visits.js");

    @Test
    void theNgoExampleListsTheProgrammesReferralsAndRecordsAVisit() throws Exception {
        Assumptions.assumeTrue(Files.exists(EXAMPLE), "the TypeScript SDK is not built (mvn -pl client-sdk-ts compile)");
        String prison = "ts-prison";
        String staff = Tokens.token("prison", prison, "user/Consent.c user/Referral.cs");
        String person = create(anInmate().inInstitution(prison).with("name", "Bent Olsen")).get("id").asText();
        assertEquals(201, api().post("/api/v1/consents", staff, Map.of("inmateId", person, "programmeId", PROGRAMME,
                "purpose", "referral", "dataItems", List.of("first-name", "institution"),
                "validFrom", LocalDate.now().toString())).status());
        var referral = api().post("/api/v1/referrals", staff, Map.of("inmateId", person, "programmeId", PROGRAMME));
        assertEquals(201, referral.status(), referral.body());
        String id = referral.json().get("id").asText();
        String ngo = Tokens.token("ngo", PROGRAMME, "user/Referral.rus");
        String path = "/api/v1/programmes/" + PROGRAMME + "/referrals/" + id;
        assertEquals(200, api().put(path + "/status", ngo, Map.of("status", "accepted", "volunteer", "Lis"),
                "If-Match", "W/\"1\"").status());

        ProcessBuilder run = new ProcessBuilder("node", EXAMPLE.toString(), id).redirectErrorStream(true);
        run.environment().put("OVERGANG_URL", server.getURI().toString());
        run.environment().put("OVERGANG_TOKEN", ngo);
        run.environment().put("OVERGANG_PROGRAMME", PROGRAMME);
        Process p = run.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains(id + "  accepted"), "the referral is listed: " + output);
        assertTrue(output.contains("Bent"), "with the consented first name: " + output);
        assertFalse(output.contains("Olsen"), "and nothing more: " + output);
        JsonNode visit = Api.JSON.readTree(output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertEquals(1, visit.get("visitsHeld").asInt());
        assertEquals("active", visit.get("status").asText());

        JsonNode stored = api().get(path, ngo).json();
        assertEquals(1, stored.get("visitsHeld").asInt(), "the visit is recorded");
        // The example counts 14 days from now in UTC (JavaScript's toISOString), whatever the tests' time zone.
        assertEquals(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(14).toString(), stored.get("nextVisit").asText());
        assertEquals("Lis", stored.get("volunteer").asText(), "the volunteer stays");
    }
}
