package dk.overgang.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Generates and rotates the JWKS files of the keys Overgang signs with. A file holds private keys,
 * the first of which signs; the server publishes the public halves of all of them.
 * <pre>
 *   new FILE [--rsa]      a new file with one new key (P-256 for ES256; RSA 3072 for RS256)
 *   rotate FILE           a new key of the same kind put first; the old ones stay (still verify)
 *   retire FILE KID       removes a key that no longer signs (never the first)
 *   public FILE           prints the public JWKS (what the server publishes)
 *   list FILE             prints each key's kid, kind and whether it signs
 * </pre>
 * Files are written with mode 600 and replaced atomically.
 */
public final class KeyTool {

    private KeyTool() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, JOSEException {
        if (args.length < 2) {
            err.println("usage: deploy/keys new FILE [--rsa] | rotate FILE | retire FILE KID | public FILE | list FILE");
            return 2;
        }
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "new" -> {
                if (Files.exists(file)) {
                    err.println(file + " exists; use rotate to add a key");
                    return 1;
                }
                boolean rsa = args.length > 2 && args[2].equals("--rsa");
                write(file, new JWKSet(generate(rsa)));
                out.println("Wrote " + file + " with one new " + (rsa ? "RSA (RS256)" : "P-256 (ES256)") + " key");
            }
            case "rotate" -> {
                JWKSet set = read(file);
                boolean rsa = set.getKeys().get(0).getKeyType().getValue().equals("RSA");
                List<JWK> keys = new ArrayList<>();
                keys.add(generate(rsa));
                keys.addAll(set.getKeys());
                write(file, new JWKSet(keys));
                out.println("New signing key " + keys.get(0).getKeyID() + " put first; " + (keys.size() - 1)
                        + " earlier key(s) kept. Deploy the file; retire the old key once everything it signed has expired.");
            }
            case "retire" -> {
                if (args.length < 3) {
                    err.println("usage: deploy/keys retire FILE KID");
                    return 2;
                }
                JWKSet set = read(file);
                if (set.getKeys().get(0).getKeyID().equals(args[2])) {
                    err.println(args[2] + " is the signing key; rotate first");
                    return 1;
                }
                List<JWK> keys = set.getKeys().stream().filter(k -> !k.getKeyID().equals(args[2])).toList();
                if (keys.size() == set.getKeys().size()) {
                    err.println("No key " + args[2] + " in " + file);
                    return 1;
                }
                write(file, new JWKSet(keys));
                out.println("Retired " + args[2]);
            }
            case "public" -> out.println(read(file).toPublicJWKSet().toString());
            case "list" -> {
                List<JWK> keys = read(file).getKeys();
                for (int i = 0; i < keys.size(); i++) {
                    out.println(keys.get(i).getKeyID() + "  " + keys.get(i).getKeyType() + (i == 0 ? "  signs" : "  verifies only"));
                }
            }
            default -> {
                err.println("Unknown command " + args[0]);
                return 2;
            }
        }
        return 0;
    }

    private static JWK generate(boolean rsa) throws JOSEException {
        String kid = "key-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return rsa ? new RSAKeyGenerator(3072).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate()
                : new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
    }

    private static JWKSet read(Path file) throws IOException {
        try {
            JWKSet set = JWKSet.parse(Files.readString(file));
            if (set.getKeys().isEmpty()) {
                throw new IOException(file + " holds no key");
            }
            return set;
        } catch (ParseException e) {
            throw new IOException(file + " is not a JWKS", e);
        }
    }

    private static void write(Path file, JWKSet set) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keys", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's protection applies
        }
        Files.writeString(tmp, set.toString(false));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
