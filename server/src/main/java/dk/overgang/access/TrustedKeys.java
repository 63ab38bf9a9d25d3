package dk.overgang.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys Overgang trusts for tokens, from {@code OVERGANG_JWT_JWKS}: a JWKS file path
 * ({@code classpath:} also works) or an {@code https://} URL of an identity provider's JWKS, which
 * Nimbus fetches, caches and refreshes on an unknown {@code kid}. Keys are only ever taken from
 * here, never from a URL or key named inside a token.
 *
 * <p>Loaded at start-up ({@link Context}) so that a server that would trust the committed dev key
 * outside the dev/test environments refuses to start.
 */
@Context
public class TrustedKeys {

    static final String DEV_JWKS = "classpath:dev/DEV-ONLY-jwks.json";
    private static final Logger LOG = LoggerFactory.getLogger(TrustedKeys.class);

    private final JWKSource<SecurityContext> source;
    private final String location;

    public TrustedKeys(@Value("${overgang.jwt.jwks}") String location, Environment environment,
                       ResourceResolver resources) {
        this.location = location;
        if (location.isBlank()) {
            throw new ConfigurationException("Set OVERGANG_JWT_JWKS to the JWKS (file path or https:// URL) of the "
                    + "identity provider whose tokens Overgang should accept.");
        }
        if (location.startsWith("https://")) {
            try {
                this.source = JWKSourceBuilder.create(URI.create(location).toURL()).retrying(true).build();
            } catch (IOException e) {
                throw new ConfigurationException("OVERGANG_JWT_JWKS is not a valid URL", e);
            }
        } else if (location.startsWith("http://")) {
            throw new ConfigurationException("OVERGANG_JWT_JWKS must be a file or an https:// URL");
        } else {
            JWKSet set = publicOnly(JwksFiles.load(location, resources, "OVERGANG_JWT_JWKS"), location);
            refuseDevKeyOutsideDev(set, environment, resources);
            this.source = (selector, context) -> selector.select(set);
        }
        LOG.info("Trusting token signing keys from {}", location);
    }

    /** The signing keys with this key id (kid), from the configured set only. */
    public List<JWK> signingKeys(String keyId) throws JOSEException {
        JWKSelector selector = new JWKSelector(new JWKMatcher.Builder()
                .keyID(keyId)
                .keyUses(KeyUse.SIGNATURE, null)
                .build());
        try {
            return source.get(selector, null);
        } catch (com.nimbusds.jose.KeySourceException e) {
            throw new JOSEException("Trusted keys unavailable from " + location, e);
        }
    }

    private void refuseDevKeyOutsideDev(JWKSet trusted, Environment environment, ResourceResolver resources) {
        Set<String> envs = environment.getActiveNames();
        if (envs.contains("dev") || envs.contains("test")) {
            return;
        }
        JWKSet dev = JwksFiles.load(DEV_JWKS, resources, "the DEV-ONLY key");
        for (JWK devKey : dev.getKeys()) {
            for (JWK key : trusted.getKeys()) {
                if (thumbprint(devKey).equals(thumbprint(key))) {
                    throw new ConfigurationException("Refusing to start: the trusted keys (" + location
                            + ") include the committed DEV-ONLY key, and neither the dev nor the test "
                            + "environment is active. Set OVERGANG_JWT_JWKS to your identity provider's JWKS.");
                }
            }
        }
    }

    private static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new ConfigurationException("Cannot fingerprint a trusted key", e);
        }
    }

    private static JWKSet publicOnly(JWKSet set, String location) {
        if (set.getKeys().stream().anyMatch(JWK::isPrivate)) {
            throw new ConfigurationException("The JWKS at " + location + " holds a private key; give only public keys");
        }
        return set;
    }
}
