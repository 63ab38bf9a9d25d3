package dk.overgang.web;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: what an operator's platform asks of the server: liveness, readiness that depends on the
 * database, and Prometheus metrics whose labels are route templates and statuses, never an id, a
 * CPR number or a name.
 */
@MicronautTest(transactional = false)
class OperabilityTest extends ApiTest {

    private static final Pattern CPR = Pattern.compile("\\b[0-3][0-9][01][0-9]{3}-?[0-9]{4}\\b");
    private static final Pattern UUID_IN_LABEL = Pattern.compile("\\{[^}]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void everyRequestHasAnIdInItsAnswerAndInItsLogLines() throws Exception {
        var mine = api().send("GET", "/api/v1/inmates?_count=1", Tokens.prison("ops-test"), null, null, "X-Request-Id", "sag-4711.a_b");
        assertEquals("sag-4711.a_b", mine.header("X-Request-Id"), "a plain caller id is kept");
        var smuggled = api().send("GET", "/api/v1/inmates?_count=1", Tokens.prison("ops-test"), null, null, "X-Request-Id",
                "x\" injected=\"1");
        assertTrue(smuggled.header("X-Request-Id").matches("[0-9a-f-]{36}"), "anything else is replaced");
        java.util.UUID made = java.util.UUID.fromString(smuggled.header("X-Request-Id"));
        assertEquals(4, made.version(), "a random UUID");
        assertEquals(2, made.variant(), "of the IETF variant");
        assertTrue(!made.toString().equals(api().get("/api/v1/inmates?_count=1", null).header("X-Request-Id")), "one per request");
        // Issue 27: an id shaped like a CPR number never reaches a log line (seen before on the token issuance line).
        for (String cprShaped : new String[] {"260294-9077", "2602949077", "sag-260294-9077"}) {
            String answered = api().send("GET", "/api/v1/inmates?_count=1", Tokens.prison("ops-test"), null, null,
                    "X-Request-Id", cprShaped).header("X-Request-Id");
            assertTrue(answered.matches("[0-9a-f-]{36}") && !answered.contains("260294"), "replaced, not kept");
        }
        String uuid = java.util.UUID.randomUUID().toString();
        assertEquals(uuid, api().send("GET", "/api/v1/inmates?_count=1", Tokens.prison("ops-test"), null, null,
                "X-Request-Id", uuid).header("X-Request-Id"), "a caller's UUID is kept");
        assertTrue(api().get("/api/v1/inmates?_count=1", null).header("X-Request-Id") != null, "also on a 401");

        // A line logged on the blocking thread that serves the request carries the id (context propagation).
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dk.overgang.auth.TokenService");
        appender.start();
        logger.addAppender(appender);
        try {
            var key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("ops-1").generate();
            var client = api().post("/api/v1/clients", Tokens.token("operator", "drift", "user/Client.c"), java.util.Map.of(
                    "name", "Ops", "organisation", java.util.Map.of("orgType", "prison", "orgId", "ops-test"),
                    "scopes", java.util.List.of("system/Inmate.rs"),
                    "jwks", java.util.Map.of("keys", java.util.List.of(key.toPublicJWK().toJSONObject()))));
            String clientId = client.json().get("id").asText();
            dk.overgang.support.Clients.approve(api(), clientId, "prison", "ops-test");
            String endpoint = api().get("/.well-known/smart-configuration", null).json().get("token_endpoint").asText();
            var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
                    .keyID("ops-1").build(), new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
                    .audience(endpoint).expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000))
                    .jwtID(java.util.UUID.randomUUID().toString()).build());
            jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(key));
            var token = api().send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&scope=system%2FInmate.rs&client_assertion_type="
                            + "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=" + jwt.serialize(),
                    "X-Request-Id", "ops-trace-1");
            assertEquals(200, token.status(), token.body());
            assertTrue(appender.list.stream().anyMatch(e -> "ops-trace-1".equals(e.getMDCPropertyMap().get("request_id"))),
                    "the log line has the request id: " + appender.list.stream().map(e -> e.getMDCPropertyMap().toString()).toList());
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void livenessReadinessAndMetricsWithoutPersonalData() {
        assertEquals(200, api().get("/health/liveness", null).status());
        var readiness = api().get("/health/readiness", null);
        assertEquals(200, readiness.status(), readiness.body());
        assertTrue(readiness.body().contains("UP"));

        var inmate = anInmate().inInstitution("ops-test").with("name", "Synlig Metrik");
        String id = create(inmate).get("id").asText();
        assertEquals(200, api().get("/api/v1/inmates/" + id, Tokens.prison("ops-test")).status());
        assertEquals(404, api().get("/api/v1/inmates/" + java.util.UUID.randomUUID(), Tokens.prison("ops-test")).status());

        // Issue 27 §6: metrics and health details on the management port only.
        assertEquals(404, api().get("/prometheus", null).status(), "no metrics on the API port");
        var management = new dk.overgang.support.Api(java.net.URI.create("http://127.0.0.1:"
                + dk.overgang.support.TestDatabase.managementPort(server.getApplicationContext())));
        assertEquals("{\"status\":\"UP\"}", readiness.body(), "the API port tells the status only");
        var detailed = management.get("/health", null);
        assertEquals(200, detailed.status(), detailed.body());
        assertTrue(detailed.json().has("details"), "details on the management port: " + detailed.body());
        assertEquals(404, management.get("/api/v1/metadata", null).status(), "no API on the management port");
        var metrics = management.get("/prometheus", null);
        assertEquals(200, metrics.status());
        String text = metrics.body();
        assertTrue(text.contains("uri=\"/api/v1/inmates/{id}\""), "requests by route template");
        assertTrue(text.contains("http_server_requests_seconds_bucket"), "latency histograms");
        assertTrue(text.contains("status=\"404\""), "and by status");
        assertTrue(text.contains("hikaricp_connections"), "the connection pool");
        assertTrue(text.contains("overgang_outbox_lag_seconds"), "the outbox");
        assertTrue(text.contains("jvm_memory_used_bytes"));
        assertFalse(text.contains(id), "no id in a label");
        assertFalse(UUID_IN_LABEL.matcher(text).find(), "no UUID in any label");
        var labels = Pattern.compile("\\{[^}]*}").matcher(text);
        while (labels.find()) {
            assertFalse(CPR.matcher(labels.group()).find(), "no CPR number in a label: " + labels.group());
        }
        assertFalse(text.contains("Metrik"), "no name");
    }
}
