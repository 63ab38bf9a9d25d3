package dk.overgang.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dk.overgang.devtoken.DevTokenMinter.Spec;
import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Forged and broken tokens never reach a controller: each answers 401 with WWW-Authenticate.
 * The server here trusts a JWKS file (given as a plain path, as OVERGANG_JWT_JWKS would) holding the
 * DEV-ONLY RSA key and a test EC key, to prove ES256 works too.
 */
@MicronautTest(transactional = false)
class TokenValidationTest extends ApiTest {

    private static final String TARGET = "/api/v1/inmates?_count=1";
    private ECKey ecKey;

    @Override
    public Map<String, String> getProperties() {
        try {
            ecKey = new ECKeyGenerator(Curve.P_256).keyID("test-ec").keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).generate();
            Path jwks = Files.createTempFile("overgang-test-jwks", ".json");
            Files.writeString(jwks, new JWKSet(List.of(Tokens.minter().key().toPublicJWK(), ecKey.toPublicJWK())).toString());
            jwks.toFile().deleteOnExit();
            Map<String, String> props = new HashMap<>(TestDatabase.properties());
            props.put("overgang.jwt.jwks", jwks.toString());
            return props;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JWTClaimsSet validClaims() {
        return Tokens.minter().claims(Spec.of("probation", "kif-sjaelland", "user/Inmate.rs"));
    }

    private JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder(validClaims())).build();
    }

    private void assertRejected(String token, String why) {
        var response = api().get(TARGET, token);
        assertEquals(401, response.status(), why + ": " + response.body());
        assertTrue(response.header("WWW-Authenticate").startsWith("Bearer"), why);
        assertEquals("https://overgang.example/problems/unauthorized", response.json().get("type").asText(), why);
    }

    @Test
    void ok200ForAValidRs256Token() {
        assertEquals(200, api().get(TARGET, Tokens.minter().sign(validClaims())).status());
    }

    @Test
    void ok200ForAValidEs256TokenFromTheConfiguredJwks() throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("test-ec").type(JOSEObjectType.JWT).build(), validClaims());
        jwt.sign(new ECDSASigner(ecKey));
        assertEquals(200, api().get(TARGET, jwt.serialize()).status());
    }

    @Test
    void ok200WithinTheClockSkewAfterExpiry() {
        var token = Tokens.minter().sign(claims(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(20)))));
        assertEquals(200, api().get(TARGET, token).status());
    }

    @Test
    void unauthorized401WithoutAToken() {
        assertRejected(null, "no token");
    }

    @Test
    void unauthorized401ForGarbage() {
        assertRejected("not.a.jwt", "garbage");
    }

    @Test
    void unauthorized401ForAnUnsignedAlgNoneToken() {
        assertRejected(new PlainJWT(validClaims()).serialize(), "alg none");
    }

    @Test
    void unauthorized401ForHs256SignedWithThePublicKey() throws Exception {
        byte[] secret = Tokens.minter().key().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(Tokens.minter().key().getKeyID()).build(), validClaims());
        jwt.sign(new MACSigner(secret));
        assertRejected(jwt.serialize(), "HS256 with the public key");
    }

    @Test
    void unauthorized401ForRs512EvenWithTheTrustedKey() throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(Tokens.minter().key().getKeyID()).build(), validClaims());
        jwt.sign(new RSASSASigner(Tokens.minter().key()));
        assertRejected(jwt.serialize(), "RS512");
    }

    @Test
    void unauthorized401WhenExpiredBeyondTheSkewOrNotYetValid() {
        assertRejected(Tokens.minter().sign(claims(b -> b.expirationTime(Date.from(Instant.now().minusSeconds(120))))), "expired");
        assertRejected(Tokens.minter().sign(claims(b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(300))))), "nbf");
        assertRejected(Tokens.minter().sign(claims(b -> b.expirationTime(null))), "no exp");
    }

    @Test
    void unauthorized401ForAWrongIssuerOrAudience() {
        assertRejected(Tokens.minter().mint(Spec.of("probation", "kif", "user/Inmate.rs").withIssuer("https://evil.example")), "iss");
        assertRejected(Tokens.minter().mint(Spec.of("probation", "kif", "user/Inmate.rs").withAudience("another-api")), "aud");
    }

    @Test
    void unauthorized401WithoutTheOrganisationClaims() {
        assertRejected(Tokens.minter().sign(claims(b -> b.claim("org_id", null))), "no org_id");
        assertRejected(Tokens.minter().sign(claims(b -> b.claim("org_type", "superuser"))), "unknown org_type");
        assertRejected(Tokens.minter().sign(claims(b -> b.claim("org_type", "municipality").claim("org_id", "1O1"))),
                "municipality code not 3 digits");
        assertRejected(Tokens.minter().sign(claims(b -> b.subject(null))), "no sub");
    }

    @Test
    void unauthorized401ForAnUnknownOrMissingKeyId() throws Exception {
        for (String kid : new String[] {"some-other-key", null}) {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), validClaims());
            jwt.sign(new RSASSASigner(Tokens.minter().key()));
            assertRejected(jwt.serialize(), "kid " + kid);
        }
    }

    @Test
    void unauthorized401ForAValidTokenFromAnotherIssuersKeyUnderOurKeyId() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(Tokens.minter().key().getKeyID()).generate();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attacker.getKeyID()).build(), validClaims());
        jwt.sign(new RSASSASigner(attacker));
        assertRejected(jwt.serialize(), "foreign key");
    }

    @Test
    void unauthorized401WhenTheTokenNamesKeysElsewhere() throws Exception {
        RSAKey key = Tokens.minter().key();
        var jku = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .jwkURL(URI.create("https://evil.example/jwks.json")).build(), validClaims());
        jku.sign(new RSASSASigner(key));
        assertRejected(jku.serialize(), "jku");
        var x5u = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .x509CertURL(URI.create("https://evil.example/cert.pem")).build(), validClaims());
        x5u.sign(new RSASSASigner(key));
        assertRejected(x5u.serialize(), "x5u");
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("embedded").generate();
        var jwk = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("embedded")
                .jwk(attacker.toPublicJWK()).type(JOSEObjectType.JWT).build(), validClaims());
        jwk.sign(new RSASSASigner(attacker));
        assertRejected(jwk.serialize(), "embedded jwk");
    }

    @Test
    void unauthorized401ForATamperedPayload() throws Exception {
        String token = Tokens.minter().sign(validClaims());
        String[] parts = token.split("\\.");
        JWTClaimsSet escalated = claims(b -> b.claim("scope", "user/*.cruds").claim("org_type", "prison"));
        String forged = parts[0] + "." + Base64URL.encode(escalated.toString()) + "." + parts[2];
        assertRejected(forged, "tampered");
    }

    @Test
    void aVerifiedTokenIsAcceptedAgainButItsSignatureOnAnotherPayloadIsNot() {
        // Issue 28: the second use of a token is answered from the cache of verified signatures.
        String token = Tokens.minter().sign(validClaims());
        assertEquals(200, api().get(TARGET, token).status());
        assertEquals(200, api().get(TARGET, token).status());
        String[] parts = token.split("\\.");
        JWTClaimsSet escalated = claims(b -> b.claim("org_type", "prison").claim("org_id", "vestre"));
        assertRejected(parts[0] + "." + Base64URL.encode(escalated.toString()) + "." + parts[2], "cached signature, other payload");
        assertRejected(parts[0] + "." + parts[1] + ".", "cached payload, no signature");
        assertEquals(200, api().get(TARGET, token).status());
    }

    private static String signed(JWSHeader header, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(Tokens.minter().key()));
        return jwt.serialize();
    }

    private static JWSHeader.Builder rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(Tokens.minter().key().getKeyID());
    }

    @Test
    void ok200ForAnRfc9068AccessTokenType() throws Exception {
        assertEquals(200, api().get(TARGET, signed(rs256().type(new JOSEObjectType("at+jwt")).build(), validClaims())).status());
        assertEquals(200, api().get(TARGET, signed(rs256().type(new JOSEObjectType("application/at+jwt")).build(),
                validClaims())).status());
    }

    @Test
    void unauthorized401WithoutAnAccessTokenType() throws Exception {
        // Issue 12 §4, RFC 8725 §3.11: an ID token or any other JWT from the same issuer is not an access token.
        assertRejected(signed(rs256().build(), validClaims()), "no typ");
        assertRejected(signed(rs256().type(new JOSEObjectType("id_token+jwt")).build(), validClaims()), "typ id_token");
        assertRejected(signed(rs256().type(JOSEObjectType.JOSE).build(), validClaims()), "typ JOSE");
    }

    @Test
    void unauthorized401ForACriticalHeader() throws Exception {
        assertRejected(signed(rs256().type(JOSEObjectType.JWT).criticalParams(java.util.Set.of("exp"))
                .customParam("exp", Instant.now().plusSeconds(3600).getEpochSecond()).build(), validClaims()), "crit");
    }

    @Test
    void unauthorized401ForAnIssueTimeInTheFutureOrAMissingOne() {
        assertRejected(Tokens.minter().sign(claims(b -> b.issueTime(Date.from(Instant.now().plusSeconds(600)))
                .expirationTime(Date.from(Instant.now().plusSeconds(900))))), "iat in the future");
        assertRejected(Tokens.minter().sign(claims(b -> b.issueTime(null))), "no iat");
        assertEquals(200, api().get(TARGET, Tokens.minter().sign(claims(b -> b.issueTime(Date.from(Instant.now().plusSeconds(20))))))
                .status(), "iat within the clock skew");
    }

    @Test
    void unauthorized401ForATokenLivingLongerThanTheMaximum() {
        Instant now = Instant.now();
        assertRejected(Tokens.minter().sign(claims(b -> b.issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(7200))))), "2 hours and a minute");
        assertEquals(200, api().get(TARGET, Tokens.minter().sign(claims(b -> b.issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(3540)))))).status(), "exactly one hour");
    }

    @Test
    void unauthorized401ForNonCanonicalBase64url() {
        String token = Tokens.minter().sign(validClaims());
        assertEquals(200, api().get(TARGET, token).status());
        String[] parts = token.split("\\.");
        // A 256-byte RS256 signature leaves 4 unused bits in its last character: flipping one decodes
        // to the same signature, so the token still verifies, but is another spelling of it.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = parts[2].charAt(parts[2].length() - 1);
        String sig = parts[2].substring(0, parts[2].length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertRejected(parts[0] + "." + parts[1] + "." + sig, "non-zero trailing bits");
        assertRejected(parts[0] + "." + parts[1] + "." + parts[2] + "==", "padding");
        assertRejected(parts[0] + "=." + parts[1] + "." + parts[2], "padded header");
    }

    @Test
    void unauthorized401ForAnOversizedTokenEvenWhenValidlySigned() {
        for (int size : new int[] {9_000, 40_000}) {
            String token = Tokens.minter().sign(claims(b -> b.claim("padding", "x".repeat(size))));
            assertRejected(token, size + " characters");
        }
    }

    @Test
    void forbidden403ForAValidTokenWhoseScopeDoesNotCoverTheRequest() {
        var token = Tokens.minter().mint(Spec.of("probation", "kif", "user/Inmate.r"));
        var response = api().get(TARGET, token);
        assertEquals(403, response.status());
        assertEquals("https://overgang.example/problems/forbidden", response.json().get("type").asText());
    }
}
