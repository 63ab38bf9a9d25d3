package dk.overgang.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import com.nimbusds.jose.JWSVerifier;

/**
 * Verifies token signatures against {@link TrustedKeys}. Written here rather than configured with
 * micronaut-security's {@code jwks-static}/{@code jwks} because one public variable
 * ({@code OVERGANG_JWT_JWKS}) must accept either a file or an https URL, and because the policy is
 * stricter than the defaults: only RS256 and ES256, a {@code kid} is required, and tokens that carry
 * their own key material or key locations ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are
 * refused outright (RFC 8725 §3.1, §3.10). Unsigned tokens never reach this class: with a signature
 * configuration present, micronaut-security rejects them.
 */
@Singleton
@Named("overgang")
public class JwksSignatureConfiguration implements SignatureConfiguration {

    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private static final int MAX_CACHED_VERIFIERS = 64;

    private final TrustedKeys keys;
    private final Map<VerifierKey, Optional<JWSVerifier>> verifiers = new ConcurrentHashMap<>();

    public JwksSignatureConfiguration(TrustedKeys keys) {
        this.keys = keys;
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
        JWSHeader header = jwt.getHeader();
        if (!ACCEPTED.contains(header.getAlgorithm()) || header.getKeyID() == null
                || header.getJWKURL() != null || header.getJWK() != null
                || header.getX509CertURL() != null || header.getX509CertChain() != null) {
            return false;
        }
        for (JWK key : keys.signingKeys(header.getKeyID())) {
            JWSVerifier verifier = verifierFor(header.getAlgorithm(), key);
            if (verifier != null && jwt.verify(verifier)) {
                return true;
            }
        }
        return false;
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
