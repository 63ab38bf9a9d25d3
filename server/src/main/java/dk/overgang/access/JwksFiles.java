package dk.overgang.access;

import com.nimbusds.jose.jwk.JWKSet;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/** Reads a JWKS from a file path ({@code file:} optional) or {@code classpath:}, for every key set the server is given. */
public final class JwksFiles {

    private JwksFiles() {
    }

    /** @param purpose what the keys are for, named in errors ("OVERGANG_JWT_JWKS") */
    public static JWKSet load(String location, ResourceResolver resources, String purpose) {
        try {
            return JWKSet.parse(read(location, resources, purpose));
        } catch (ParseException e) {
            throw new ConfigurationException("The file at " + location + " (" + purpose + ") is not a JWKS", e);
        }
    }

    private static String read(String location, ResourceResolver resources, String purpose) {
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = resources.getResourceAsStream(location)
                        .orElseThrow(() -> new ConfigurationException("No JWKS at " + location + " (" + purpose + ")"))) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location.startsWith("file:") ? location.substring(5) : location));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the JWKS at " + location + " (" + purpose + "): " + e.getMessage(), e);
        }
    }
}
