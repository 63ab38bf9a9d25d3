package dk.overgang.auth;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the client registry and the SMART Backend Services token endpoint, attacked as an
 * integrator's mistakes and an attacker's tries would: wrong audience, a reused jti, an expired
 * assertion, the wrong key, {@code alg: none}, scopes or an organisation the client was not
 * registered for; then suspension and the write freeze, which bite on the next request even for
 * tokens already issued.
 */
@MicronautTest(transactional = false)
class TokenEndpointTest extends ApiTest {

    private static final String OPERATOR = Tokens.token("operator", "overgang-drift", "user/Client.cruds");
    private final String prison = "tok-" + UUID.randomUUID().toString().substring(0, 8);
    private ECKey key;
    private String tokenEndpoint;

    @BeforeAll
    void keysAndDiscovery() throws Exception {
        key = new ECKeyGenerator(Curve.P_384).keyID("client-key-1").generate();
        var discovery = api().get("/.well-known/smart-configuration", null);
        assertEquals(200, discovery.status(), discovery.body());
        tokenEndpoint = discovery.json().get("token_endpoint").asText();
        assertTrue(discovery.json().get("token_endpoint_auth_methods_supported").toString().contains("private_key_jwt"));
        assertTrue(discovery.json().get("capabilities").toString().contains("client-confidential-asymmetric"));
    }

    private String register(String orgType, String orgId, List<String> scopes, JWK publicKey) {
        var created = api().post("/api/v1/clients", OPERATOR, Map.of("name", "Sagssystem " + orgId,
                "organisation", Map.of("orgType", orgType, "orgId", orgId), "scopes", scopes,
                "jwks", Map.of("keys", List.of(publicKey.toPublicJWK().toJSONObject()))));
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        dk.overgang.support.Clients.approve(api(), id, orgType, orgId);
        return id;
    }

    private String assertion(String clientId, JWK signingKey, JWSAlgorithm alg, Consumer<JWTClaimsSet.Builder> change) throws Exception {
        var claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpoint)
                .expirationTime(Date.from(Instant.now().plusSeconds(240))).issueTime(new Date()).jwtID(UUID.randomUUID().toString());
        change.accept(claims);
        var jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(signingKey instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) signingKey));
        return jwt.serialize();
    }

    private Api.Response token(String assertion, String scope) {
        return token(assertion, scope, null);
    }

    private Api.Response token(String assertion, String scope, String clientId) {
        Map<String, String> form = new LinkedHashMap<>();
        if (clientId != null) {
            form.put("client_id", clientId);
        }
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        if (scope != null) {
            form.put("scope", scope);
        }
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return api().send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded", body);
    }

    /**
     * RFC 6749 §5.2 (issue 27 §4, issue 34 §1): JSON with {@code error} and {@code error_description},
     * not problem+json, no Bearer challenge (OAuth libraries read a challenge first and lose the error).
     */
    private static void assertOAuthError(Api.Response r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        assertEquals(error, r.json().get("error").asText(), r.body());
        assertTrue(r.json().has("error_description"));
        assertFalse(r.json().has("type"), "no problem fields: " + r.body());
        assertEquals(null, r.header("WWW-Authenticate"), "no challenge");
        assertEquals("no-store", r.header("Cache-Control"));
    }

    /** Issue 27 §4: what the framework refused before the endpoint ran answered problem+json; now OAuth's form. */
    @Test
    void malformedTokenRequestsAnswerInOAuthsFormToo() throws Exception {
        String form = "application/x-www-form-urlencoded";
        String type = "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
        for (String bad : List.of("", "grant_type=client_credentials", "grant_type=client_credentials&" + type,
                "grant_type=client_credentials&" + type + "&client_assertion=" + "A".repeat(20_000),
                "grant_type=client_credentials&" + type + "&client_assertion=x&scope=" + "system/Inmate.rs+".repeat(200),
                "grant_type=%ZZ")) {
            assertOAuthError(api().send("POST", "/oauth2/token", null, form, bad), 400, "invalid_request");
        }
        assertOAuthError(api().send("POST", "/oauth2/token", null, "application/json", "{\"grant_type\":\"client_credentials\"}"),
                400, "invalid_request");
        assertOAuthError(api().send("POST", "/oauth2/token", null, form, "grant_type=client_credentials&client_assertion="
                + "A".repeat(200_000)), 400, "invalid_request");
        // Elsewhere problem+json stays.
        var elsewhere = api().get("/api/v1/inmates", null);
        assertEquals(401, elsewhere.status());
        assertTrue(elsewhere.header("Content-Type").startsWith("application/problem+json"));
        assertTrue(elsewhere.header("WWW-Authenticate").startsWith("Bearer"));
    }

    @Test
    void aRegisteredClientGetsANarrowedShortLivedTokenThatWorks() throws Exception {
        String client = register("prison", prison, List.of("system/Inmate.cruds", "system/Handover.rs"), key);
        var issued = token(assertion(client, key, JWSAlgorithm.ES384, c -> { }),
                "system/Inmate.src system/Handover.rsu system/AuditEvent.s");
        assertEquals(200, issued.status(), issued.body());
        assertEquals("no-store", issued.header("Cache-Control"));
        assertEquals("bearer", issued.json().get("token_type").asText());
        assertEquals(300, issued.json().get("expires_in").asInt());
        // Letters in any order; narrowed to what the client is registered for; written cruds-ordered.
        assertEquals("system/Inmate.crs system/Handover.rs", issued.json().get("scope").asText());
        String access = issued.json().get("access_token").asText();
        JWTClaimsSet claims = SignedJWT.parse(access).getJWTClaimsSet();
        assertEquals(prison, claims.getStringClaim("org_id"));
        assertEquals("prison", claims.getStringClaim("org_type"));
        assertEquals(client, claims.getStringClaim("client_id"));
        assertEquals("at+jwt", SignedJWT.parse(access).getHeader().getType().getType());
        // Signed by a key published at /.well-known/jwks.json.
        String kid = SignedJWT.parse(access).getHeader().getKeyID();
        assertTrue(api().get("/.well-known/jwks.json", null).body().contains(kid));

        var created = api().post("/api/v1/inmates", access, anInmate().inInstitution(prison).build());
        assertEquals(201, created.status(), created.body());
        assertEquals(403, api().get("/api/v1/audit-events?subject=" + UUID.randomUUID(), access).status(),
                "a scope the client is not registered for was not granted");
    }

    /**
     * Issue 34 §2, §3, §6: RFC 8414 metadata with the SMART document's facts; an assertion may name the
     * issuer as its audience (what OAuth libraries do by default); a client_id field must name the
     * assertion's client.
     */
    @Test
    void oauthLibrariesFindTheMetadataAndTheirDefaultsWork() throws Exception {
        var metadata = api().get("/.well-known/oauth-authorization-server", null);
        assertEquals(200, metadata.status(), metadata.body());
        var smart = api().get("/.well-known/smart-configuration", null).json();
        for (String field : List.of("issuer", "token_endpoint", "jwks_uri", "grant_types_supported",
                "token_endpoint_auth_methods_supported", "token_endpoint_auth_signing_alg_values_supported", "scopes_supported")) {
            assertEquals(smart.get(field), metadata.json().get(field), field);
        }
        assertEquals(0, metadata.json().get("response_types_supported").size(), "no authorization endpoint");
        String issuer = metadata.json().get("issuer").asText();

        String client = register("municipality", "147", List.of("system/Inmate.rs"), key);
        var byIssuer = token(assertion(client, key, JWSAlgorithm.ES384, c -> c.audience(issuer)), "system/Inmate.rs");
        assertEquals(200, byIssuer.status(), byIssuer.body());
        assertEquals("no-store", byIssuer.raw().headers().allValues("Cache-Control").stream().reduce((x, y) -> x + "|" + y).orElse(""),
                "one Cache-Control line");
        var named = token(assertion(client, key, JWSAlgorithm.ES384, c -> { }), "system/Inmate.rs", client);
        assertEquals(200, named.status(), named.body());
        assertOAuthError(token(assertion(client, key, JWSAlgorithm.ES384, c -> { }), "system/Inmate.rs", "another-client"),
                401, "invalid_client");
    }

    @Test
    void theIssuerIsTheServersPublicUrl() {
        assertEquals("https://api.overgang.example", dk.overgang.access.TokenSigningKeysAccess.issuer("",
                "https://api.overgang.example/oauth2/token"));
        assertEquals("https://api.overgang.example:8443", dk.overgang.access.TokenSigningKeysAccess.issuer("",
                "https://api.overgang.example:8443/oauth2/token"));
        assertEquals("https://idp.example/overgang", dk.overgang.access.TokenSigningKeysAccess.issuer("https://idp.example/overgang",
                "https://api.overgang.example/oauth2/token"), "as configured");
        assertEquals("urn:dk:overgang:token-service", dk.overgang.access.TokenSigningKeysAccess.issuer("", ""),
                "dev and test without a public URL");
    }

    @Test
    void assertionAttacksAreRefused() throws Exception {
        String client = register("municipality", "147", List.of("system/Inmate.rs"), key);
        ECKey stranger = new ECKeyGenerator(Curve.P_384).keyID("client-key-1").generate();
        assertOAuthError(token(assertion(client, key, JWSAlgorithm.ES384, c -> c.audience("https://elsewhere.example/token")),
                "system/Inmate.rs"), 401, "invalid_client");
        assertOAuthError(token(assertion(client, key, JWSAlgorithm.ES384,
                c -> c.expirationTime(Date.from(Instant.now().minusSeconds(600)))), "system/Inmate.rs"), 401, "invalid_client");
        assertOAuthError(token(assertion(client, key, JWSAlgorithm.ES384,
                c -> c.expirationTime(Date.from(Instant.now().plusSeconds(3600)))), "system/Inmate.rs"), 401, "invalid_client");
        assertOAuthError(token(assertion(client, stranger, JWSAlgorithm.ES384, c -> { }), "system/Inmate.rs"), 401,
                "invalid_client");
        assertOAuthError(token(assertion(client, key, JWSAlgorithm.ES384, c -> c.issuer("someone-else")), "system/Inmate.rs"),
                401, "invalid_client");
        assertOAuthError(token(assertion(client, key, JWSAlgorithm.ES384, c -> c.jwtID(null)), "system/Inmate.rs"), 401,
                "invalid_client");
        // alg none: an unsigned assertion.
        String body = Base64URL.encode(new JWTClaimsSet.Builder().issuer(client).subject(client).audience(tokenEndpoint)
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID("x").build().toString()).toString();
        assertOAuthError(token(Base64URL.encode("{\"alg\":\"none\"}") + "." + body + ".", "system/Inmate.rs"), 401, "invalid_client");
        // A key named inside the assertion is never used.
        var withOwnKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("client-key-1").jwk(stranger.toPublicJWK())
                .build(), new JWTClaimsSet.Builder().issuer(client).subject(client).audience(tokenEndpoint)
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString()).build());
        withOwnKey.sign(new ECDSASigner(stranger));
        assertOAuthError(token(withOwnKey.serialize(), "system/Inmate.rs"), 401, "invalid_client");

        // A jti is used once, on any server.
        String once = assertion(client, key, JWSAlgorithm.ES384, c -> { });
        assertEquals(200, token(once, "system/Inmate.rs").status());
        assertOAuthError(token(once, "system/Inmate.rs"), 401, "invalid_client");

        // Scopes and an organisation it was not registered for.
        assertOAuthError(token(assertion(client, key, JWSAlgorithm.ES384, c -> { }), "system/Handover.rs"), 400, "invalid_scope");
        assertOAuthError(token(assertion(client, key, JWSAlgorithm.ES384, c -> c.claim("org_id", "101")), "system/Inmate.rs"), 400,
                "invalid_request");
        // Not this grant.
        var password = api().send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                "grant_type=password&client_assertion_type=x&client_assertion=y");
        assertOAuthError(password, 400, "unsupported_grant_type");
        // Unknown client.
        assertOAuthError(token(assertion("no-such-client", key, JWSAlgorithm.ES384, c -> { }), "system/Inmate.rs"), 401,
                "invalid_client");
    }

    @Test
    void rsaKeysWorkAsWell() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        String client = register("probation", "kif-" + prison, List.of("system/Inmate.rs"), rsa);
        assertEquals(200, token(assertion(client, rsa, JWSAlgorithm.RS384, c -> { }), "system/Inmate.rs").status());
        assertEquals(200, token(assertion(client, rsa, JWSAlgorithm.RS256, c -> { }), "system/Inmate.rs").status());
    }

    @Test
    void suspensionAndTheWriteFreezeBiteOnTheNextRequest() throws Exception {
        String client = register("prison", prison, List.of("system/Inmate.cruds"), key);
        String access = token(assertion(client, key, JWSAlgorithm.ES384, c -> { }), "system/Inmate.cruds").json()
                .get("access_token").asText();
        assertEquals(201, api().post("/api/v1/inmates", access, anInmate().inInstitution(prison).build()).status());

        JsonNode current = api().get("/api/v1/clients/" + client, OPERATOR).json();
        var frozen = api().put("/api/v1/clients/" + client, OPERATOR, input(current, "active", true), "If-Match", "W/\"2\"");
        assertEquals(200, frozen.status(), frozen.body());
        var refused = api().post("/api/v1/inmates", access, anInmate().inInstitution(prison).build());
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.json().get("type").asText().endsWith("/client-read-only"));
        assertEquals(200, api().get("/api/v1/inmates?_count=5", access).status(), "it still reads");

        var suspended = api().put("/api/v1/clients/" + client, OPERATOR, input(current, "suspended", true), "If-Match", "W/\"3\"");
        assertEquals(200, suspended.status(), suspended.body());
        assertEquals(401, api().get("/api/v1/inmates?_count=5", access).status(), "a token issued before is refused at once");
        assertOAuthError(token(assertion(client, key, JWSAlgorithm.ES384, c -> { }), "system/Inmate.rs"), 401, "invalid_client");
        assertEquals(412, api().put("/api/v1/clients/" + client, OPERATOR, input(current, "active", false), "If-Match", "W/\"1\"")
                .status(), "a stale ETag");
    }

    private static Map<String, Object> input(JsonNode current, String status, boolean readOnly) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", current.get("name").asText());
        in.put("organisation", Api.JSON.convertValue(current.get("organisation"), Map.class));
        in.put("scopes", Api.JSON.convertValue(current.get("scopes"), List.class));
        in.put("jwks", Api.JSON.convertValue(current.get("jwks"), Map.class));
        in.put("status", status);
        in.put("readOnly", readOnly);
        return in;
    }

    @Test
    void onlyOperatorsKeepTheRegistryAndOnlyPublicKeysAreTaken() throws Exception {
        var asPrison = api().post("/api/v1/clients", Tokens.token("prison", prison, "user/Client.cruds"), Map.of("name", "x",
                "organisation", Map.of("orgType", "prison", "orgId", prison), "scopes", List.of("system/Inmate.rs"),
                "jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))));
        assertEquals(403, asPrison.status());
        var privateKey = api().post("/api/v1/clients", OPERATOR, Map.of("name", "x",
                "organisation", Map.of("orgType", "prison", "orgId", prison), "scopes", List.of("system/Inmate.rs"),
                "jwks", Map.of("keys", List.of(key.toJSONObject()))));
        assertEquals(400, privateKey.status(), "a JWKS with a private key: " + privateKey.body());
        var both = api().post("/api/v1/clients", OPERATOR, Map.of("name", "x",
                "organisation", Map.of("orgType", "prison", "orgId", prison), "scopes", List.of("system/Inmate.rs")));
        assertEquals(400, both.status(), both.body());
        var loopback = api().post("/api/v1/clients", OPERATOR, Map.of("name", "x",
                "organisation", Map.of("orgType", "prison", "orgId", prison), "scopes", List.of("system/Inmate.rs"),
                "jwksUrl", "ftp://keys.example/jwks.json"));
        assertEquals(400, loopback.status(), loopback.body());
        assertEquals(404, api().get("/api/v1/clients/nobody-here", OPERATOR).status());
        assertFalse(api().get("/api/v1/clients", OPERATOR).body().contains("\"d\""), "no private key ever shown");
    }
}
