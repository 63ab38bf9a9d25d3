package dk.overgang.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of Overgang's own access tokens (issue 15), from {@code OVERGANG_TOKEN_SIGNING_KEYS}: a
 * JWKS file of private keys (P-256 for ES256, or RSA for RS256), the first of which signs; the
 * public halves of all of them are trusted and published, so a rotation (a new key put first) leaves
 * the tokens the old key signed valid until they expire; then the old key is removed. Tokens that
 * name Overgang's issuer are verified with these keys only, and no other token
 * is, so an external identity provider cannot mint a token in Overgang's name nor the other way round.
 * Without keys (outside dev/test when the variable is empty) the token endpoint is off. Outside
 * dev/test the committed DEV-ONLY key is refused.
 */
@Context
public class TokenSigningKeys {

    static final String DEV_KEYS = "classpath:dev/DEV-ONLY-token-signing-jwks.json";
    /**
     * The issuer this server named before it had a URL of its own (until issue 34): tokens naming it,
     * signed with these keys, stay valid until they expire.
     */
    static final String EARLIER_ISSUER = "urn:dk:overgang:token-service";
    private static final Logger LOG = LoggerFactory.getLogger(TokenSigningKeys.class);

    private final String issuer;
    private final String externalIssuer;
    private final JWK active;
    private final JWKSet publicKeys;

    public TokenSigningKeys(@Value("${overgang.token.signing-keys:}") String location,
                            @Value("${overgang.token.issuer:}") String configuredIssuer,
                            @Value("${overgang.token.endpoint-url:}") String endpointUrl,
                            @Value("${overgang.jwt.issuer:}") String externalIssuer,
                            Environment environment, ResourceResolver resources) {
        this.issuer = issuer(configuredIssuer, endpointUrl);
        this.externalIssuer = externalIssuer;
        if (location.isBlank()) {
            this.active = null;
            this.publicKeys = new JWKSet();
            LOG.info("No OVERGANG_TOKEN_SIGNING_KEYS: the token endpoint is off");
            return;
        }
        if (issuer.isBlank() || issuer.equals(externalIssuer)) {
            throw new ConfigurationException("OVERGANG_TOKEN_ISSUER must be set and differ from OVERGANG_JWT_ISSUER: "
                    + "Overgang's own tokens and an identity provider's are told apart by their issuer");
        }
        JWKSet keys = JwksFiles.load(location, resources, "OVERGANG_TOKEN_SIGNING_KEYS");
        var envs = environment.getActiveNames();
        if (!envs.contains("dev") && !envs.contains("test")) {
            JWKSet dev = JwksFiles.load(DEV_KEYS, resources, "the DEV-ONLY token signing key");
            for (JWK key : keys.getKeys()) {
                if (dev.getKeyByKeyId(key.getKeyID()) != null) {
                    throw new ConfigurationException("Refusing to start: the token signing keys include the committed "
                            + "DEV-ONLY key, and neither the dev nor the test environment is active.");
                }
            }
        }
        if (keys.getKeys().isEmpty() || keys.getKeys().stream().anyMatch(k -> !k.isPrivate() || k.getKeyID() == null)) {
            throw new ConfigurationException("OVERGANG_TOKEN_SIGNING_KEYS must hold private keys, each with a kid");
        }
        JWK first = keys.getKeys().get(0);
        if (!(first instanceof RSAKey) && !(first instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()))) {
            throw new ConfigurationException("The first token signing key must be a P-256 (ES256) or RSA (RS256) key");
        }
        this.active = first;
        this.publicKeys = keys.toPublicJWKSet();
    }

    /** Whether this server issues tokens. */
    public boolean enabled() {
        return active != null;
    }

    /**
     * Issue 34 §2: the issuer is the server's public URL, as RFC 8414 §2 asks: {@code OVERGANG_TOKEN_ISSUER}
     * when set, else the origin of {@code OVERGANG_TOKEN_ENDPOINT_URL} (the endpoint is served on the
     * server's own origin), else (dev and test without a public URL) the earlier URN.
     */
    static String issuer(String configured, String endpointUrl) {
        if (!configured.isBlank()) {
            return configured;
        }
        if (endpointUrl.isBlank()) {
            return EARLIER_ISSUER;
        }
        try {
            java.net.URI endpoint = java.net.URI.create(endpointUrl);
            if (endpoint.getScheme() == null || endpoint.getRawAuthority() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("OVERGANG_TOKEN_ENDPOINT_URL must be an absolute URL, e.g. "
                    + "https://api.overgang.example/oauth2/token");
        }
    }

    /** The {@code iss} of Overgang's own tokens. */
    public String issuer() {
        return issuer;
    }

    /**
     * Whether a token naming {@code iss} is one of Overgang's own (verified with these keys only): the
     * issuer, or the earlier URN for tokens issued before the issuer became a URL.
     */
    public boolean isOwnIssuer(Object iss) {
        return enabled() && iss != null && (issuer.equals(iss)
                || (EARLIER_ISSUER.equals(iss) && !EARLIER_ISSUER.equals(externalIssuer)));
    }

    public JWK activeKey() {
        return active;
    }

    public JWSAlgorithm algorithm() {
        return active instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
    }

    public JWSSigner signer() {
        try {
            return active instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) active);
        } catch (JOSEException e) {
            throw new IllegalStateException("The token signing key cannot sign", e);
        }
    }

    /** The public key with this id, if it is one of Overgang's own token keys. */
    public Optional<JWK> publicKey(String keyId) {
        return Optional.ofNullable(publicKeys.getKeyByKeyId(keyId));
    }

    /** The public halves, as JWKS members. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> published() {
        return publicKeys.getKeys().stream().map(k -> (Map<String, Object>) (Map<?, ?>) k.toJSONObject()).toList();
    }
}
