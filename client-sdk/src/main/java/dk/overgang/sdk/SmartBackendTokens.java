package dk.overgang.sdk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dk.overgang.sdk.api.AuthorizationApi;
import dk.overgang.sdk.invoker.ApiClient;
import dk.overgang.sdk.invoker.ApiException;
import dk.overgang.sdk.model.TokenResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Access tokens from Overgang's token endpoint, the SMART Backend Services way: a
 * {@link Supplier} for {@link OvergangClient.Builder#token}. It finds the token endpoint through
 * {@code /.well-known/smart-configuration}, signs a client assertion (RFC 7523: {@code iss} and
 * {@code sub} the client id, {@code aud} the token endpoint, a fresh {@code jti}, 4 minutes) with the
 * integrator's private key, and keeps the access token until a minute before it expires; then it gets
 * a new one. Thread-safe; one request for a token at a time.
 *
 * <pre>
 * var tokens = SmartBackendTokens.builder(base, clientId, SmartBackendTokens.readKey(Path.of("client-key.jwk.json")))
 *         .scope("system/Inmate.rs system/ActionPlan.rus").build();
 * var client = OvergangClient.builder(base).token(tokens).build();
 * </pre>
 * The key is a private JWK (P-384 for ES384, P-256 for ES256, or RSA for RS384) whose public half is
 * registered for the client.
 */
public final class SmartBackendTokens implements Supplier<String> {

    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(4);
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final AuthorizationApi api;
    private final String clientId;
    private final JWK key;
    private final String scope;
    private final Clock clock;
    private String tokenEndpoint;
    private String token;
    private Instant renewAt = Instant.MIN;

    private SmartBackendTokens(Builder b) {
        ApiClient plain = new ApiClient(); // no bearer interceptor: the token endpoint takes none
        plain.updateBaseUri(b.baseUri.toString().replaceAll("/+$", ""));
        plain.setConnectTimeout(Duration.ofSeconds(5));
        plain.setReadTimeout(Duration.ofSeconds(30));
        this.api = new AuthorizationApi(plain);
        this.clientId = b.clientId;
        this.key = b.key;
        this.scope = b.scope;
        this.clock = b.clock;
    }

    public static Builder builder(URI baseUri, String clientId, JWK privateKey) {
        return new Builder(baseUri, clientId, privateKey);
    }

    /** A private JWK from a file (as {@code deploy/keys} or any JOSE tool writes it). */
    public static JWK readKey(Path file) throws IOException {
        try {
            JWK key = JWK.parse(Files.readString(file));
            if (!key.isPrivate()) {
                throw new IOException(file + " holds a public key; the private key signs the assertions");
            }
            return key;
        } catch (ParseException e) {
            throw new IOException(file + " is not a JWK", e);
        }
    }

    /** The current access token, fetching a new one when it is within a minute of expiring. */
    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            TokenResponse issued = fetch(now);
            token = issued.getAccessToken();
            renewAt = now.plusSeconds(issued.getExpiresIn()).minus(RENEW_BEFORE);
        }
        return token;
    }

    /** The scopes granted with the current token (as narrowed by the server). */
    public synchronized String grantedScope() {
        return token == null ? null : scopeOf(token);
    }

    private TokenResponse fetch(Instant now) {
        try {
            if (tokenEndpoint == null) {
                tokenEndpoint = api.readSmartConfiguration().getTokenEndpoint();
            }
            return api.requestToken("client_credentials", ASSERTION_TYPE, assertion(now), scope, clientId);
        } catch (ApiException e) {
            throw new IllegalStateException("No access token from " + tokenEndpoint + " (HTTP " + e.getCode() + "): "
                    + e.getResponseBody(), e);
        }
    }

    private String assertion(Instant now) {
        JWSAlgorithm alg = algorithm(key);
        var claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpoint)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("The client key cannot sign an assertion", e);
        }
        return jwt.serialize();
    }

    static JWSAlgorithm algorithm(JWK key) {
        if (key instanceof RSAKey) {
            return JWSAlgorithm.RS384;
        }
        if (key instanceof ECKey ec) {
            if (Curve.P_384.equals(ec.getCurve())) {
                return JWSAlgorithm.ES384;
            }
            if (Curve.P_256.equals(ec.getCurve())) {
                return JWSAlgorithm.ES256;
            }
        }
        throw new IllegalArgumentException("The client key must be RSA, P-256 or P-384");
    }

    private static String scopeOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("scope");
        } catch (ParseException e) {
            return null;
        }
    }

    /** Builds a {@link SmartBackendTokens}. */
    public static final class Builder {
        private final URI baseUri;
        private final String clientId;
        private final JWK key;
        private String scope = "system/*.rs";
        private Clock clock = Clock.systemUTC();

        private Builder(URI baseUri, String clientId, JWK key) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.key = Objects.requireNonNull(key, "key");
            if (key.getKeyID() == null) {
                throw new IllegalArgumentException("The key needs a kid: the server finds the registered key by it");
            }
            algorithm(key);
        }

        /** The scopes to ask for (space-separated SMART scopes); the server narrows them to those registered. */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /** For tests: the clock that decides when a token is renewed. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public SmartBackendTokens build() {
            return new SmartBackendTokens(this);
        }
    }
}
