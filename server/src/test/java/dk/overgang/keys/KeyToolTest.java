package dk.overgang.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: {@code deploy/keys} makes, rotates and retires the key sets the server signs with. */
class KeyToolTest {

    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = KeyTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return code + " " + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKeySetIsMadeRotatedAndRetired() throws Exception {
        Path file = dir.resolve("token-signing.jwks.json");
        assertTrue(run("new", file.toString()).startsWith("0 "));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "private keys: owner only");
        List<JWK> first = JWKSet.parse(Files.readString(file)).getKeys();
        assertEquals(1, first.size());
        assertTrue(first.get(0).isPrivate() && first.get(0).getKeyType().getValue().equals("EC"));
        assertTrue(run("new", file.toString()).startsWith("1 "), "an existing file is never overwritten");

        assertTrue(run("rotate", file.toString()).startsWith("0 "));
        List<JWK> rotated = JWKSet.parse(Files.readString(file)).getKeys();
        assertEquals(2, rotated.size());
        assertEquals(first.get(0).getKeyID(), rotated.get(1).getKeyID(), "the old key is kept, after the new one");
        String listed = run("list", file.toString());
        assertTrue(listed.contains(rotated.get(0).getKeyID() + "  EC  signs"), listed);

        String published = run("public", file.toString());
        assertFalse(published.contains("\"d\""), "public halves only");
        assertTrue(published.contains(rotated.get(1).getKeyID()));

        assertTrue(run("retire", file.toString(), rotated.get(0).getKeyID()).startsWith("1 "), "never the signing key");
        assertTrue(run("retire", file.toString(), rotated.get(1).getKeyID()).startsWith("0 "));
        assertEquals(List.of(rotated.get(0).getKeyID()),
                JWKSet.parse(Files.readString(file)).getKeys().stream().map(JWK::getKeyID).toList());

        Path rsa = dir.resolve("rsa.jwks.json");
        assertTrue(run("new", rsa.toString(), "--rsa").startsWith("0 "));
        assertEquals("RSA", JWKSet.parse(Files.readString(rsa)).getKeys().get(0).getKeyType().getValue());
    }
}
