package dk.overgang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 16: outside dev/test the server names every missing or unsafe setting at once, before it starts. */
class RequiredSettingsTest {

    private static final Map<String, String> PRODUCTION = Map.of(
            "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://db.internal:5432/overgang",
            "DATASOURCES_DEFAULT_USERNAME", "overgang_app",
            "DATASOURCES_DEFAULT_PASSWORD", "s3cret",
            "OVERGANG_JWT_JWKS", "https://idp.example/jwks",
            "OVERGANG_JWT_ISSUER", "https://idp.example",
            "OVERGANG_JWT_AUDIENCE", "overgang-api",
            "OVERGANG_HANDOVER_SIGNING_KEYS", "/run/secrets/handover.jwks.json",
            "OVERGANG_AUDIT_CPR_HMAC_KEY", "k".repeat(40));

    @Test
    void nothingIsMissingWithAFullProductionSetup() {
        assertEquals(List.of(), RequiredSettings.problems(PRODUCTION, Map.of()));
    }

    @Test
    void everyMissingSettingIsNamedInOneGo() {
        List<String> problems = RequiredSettings.problems(Map.of(), Map.of());
        assertEquals(8, problems.size(), problems.toString());
        assertTrue(problems.contains("OVERGANG_JWT_JWKS is not set"));
        assertTrue(problems.contains("DATASOURCES_DEFAULT_URL is not set"));
    }

    @Test
    void developmentDefaultsAreRefusedAndSystemPropertiesCount() {
        var withDevDefaults = new java.util.HashMap<>(PRODUCTION);
        withDevDefaults.put("DATASOURCES_DEFAULT_USERNAME", "postgres");
        withDevDefaults.put("OVERGANG_JWT_ISSUER", "overgang-dev-idp");
        withDevDefaults.put("OVERGANG_AUDIT_CPR_HMAC_KEY", "short");
        withDevDefaults.put("OVERGANG_TOKEN_SIGNING_KEYS", "/run/secrets/token.jwks.json");
        List<String> problems = RequiredSettings.problems(withDevDefaults, Map.of());
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("OVERGANG_TOKEN_ENDPOINT_URL")));
        // The same settings as system properties.
        var properties = Map.of("datasources.default.username", "overgang_app", "overgang.jwt.issuer", "https://idp.example",
                "overgang.audit.cpr-hmac-key", "k".repeat(40), "overgang.token.endpoint-url", "https://overgang.example/oauth2/token");
        assertEquals(List.of(), RequiredSettings.problems(withDevDefaults, properties));
    }

    @Test
    void devAndTestStartWithTheirDefaults() {
        assertEquals(List.of(), RequiredSettings.problems(Map.of("MICRONAUT_ENVIRONMENTS", "dev"), Map.of()));
        assertEquals(List.of(), RequiredSettings.problems(Map.of(), Map.of("micronaut.environments", "test")));
        assertEquals(8, RequiredSettings.problems(Map.of("MICRONAUT_ENVIRONMENTS", "k8s,cloud"), Map.of()).size());
    }
}
