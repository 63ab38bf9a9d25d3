package dk.overgang.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dk.overgang.support.Api;
import dk.overgang.support.ServerProcess;
import dk.overgang.support.Tokens;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 34: the server as standard third-party libraries see it, run with Node.js
 * ({@code deploy/standard-clients/check.mjs}): oauth4webapi discovers the token endpoint (RFC 8414) and
 * gets a token with its defaults, a refusal reads as an OAuth error, a contract-validating proxy
 * (Prism) finds every answer of a session as the OpenAPI document describes it, and a delivered
 * webhook verifies with standardwebhooks and reads with cloudevents. The server runs with a public
 * URL of its own (its token endpoint's origin), as in production.
 */
class StandardClientsTest {

    private static final Path CHECK = Path.of(System.getProperty("overgang.standard-clients", "../deploy/standard-clients"));

    @Test
    void standardLibrariesWorkWithTheServerOutOfTheBox() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(CHECK.resolve("node_modules")),
                "the libraries are not installed: (cd deploy/standard-clients && npm ci); deploy/test does it");
        int port;
        int proxyPort;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            port = a.getLocalPort();
            proxyPort = b.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        try (ServerProcess server = ServerProcess.start(Map.of("micronaut.server.port", Integer.toString(port),
                "overgang.token.endpoint-url", base + "/oauth2/token"))) {
            Api api = new Api(server.uri());
            String institution = "std-" + UUID.randomUUID().toString().substring(0, 8);
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("std-1").generate();
            ECKey unregistered = new ECKeyGenerator(Curve.P_256).keyID("std-1").generate();
            var registered = api.post("/api/v1/clients", Tokens.token("operator", "overgang-drift", "user/Client.c"), Map.of(
                    "name", "Standardklient", "organisation", Map.of("orgType", "prison", "orgId", institution),
                    "scopes", List.of("system/Inmate.cruds", "system/Subscription.cruds"),
                    "jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))));
            assertEquals(201, registered.status(), registered.body());
            String clientId = registered.json().get("id").asText();
            var approved = api.post("/api/v1/clients/" + clientId + "/approval",
                    Tokens.token("prison", institution, "user/Client.u", "client-admin"), Map.of("roles", List.of()),
                    "If-Match", registered.header("ETag"));
            assertEquals(200, approved.status(), approved.body());

            ProcessBuilder run = new ProcessBuilder("node", CHECK.resolve("check.mjs").toString()).redirectErrorStream(true);
            run.environment().put("OVERGANG_BASE", base);
            run.environment().put("OVERGANG_CLIENT_ID", clientId);
            run.environment().put("OVERGANG_CLIENT_JWK", key.toJSONString());
            run.environment().put("OVERGANG_WRONG_JWK", unregistered.toJSONString());
            run.environment().put("OVERGANG_INSTITUTION", institution);
            run.environment().put("OVERGANG_PROXY_PORT", Integer.toString(proxyPort));
            Process p = run.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), output);
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("ok - client_credentials with private_key_jwt, aud = issuer"), output);
            assertTrue(output.contains("ok - standardwebhooks verifies the signature"), output);
        }
    }
}
