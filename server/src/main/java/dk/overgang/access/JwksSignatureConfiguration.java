package dk.overgang.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import com.nimbusds.jose.JWSVerifier;

/**
 * Verifies token signatures against {@link TrustedKeys}. Written here rather than configured with
 * micronaut-security's {@code jwks-static}/{@code jwks} because one public variable
 * ({@code OVERGANG_JWT_JWKS}) must accept either a file or an https URL, and because the policy is
 * stricter than the defaults: only RS256 and ES256, a {@code kid} is required, and tokens that carry
 * their own key material or key locations ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are
 * refused outright (RFC 8725 §3.1, §3.10), as are tokens without {@code typ} {@code JWT} or
 * {@code at+jwt} (RFC 9068), with any {@code crit} header, or whose base64url is not canonical. Unsigned tokens never reach this class: with a signature
 * configuration present, micronaut-security rejects them.
 */
@Singleton
@Named("overgang")
public class JwksSignatureConfiguration implements SignatureConfiguration {

    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    /** {@code typ} values of an access token: a JWT, or an RFC 9068 access token (with or without {@code application/}). */
    static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    private static final int MAX_CACHED_VERIFIERS = 64;

    private final TrustedKeys keys;
    private final TokenSigningKeys ownKeys;
    private final Map<VerifierKey, Optional<JWSVerifier>> verifiers = new ConcurrentHashMap<>();
    private final VerifiedTokens verified = new VerifiedTokens();
    private final Clock clock;

    public JwksSignatureConfiguration(TrustedKeys keys, TokenSigningKeys ownKeys, Clock clock) {
        this.keys = keys;
        this.ownKeys = ownKeys;
        this.clock = clock;
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the RS256 and ES256 JWS algorithms are accepted";
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return ACCEPTED.contains(algorithm);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        // Issue 28: the same token text, verified before, is verified still (VerifiedTokens says how long).
        String text = jwt.getParsedString();
        Instant now = clock.instant();
        if (text != null && verified.verified(text, now)) {
            return true;
        }
        if (!verifyNow(jwt)) {
            return false;
        }
        if (text != null) {
            verified.remember(text, expiry(jwt), now);
        }
        return true;
    }

    private static Instant expiry(SignedJWT jwt) {
        try {
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            return exp == null ? null : exp.toInstant();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private boolean verifyNow(SignedJWT jwt) throws JOSEException {
        JWSHeader header = jwt.getHeader();
        if (!ACCEPTED.contains(header.getAlgorithm()) || header.getKeyID() == null
                || header.getJWKURL() != null || header.getJWK() != null
                || header.getX509CertURL() != null || header.getX509CertChain() != null) {
            return false;
        }
        // RFC 8725 §3.11 / RFC 9068 §2.1: explicit typing, so another kind of JWT signed by the same
        // identity provider (an ID token, a logout token) is not taken for an access token.
        if (header.getType() == null || !ACCEPTED_TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
            return false;
        }
        // No extension this server would have to understand: a critical header is always refused.
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return false;
        }
        if (!canonical(jwt.getParsedParts())) {
            return false;
        }
        for (JWK key : keysFor(jwt, header.getKeyID())) {
            JWSVerifier verifier = verifierFor(header.getAlgorithm(), key);
            if (verifier != null && jwt.verify(verifier)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Issue 15: a token in Overgang's own name is verified with Overgang's token keys only, any other
     * with the trusted identity provider's keys only.
     */
    private List<JWK> keysFor(SignedJWT jwt, String keyId) throws JOSEException {
        String issuer;
        try {
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (java.text.ParseException e) {
            return List.of();
        }
        if (ownKeys.isOwnIssuer(issuer)) {
            return ownKeys.publicKey(keyId).map(List::of).orElse(List.of());
        }
        return keys.signingKeys(keyId);
    }

    /**
     * Each part is the one base64url spelling of its bytes: no padding, no characters outside the
     * alphabet, no set bits after the last byte. Otherwise several strings would be "the same"
     * token, which defeats token blocklists and caches keyed by the token text.
     */
    static boolean canonical(Base64URL[] parts) {
        if (parts == null) {
            return false;
        }
        for (Base64URL part : parts) {
            String text = part.toString();
            if (!BASE64URL.matcher(text).matches() || !Base64URL.encode(part.decode()).toString().equals(text)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The verifier for a trusted key, built once: turning a JWK into a Java key decodes its Base64
     * parameters, which per request cost more than the signature check itself. Keyed by the JWK
     * itself, so a rotated key (new material, even under the same kid) gets a new verifier.
     */
    private JWSVerifier verifierFor(JWSAlgorithm algorithm, JWK key) {
        if (verifiers.size() > MAX_CACHED_VERIFIERS) {
            verifiers.clear();
        }
        return verifiers.computeIfAbsent(new VerifierKey(algorithm, key), k -> {
            try {
                if (algorithm.equals(JWSAlgorithm.RS256) && key instanceof RSAKey rsa && rsa.size() >= 2048) {
                    return Optional.of(new RSASSAVerifier(rsa));
                }
                if (algorithm.equals(JWSAlgorithm.ES256) && key instanceof ECKey ec) {
                    return Optional.of(new ECDSAVerifier(ec));
                }
            } catch (JOSEException e) {
                // a key we cannot use verifies nothing
            }
            return Optional.empty();
        }).orElse(null);
    }

    private record VerifierKey(JWSAlgorithm algorithm, JWK key) {
    }
}
