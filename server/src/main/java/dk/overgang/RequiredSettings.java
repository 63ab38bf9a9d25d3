package dk.overgang;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Issue 16: outside the {@code dev} and {@code test} environments the server needs settings that
 * have no safe default (the committed defaults are a developer's: the local database as superuser,
 * the dev identity provider, DEV-ONLY keys). This check runs before anything else, before a single
 * migration, and names every missing or unsafe setting in one message, so an operator fixes them in
 * one go instead of one start-up failure at a time. Each may be given as the environment variable or
 * as the configuration property it sets, as a system property ({@code DATASOURCES_DEFAULT_URL} or
 * {@code -Ddatasources.default.url}).
 */
final class RequiredSettings {

    private static final List<String> REQUIRED = List.of("DATASOURCES_DEFAULT_URL", "DATASOURCES_DEFAULT_USERNAME",
            "DATASOURCES_DEFAULT_PASSWORD", "OVERGANG_JWT_JWKS", "OVERGANG_JWT_ISSUER", "OVERGANG_JWT_AUDIENCE",
            "OVERGANG_HANDOVER_SIGNING_KEYS", "OVERGANG_AUDIT_CPR_HMAC_KEY");

    private RequiredSettings() {
    }

    /** The environments named for this start ({@code MICRONAUT_ENVIRONMENTS} or {@code -Dmicronaut.environments}). */
    static Set<String> environments(Map<String, String> env, Map<String, String> properties) {
        String named = properties.getOrDefault("micronaut.environments", env.getOrDefault("MICRONAUT_ENVIRONMENTS", ""));
        return Arrays.stream(named.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Every problem with the settings, empty when the server may start (always in dev and test). */
    static List<String> problems(Map<String, String> env, Map<String, String> properties) {
        Set<String> environments = environments(env, properties);
        if (environments.contains("dev") || environments.contains("test")) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (String name : REQUIRED) {
            if (value(name, env, properties).isBlank()) {
                problems.add(name + " is not set");
            }
        }
        if (value("DATASOURCES_DEFAULT_USERNAME", env, properties).equals("postgres")) {
            problems.add("DATASOURCES_DEFAULT_USERNAME is postgres: run as an ordinary application role (README, Database roles)");
        }
        if (value("OVERGANG_JWT_ISSUER", env, properties).equals("overgang-dev-idp")) {
            problems.add("OVERGANG_JWT_ISSUER is the development issuer");
        }
        String cprKey = value("OVERGANG_AUDIT_CPR_HMAC_KEY", env, properties);
        if (!cprKey.isBlank() && cprKey.length() < 32) {
            problems.add("OVERGANG_AUDIT_CPR_HMAC_KEY is shorter than 32 characters");
        }
        if (!value("OVERGANG_TOKEN_SIGNING_KEYS", env, properties).isBlank()
                && value("OVERGANG_TOKEN_ENDPOINT_URL", env, properties).isBlank()) {
            problems.add("OVERGANG_TOKEN_ENDPOINT_URL is not set (required with OVERGANG_TOKEN_SIGNING_KEYS)");
        }
        return problems;
    }

    /** Each variable's configuration property, as a system property may give it instead. */
    private static final Map<String, String> PROPERTY = Map.ofEntries(
            Map.entry("DATASOURCES_DEFAULT_URL", "datasources.default.url"),
            Map.entry("DATASOURCES_DEFAULT_USERNAME", "datasources.default.username"),
            Map.entry("DATASOURCES_DEFAULT_PASSWORD", "datasources.default.password"),
            Map.entry("OVERGANG_JWT_JWKS", "overgang.jwt.jwks"),
            Map.entry("OVERGANG_JWT_ISSUER", "overgang.jwt.issuer"),
            Map.entry("OVERGANG_JWT_AUDIENCE", "micronaut.security.token.jwt.claims-validators.audience"),
            Map.entry("OVERGANG_HANDOVER_SIGNING_KEYS", "overgang.handover.signing-keys"),
            Map.entry("OVERGANG_AUDIT_CPR_HMAC_KEY", "overgang.audit.cpr-hmac-key"),
            Map.entry("OVERGANG_TOKEN_SIGNING_KEYS", "overgang.token.signing-keys"),
            Map.entry("OVERGANG_TOKEN_ENDPOINT_URL", "overgang.token.endpoint-url"));

    private static String value(String variable, Map<String, String> env, Map<String, String> properties) {
        String v = properties.getOrDefault(PROPERTY.get(variable), env.getOrDefault(variable, ""));
        return v == null ? "" : v.trim();
    }

    /** Stops the start with one message naming everything to fix. */
    static void check(Map<String, String> env, Map<String, String> properties) {
        List<String> problems = problems(env, properties);
        if (!problems.isEmpty()) {
            System.err.println("Overgang will not start: " + problems.size() + " setting(s) to fix (none of them falls back to a"
                    + " development default outside the dev environment; see the README, Configuration):\n  - "
                    + String.join("\n  - ", problems));
            System.exit(78); // EX_CONFIG
        }
    }
}
