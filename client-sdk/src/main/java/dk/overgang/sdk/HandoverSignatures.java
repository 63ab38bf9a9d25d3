package dk.overgang.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;

/**
 * Verifies a handover's signature offline: the compact JWS (ES256) in {@code Handover.signature}
 * against the keys of {@code /.well-known/jwks.json}, fetched once and kept (keys are only added on
 * rotation). Returns the signed document's JSON, the authoritative content. Uses the JDK's own
 * P-256 ECDSA, so the SDK needs no JOSE library.
 */
public final class HandoverSignatures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HandoverSignatures() {
    }

    /** @return the signed document JSON; throws {@link SecurityException} if the signature does not verify */
    public static String verifiedDocument(String compactJws, String jwksJson) {
        String[] parts = compactJws.split("\\.");
        if (parts.length != 3) {
            throw new SecurityException("Not a compact JWS");
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"ES256".equals(header.path("alg").asText())) {
                throw new SecurityException("Handovers are signed with ES256 only");
            }
            String kid = header.path("kid").asText();
            for (JsonNode key : JSON.readTree(jwksJson).path("keys")) {
                if (kid.equals(key.path("kid").asText()) && "EC".equals(key.path("kty").asText())
                        && "P-256".equals(key.path("crv").asText())) {
                    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
                    verifier.initVerify(publicKey(key));
                    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                    if (verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                    }
                    throw new SecurityException("The handover's signature does not verify");
                }
            }
            throw new SecurityException("No published key " + kid + "; fetch /.well-known/jwks.json again");
        } catch (java.io.IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new SecurityException("The handover's signature cannot be checked", e);
        }
    }

    private static PublicKey publicKey(JsonNode jwk) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("x").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("y").asText())));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point,
                parameters.getParameterSpec(ECParameterSpec.class)));
    }
}
