package dk.overgang.support;

import dk.overgang.devtoken.DevTokenMinter;
import dk.overgang.devtoken.DevTokenMinter.Spec;
import java.nio.file.Path;
import java.util.List;

/** Tokens for tests, signed with the DEV-ONLY key the test environment trusts. */
public final class Tokens {

    private static DevTokenMinter minter;

    private Tokens() {
    }

    public static synchronized DevTokenMinter minter() {
        if (minter == null) {
            try {
                minter = DevTokenMinter.fromFile(Path.of(System.getProperty("overgang.devKeyDir", "../deploy/dev-keys"),
                        "DEV-ONLY-signing-key.jwk.json"));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read the DEV-ONLY signing key", e);
            }
        }
        return minter;
    }

    public static String token(String orgType, String orgId, String scope, String... roles) {
        return minter().mint(Spec.of(orgType, orgId, scope).withRoles(List.of(roles)));
    }

    public static String prison(String institution) {
        return token("prison", institution, "user/Inmate.cruds");
    }

    public static String municipality(String code) {
        return token("municipality", code, "user/Inmate.rs");
    }

    public static String probation(String office) {
        return token("probation", office, "user/Inmate.rs");
    }

    public static String auditor() {
        return token("auditor", "datatilsynet", "user/AuditEvent.s");
    }
}
