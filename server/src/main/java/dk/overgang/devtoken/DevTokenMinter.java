package dk.overgang.devtoken;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints a dev token: {@code java -cp server/target/overgang-server.jar dk.overgang.devtoken.DevTokenMinter
 * --org-type prison --org-id 0201 --scope "user/Inmate.cruds" [--roles manager,lsrnr-certified]
 * [--sub name] [--minutes 60] [--key deploy/dev-keys/DEV-ONLY-signing-key.jwk.json]}.
 * Prints the compact JWT on standard output.
 */
public final class DevTokenMinter {

    public static final String DEFAULT_ISSUER = "overgang-dev-idp";
    public static final String DEFAULT_AUDIENCE = "overgang-api";

    /** What goes into a token. */
    public record Spec(String sub, String orgType, String orgId, String scope, List<String> roles,
                       String issuer, String audience, Duration lifetime, String clientId) {

        public static Spec of(String orgType, String orgId, String scope) {
            return new Spec("dev-user@" + orgType + "-" + orgId, orgType, orgId, scope, List.of(),
                    DEFAULT_ISSUER, DEFAULT_AUDIENCE, Duration.ofHours(1), "overgang-dev-cli");
        }

        public Spec withRoles(List<String> roles) {
            return new Spec(sub, orgType, orgId, scope, roles, issuer, audience, lifetime, clientId);
        }

        public Spec withSub(String sub) {
            return new Spec(sub, orgType, orgId, scope, roles, issuer, audience, lifetime, clientId);
        }

        public Spec withLifetime(Duration lifetime) {
            return new Spec(sub, orgType, orgId, scope, roles, issuer, audience, lifetime, clientId);
        }

        public Spec withIssuer(String issuer) {
            return new Spec(sub, orgType, orgId, scope, roles, issuer, audience, lifetime, clientId);
        }

        public Spec withAudience(String audience) {
            return new Spec(sub, orgType, orgId, scope, roles, issuer, audience, lifetime, clientId);
        }

        /** The client system ({@code client_id}); rate limits count per client within an organisation. */
        public Spec withClientId(String clientId) {
            return new Spec(sub, orgType, orgId, scope, roles, issuer, audience, lifetime, clientId);
        }
    }

    private final RSAKey key;
    private final Clock clock;

    public DevTokenMinter(RSAKey key) {
        this(key, Clock.systemUTC());
    }

    /** A minter whose tokens are issued at {@code clock}'s now (a test's fixed or shifted clock). */
    public DevTokenMinter(RSAKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public static DevTokenMinter fromFile(Path keyFile) throws IOException, ParseException {
        return new DevTokenMinter(RSAKey.parse(Files.readString(keyFile)));
    }

    public RSAKey key() {
        return key;
    }

    /** The claims of a token for {@code spec}, valid from now for its lifetime. */
    public JWTClaimsSet claims(Spec spec) {
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(spec.issuer())
                .audience(spec.audience())
                .subject(spec.sub())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(spec.lifetime())))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", spec.scope())
                .claim("org_type", spec.orgType())
                .claim("org_id", spec.orgId())
                .claim("client_id", spec.clientId());
        if (!spec.roles().isEmpty()) {
            claims.claim("roles", spec.roles());
        }
        return claims.build();
    }

    public String mint(Spec spec) {
        return sign(claims(spec));
    }

    /** Signs any claims with the dev key (RS256, with its kid). */
    public String sign(JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with the dev key", e);
        }
    }

    public static void main(String[] args) throws Exception {
        String orgType = null;
        String orgId = null;
        String scope = null;
        String sub = null;
        String clientId = null;
        String purpose = null;
        List<String> roles = new ArrayList<>();
        long minutes = 60;
        String keyFile = "deploy/dev-keys/DEV-ONLY-signing-key.jwk.json";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--org-type" -> orgType = value;
                case "--org-id" -> orgId = value;
                case "--scope" -> scope = value;
                case "--sub" -> sub = value;
                case "--client-id" -> clientId = value;
                case "--purpose" -> purpose = value;
                case "--roles" -> roles = List.of(value.split(","));
                case "--minutes" -> minutes = Long.parseLong(value);
                case "--key" -> keyFile = value;
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        if (orgType == null || orgId == null || scope == null) {
            usage("--org-type, --org-id and --scope are required");
        }
        var spec = Spec.of(orgType, orgId, scope).withRoles(roles).withLifetime(Duration.ofMinutes(minutes));
        spec = sub == null ? spec : spec.withSub(sub);
        spec = clientId == null ? spec : spec.withClientId(clientId);
        DevTokenMinter minter = fromFile(Path.of(keyFile));
        JWTClaimsSet claims = minter.claims(spec);
        if (purpose != null) {
            // Issue 17: why the caller accesses person data (recorded in the audit log).
            claims = new JWTClaimsSet.Builder(claims).claim("purpose", purpose).build();
        }
        System.out.println(minter.sign(claims));
    }

    private static void usage(String problem) {
        System.err.println("dev-token: " + problem);
        System.err.println("usage: dev-token --org-type prison|probation|municipality|police|ngo|auditor --org-id ID"
                + " --scope \"user/Inmate.cruds\" [--roles a,b] [--sub NAME] [--client-id ID] [--purpose crime-prevention] [--minutes 60]");
        System.exit(2);
    }
}
