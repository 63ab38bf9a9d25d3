package dk.overgang.access;

/** Test access to {@link TokenSigningKeys}' package-private rule for the issuer. */
public final class TokenSigningKeysAccess {

    private TokenSigningKeysAccess() {
    }

    public static String issuer(String configured, String endpointUrl) {
        return TokenSigningKeys.issuer(configured, endpointUrl);
    }
}
