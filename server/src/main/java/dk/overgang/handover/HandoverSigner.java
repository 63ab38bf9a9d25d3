package dk.overgang.handover;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dk.overgang.access.JwksFiles;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Signs sent handovers (ES256) with the first key of {@code OVERGANG_HANDOVER_SIGNING_KEYS} (a JWKS
 * file of private P-256 keys); the public halves of all its keys are published at
 * {@code /.well-known/jwks.json}. Rotation: put the new key first and keep the old ones after it,
 * so handovers already sent still verify. Outside dev/test the committed DEV-ONLY key is refused.
 */
@Context
public class HandoverSigner {

    static final String DEV_KEYS = "classpath:dev/DEV-ONLY-handover-signing-jwks.json";

    private final ECKey active;
    private final List<Map<String, Object>> publicKeys;

    public HandoverSigner(@Value("${overgang.handover.signing-keys:}") String location, Environment environment,
                          ResourceResolver resources) {
        if (location.isBlank()) {
            throw new ConfigurationException("Set OVERGANG_HANDOVER_SIGNING_KEYS to a JWKS file of private P-256 keys "
                    + "(the first signs) to sign handovers.");
        }
        JWKSet keys = JwksFiles.load(location, resources, "OVERGANG_HANDOVER_SIGNING_KEYS");
        var envs = environment.getActiveNames();
        if (!envs.contains("dev") && !envs.contains("test")) {
            JWKSet dev = JwksFiles.load(DEV_KEYS, resources, "the DEV-ONLY handover key");
            for (JWK key : keys.getKeys()) {
                if (dev.getKeyByKeyId(key.getKeyID()) != null) {
                    throw new ConfigurationException("Refusing to start: the handover signing keys include the committed "
                            + "DEV-ONLY key, and neither the dev nor the test environment is active.");
                }
            }
        }
        if (keys.getKeys().isEmpty() || !(keys.getKeys().get(0) instanceof ECKey first) || !first.isPrivate()
                || first.getKeyID() == null) {
            throw new ConfigurationException("The first handover signing key must be a private P-256 key with a kid");
        }
        this.active = first;
        this.publicKeys = keys.toPublicJWKSet().toJSONObject().get("keys") instanceof List<?> list
                ? list.stream().map(k -> (Map<String, Object>) castMap(k)).toList() : List.of();
    }

    /** A compact JWS over exactly these bytes (the canonical JSON of the handover document). */
    public String sign(String canonicalJson) {
        try {
            var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(active.getKeyID())
                    .type(new JOSEObjectType("overgang-handover+jws")).build(),
                    new Payload(canonicalJson.getBytes(StandardCharsets.UTF_8)));
            jws.sign(new ECDSASigner(active));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the handover", e);
        }
    }

    public List<Map<String, Object>> publicKeys() {
        return publicKeys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
