package dk.overgang.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dk.overgang.access.ResourceType;
import dk.overgang.access.SmartScope;
import dk.overgang.access.TokenSigningKeys;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint's logic (issue 15): SMART Backend Services, that is an OAuth 2.0
 * {@code client_credentials} grant whose client authenticates with a JWT it signed (RFC 7523,
 * {@code private_key_jwt}). The assertion must name the client as {@code iss} and {@code sub}, this
 * endpoint as {@code aud}, expire within 5 minutes, carry a {@code jti} never used before (on any
 * server: the database keeps it until it expires), and verify with one of the client's registered
 * keys (RS384, ES384, RS256 or ES256, by {@code kid}; never a key or key address named in the
 * assertion). The access token carries the claims contract for the client's organisation, with the
 * requested scopes narrowed to those the client is registered for, and lives {@code lifetime}.
 */
@Singleton
public class TokenService {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final List<JWSAlgorithm> ASSERTION_ALGORITHMS = List.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384, JWSAlgorithm.RS256,
            JWSAlgorithm.ES256);
    private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private final TokenSigningKeys ownKeys;
    private final ClientStore clients;
    private final ClientKeys clientKeys;
    private final Clock clock;
    private final Duration lifetime;
    private final String audience;
    private final String endpointUrl;

    TokenService(TokenSigningKeys ownKeys, ClientStore clients, ClientKeys clientKeys, Clock clock,
                 @Value("${overgang.token.lifetime:5m}") Duration lifetime,
                 @Value("${micronaut.security.token.jwt.claims-validators.audience}") String audience,
                 @Value("${overgang.token.endpoint-url:}") String endpointUrl,
                 @Value("${overgang.jwt.max-lifetime:1h}") Duration maxLifetime, Environment environment) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(maxLifetime) > 0 || lifetime.toHours() >= 1) {
            throw new ConfigurationException("OVERGANG_TOKEN_LIFETIME must be positive, under an hour and at most "
                    + "OVERGANG_JWT_MAX_LIFETIME");
        }
        var envs = environment.getActiveNames();
        if (ownKeys.enabled() && endpointUrl.isBlank() && !envs.contains("dev") && !envs.contains("test")) {
            throw new ConfigurationException("Set OVERGANG_TOKEN_ENDPOINT_URL to the token endpoint's public URL (e.g. "
                    + "https://overgang.example/oauth2/token): clients sign it into their assertions as the audience");
        }
        this.ownKeys = ownKeys;
        this.clients = clients;
        this.clientKeys = clientKeys;
        this.clock = clock;
        this.lifetime = lifetime;
        this.audience = audience;
        this.endpointUrl = endpointUrl;
    }

    /** An OAuth 2.0 error (RFC 6749 §5.2): {@code invalid_client} is 401, the others 400. */
    public static final class TokenRefused extends RuntimeException {
        private final String error;

        TokenRefused(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }

        public String error() {
            return error;
        }

        public int status() {
            return error.equals("invalid_client") ? 401 : 400;
        }
    }

    public record Issued(String accessToken, long expiresIn, String scope) {
    }

    public boolean enabled() {
        return ownKeys.enabled();
    }

    /** The token endpoint's URL: as configured, or (dev/test without configuration) as the request reached it. */
    public String endpointUrl(String requestBase) {
        return endpointUrl.isBlank() ? requestBase + "/oauth2/token" : endpointUrl;
    }

    public String issuer() {
        return ownKeys.issuer();
    }

    /**
     * @param clientIdField the {@code client_id} form field OAuth libraries send (RFC 7521 §4.2), or null
     * @param endpoint this endpoint's URL, one of the two audiences an assertion may name
     */
    public Issued issue(String grantType, String scope, String assertionType, String assertion, String clientIdField,
                        String endpoint) {
        if (!"client_credentials".equals(grantType)) {
            throw new TokenRefused("unsupported_grant_type", "only client_credentials is supported");
        }
        if (!ASSERTION_TYPE.equals(assertionType) || assertion == null || assertion.isBlank()) {
            throw new TokenRefused("invalid_request", "client_assertion_type must be " + ASSERTION_TYPE
                    + " with a client_assertion");
        }
        if (scope == null || scope.isBlank()) {
            throw new TokenRefused("invalid_scope", "name the scopes wanted (scope)");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalidClient("the client_assertion is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ASSERTION_ALGORITHMS.contains(header.getAlgorithm()) || header.getKeyID() == null) {
            throw invalidClient("the assertion must be signed with RS384, ES384, RS256 or ES256 and name its key (kid)");
        }
        if (header.getJWK() != null || header.getJWKURL() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null) {
            throw invalidClient("the assertion must not carry keys or key addresses; they are registered");
        }
        String clientId = claims.getIssuer();
        if (clientId == null || !clientId.equals(claims.getSubject())) {
            throw invalidClient("iss and sub must both be the client id");
        }
        if (clientIdField != null && !clientIdField.equals(clientId)) {
            throw invalidClient("client_id must name the client the assertion names");
        }
        ClientStore.ClientRow client = clients.find(clientId).filter(ClientStore.ClientRow::active)
                .orElseThrow(() -> invalidClient("no active client with this id"));
        // Issue 34 §3: RFC 7523 §3 lets the audience be the token endpoint's URL or the issuer.
        if (claims.getAudience() == null || (!claims.getAudience().contains(endpoint)
                && !claims.getAudience().contains(ownKeys.issuer()))) {
            throw invalidClient("aud must be the token endpoint, " + endpoint + ", or the issuer, " + ownKeys.issuer());
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().isBefore(now.minus(SKEW))) {
            throw invalidClient("the assertion has expired (exp)");
        }
        if (exp.toInstant().isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(SKEW))) {
            throw invalidClient("exp may be at most 5 minutes ahead");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(SKEW))) {
            throw invalidClient("the assertion is not valid yet (nbf)");
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plus(SKEW))) {
            throw invalidClient("the assertion was issued in the future (iat)");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > 256) {
            throw invalidClient("the assertion needs a jti (at most 256 characters)");
        }
        if (!verifies(jwt, client)) {
            throw invalidClient("the signature does not verify with the client's registered keys");
        }
        for (String claim : List.of("org_type", "org_id")) {
            Object named = claims.getClaim(claim);
            Object registered = claim.equals("org_type") ? client.orgType() : client.orgId();
            if (named != null && !named.equals(registered)) {
                throw new TokenRefused("invalid_request", "the client acts only for the organisation it is registered for");
            }
        }
        // Only now, with a verified signature, is the jti spent: a forged assertion cannot burn one.
        if (!clients.useAssertion(clientId, jti, exp.toInstant().plus(SKEW))) {
            throw invalidClient("this assertion (jti) was used before");
        }
        String granted = narrow(scope, client.scopes());
        if (granted.isEmpty()) {
            throw new TokenRefused("invalid_scope", "none of the requested scopes is registered for this client");
        }
        String token = sign(client, granted, now);
        LOG.info("Access token issued to client {} ({} {}) for {}", clientId, client.orgType(), client.orgId(), granted);
        return new Issued(token, lifetime.toSeconds(), granted);
    }

    /**
     * The requested scopes narrowed to the registered ones: for each requested scope, the letters a
     * registered scope of the same context and resource (or {@code *}) allows. A requested wildcard
     * becomes the registered scopes it covers. Written in SMART's {@code cruds} order.
     */
    static String narrow(String requested, List<String> registered) {
        List<SmartScope> allowed = registered.stream().map(SmartScope::parse).flatMap(java.util.Optional::stream).toList();
        Set<String> granted = new LinkedHashSet<>();
        for (String text : requested.trim().split("\\s+")) {
            SmartScope asked = SmartScope.parse(text).orElse(null);
            if (asked == null) {
                continue;
            }
            for (SmartScope a : allowed) {
                if (!a.context().equals(asked.context())) {
                    continue;
                }
                String resource;
                if (asked.isWildcard()) {
                    resource = a.resource();
                } else if (a.isWildcard() || a.resource().equals(asked.resource())) {
                    resource = asked.resource();
                } else {
                    continue;
                }
                var letters = EnumSet.copyOf(asked.interactions());
                letters.retainAll(a.interactions());
                if (!letters.isEmpty()) {
                    granted.add(new SmartScope(asked.context(), resource, letters).toString());
                }
            }
        }
        return String.join(" ", granted);
    }

    private boolean verifies(SignedJWT jwt, ClientStore.ClientRow client) {
        for (JWK key : clientKeys.keys(client, jwt.getHeader().getKeyID())) {
            try {
                JWSVerifier verifier = switch (key) {
                    case RSAKey rsa when jwt.getHeader().getAlgorithm().getName().startsWith("RS") ->
                            new RSASSAVerifier(rsa.toRSAPublicKey());
                    case ECKey ec when jwt.getHeader().getAlgorithm().getName().startsWith("ES") ->
                            new ECDSAVerifier(ec.toECPublicKey());
                    default -> null;
                };
                if (verifier != null && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key that cannot verify this algorithm (wrong curve): try the next
            }
        }
        return false;
    }

    private String sign(ClientStore.ClientRow client, String scope, Instant now) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(ownKeys.issuer())
                .subject(client.id())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", client.id())
                .claim("org_type", client.orgType())
                .claim("org_id", client.orgId())
                .claim("scope", scope);
        if (!client.roles().isEmpty()) {
            claims.claim("roles", new ArrayList<>(client.roles()));
        }
        var jwt = new SignedJWT(new JWSHeader.Builder(ownKeys.algorithm()).keyID(ownKeys.activeKey().getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), claims.build());
        try {
            jwt.sign(ownKeys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The scopes discovery lists: each resource with every interaction, and the read-everything wildcard. */
    static List<String> supportedScopes() {
        List<String> scopes = new ArrayList<>();
        scopes.add("system/*.rs");
        Arrays.stream(ResourceType.values()).filter(t -> t != ResourceType.Client)
                .forEach(t -> scopes.add("system/" + t.name() + ".cruds"));
        return scopes;
    }

    private static TokenRefused invalidClient(String description) {
        return new TokenRefused("invalid_client", description);
    }
}
