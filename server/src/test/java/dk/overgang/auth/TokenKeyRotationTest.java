package dk.overgang.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dk.overgang.devtoken.DevTokenMinter;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: key rotation on both sides. Overgang's token keys: after a rotation the new key signs and
 * a token the old key signed still works while the old key is listed; a key outside the set, or the
 * identity provider's key in Overgang's name (and the other way round), does not. A client's keys
 * published at a URL: fetched, cached, and a new key picked up when an assertion names it.
 */
@MicronautTest(transactional = false)
class TokenKeyRotationTest extends ApiTest {

    private static final String ISSUER = "urn:dk:overgang:token-service";
    private static final String OPERATOR = Tokens.token("operator", "overgang-drift", "user/Client.cruds");
    // Static: the properties may be asked of another instance than the one that runs the tests.
    private static ECKey current;
    private static ECKey previous;
    private static HttpServer keyServer;
    private static Path keyFile;
    private static final AtomicReference<String> published = new AtomicReference<>();
    private static final AtomicInteger fetches = new AtomicInteger();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        if (keyFile != null) { // asked more than once: the same keys each time
            p.put("overgang.token.signing-keys", keyFile.toString());
            return p;
        }
        try {
            current = new ECKeyGenerator(Curve.P_256).keyID("rotated-new").generate();
            previous = new ECKeyGenerator(Curve.P_256).keyID("rotated-old").generate();
            keyFile = Files.createTempFile("token-keys", ".jwks.json");
            Files.writeString(keyFile, new JWKSet(List.of(current, previous)).toString(false));
            p.put("overgang.token.signing-keys", keyFile.toString());
            keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            keyServer.createContext("/jwks.json", exchange -> {
                fetches.incrementAndGet();
                byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            keyServer.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    @AfterAll
    void stopKeyServer() {
        keyServer.stop(0);
    }

    private static String sign(ECKey key, String issuer, String clientId) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt"))
                .build(), new JWTClaimsSet.Builder().issuer(issuer).subject(clientId).audience("overgang-api")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(120))).jwtID(UUID.randomUUID().toString())
                .claim("client_id", clientId).claim("org_type", "municipality").claim("org_id", "101")
                .claim("scope", "system/Inmate.rs").build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void afterARotationTheOldKeyStillVerifiesAndOnlyOvergangsKeysSpeakInItsName() throws Exception {
        String jwks = api().get("/.well-known/jwks.json", null).body();
        assertTrue(jwks.contains("rotated-new") && jwks.contains("rotated-old"), "both keys published");
        assertTrue(!jwks.contains("\"d\""), "public halves only");
        ECKey clientKey = new ECKeyGenerator(Curve.P_256).keyID("c-1").generate();
        var created = api().post("/api/v1/clients", OPERATOR, Map.of("name", "Kommunen", "organisation",
                Map.of("orgType", "municipality", "orgId", "101"), "scopes", List.of("system/Inmate.rs"),
                "jwks", Map.of("keys", List.of(clientKey.toPublicJWK().toJSONObject()))));
        assertEquals(201, created.status(), created.body());
        String client = created.json().get("id").asText();
        dk.overgang.support.Clients.approve(api(), client, "municipality", "101");

        // A token the old key signed (issued just before the rotation) still works while the key is listed.
        var byOldKey = api().get("/api/v1/inmates?_count=1", sign(previous, ISSUER, client));
        assertEquals(200, byOldKey.status(), byOldKey.body() + " " + byOldKey.header("WWW-Authenticate"));
        assertEquals(200, api().get("/api/v1/inmates?_count=1", sign(current, ISSUER, client)).status());
        // A key outside the set, with a kid from it: refused.
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("rotated-new").generate();
        assertEquals(401, api().get("/api/v1/inmates?_count=1", sign(stranger, ISSUER, client)).status());
        // Overgang's key in the identity provider's name, and the identity provider's key in Overgang's.
        assertEquals(401, api().get("/api/v1/inmates?_count=1", sign(current, "overgang-dev-idp", client)).status());
        String idpInOurName = Tokens.minter().mint(DevTokenMinter.Spec.of("municipality", "101", "system/Inmate.rs")
                .withIssuer(ISSUER));
        assertEquals(401, api().get("/api/v1/inmates?_count=1", idpInOurName).status());
    }

    @Test
    void theNewKeySignsAndAClientsPublishedKeysAreFetchedAndRefreshed() throws Exception {
        ECKey clientOld = new ECKeyGenerator(Curve.P_256).keyID("client-old").generate();
        ECKey clientNew = new ECKeyGenerator(Curve.P_256).keyID("client-new").generate();
        published.set(new JWKSet(clientOld.toPublicJWK()).toString());
        var created = api().post("/api/v1/clients", OPERATOR, Map.of("name", "Kommunen", "organisation",
                Map.of("orgType", "municipality", "orgId", "101"), "scopes", List.of("system/Inmate.rs"),
                "jwksUrl", "http://127.0.0.1:" + keyServer.getAddress().getPort() + "/jwks.json"));
        assertEquals(201, created.status(), created.body());
        String client = created.json().get("id").asText();
        dk.overgang.support.Clients.approve(api(), client, "municipality", "101");
        String endpoint = api().get("/.well-known/smart-configuration", null).json().get("token_endpoint").asText();

        var first = token(assertion(client, clientOld, endpoint));
        assertEquals(200, first.status(), first.body());
        assertEquals("rotated-new", SignedJWT.parse(first.json().get("access_token").asText()).getHeader().getKeyID(),
                "the first key of the set signs");
        assertEquals(200, api().get("/api/v1/inmates?_count=1", first.json().get("access_token").asText()).status());
        assertEquals(200, token(assertion(client, clientOld, endpoint)).status());
        assertEquals(1, fetches.get(), "the client's keys are cached");

        // The client rotates: publishes the new key; an assertion naming it makes Overgang fetch again.
        published.set(new JWKSet(List.of(clientNew.toPublicJWK(), clientOld.toPublicJWK())).toString());
        var rotated = token(assertion(client, clientNew, endpoint));
        assertEquals(200, rotated.status(), rotated.body());
        assertTrue(fetches.get() >= 2);
    }

    private static String assertion(String client, ECKey key, String endpoint) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(client).subject(client).audience(endpoint)
                        .expirationTime(Date.from(Instant.now().plusSeconds(120))).jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private Api.Response token(String assertion) {
        String body = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("system/Inmate.rs", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion;
        return api().send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded", body);
    }

}
