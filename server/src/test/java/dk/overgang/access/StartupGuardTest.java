package dk.overgang.access;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server outside dev/test must not trust the committed DEV-ONLY key, nor start without trusted keys. */
class StartupGuardTest {

    private static ApplicationContext start(String environment, String jwks) {
        return start(environment, jwks, "a-production-audit-key-of-enough-length-0123456789");
    }

    private static ApplicationContext start(String environment, String jwks, String auditKey) {
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("overgang.jwt.jwks", jwks);
        // A start that fails after the pool opened is not running, so close() cannot stop its pool:
        // keep that leak to one connection, or a few refusals exhaust the server's connection slots.
        props.put("datasources.default.maximum-pool-size", 1);
        props.put("datasources.default.minimum-idle", 0);
        if (auditKey != null) {
            props.put("overgang.audit.cpr-hmac-key", auditKey);
        }
        props.put("flyway.datasources.default.locations", "classpath:db/migration"); // no demo data in the test database
        props.put("overgang.handover.signing-keys", productionHandoverKeys());
        ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).environments(environment)
                .properties(props).build();
        try {
            return context.start();
        } catch (RuntimeException e) {
            // A refused start has already opened the connection pool: close it, or refusals leak connections.
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // the refusal is what the test is about
            }
            throw e;
        }
    }

    /** A non-dev handover signing key, as production would have, so only the token keys are under test here. */
    private static String productionHandoverKeys() {
        try {
            var key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("prod-test").generate();
            var file = java.nio.file.Files.createTempFile("handover-keys", ".json");
            java.nio.file.Files.writeString(file, new com.nimbusds.jose.jwk.JWKSet(key).toString(false));
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusesToStartInProductionWhileTrustingTheDevKey() {
        var e = assertThrows(RuntimeException.class, () -> start("prod", "classpath:dev/DEV-ONLY-jwks.json").close());
        assertTrue(messages(e).contains("DEV-ONLY"), messages(e));
    }

    @Test
    void refusesToStartWithoutTrustedKeys() {
        var e = assertThrows(RuntimeException.class, () -> start("prod", "").close());
        assertTrue(messages(e).contains("OVERGANG_JWT_JWKS"), messages(e));
    }

    /** Issue 12: the key of the audit log's CPR hashes has no default outside dev/test. */
    @Test
    void refusesToStartWithoutTheAuditCprKey() throws Exception {
        var key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("prod-idp").generate();
        var file = java.nio.file.Files.createTempFile("idp-keys", ".json");
        java.nio.file.Files.writeString(file, new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString());
        file.toFile().deleteOnExit();
        for (String weak : new String[] {null, "too-short"}) {
            var e = assertThrows(RuntimeException.class, () -> start("prod", file.toString(), weak).close());
            assertTrue(messages(e).contains("OVERGANG_AUDIT_CPR_HMAC_KEY"), messages(e));
        }
        try (var context = start("prod", file.toString())) {
            assertTrue(context.isRunning(), "and starts with one");
        }
    }

    @Test
    void startsInTheDevEnvironmentWithTheDevKey() {
        try (var context = start("dev", "classpath:dev/DEV-ONLY-jwks.json")) {
            assertTrue(context.isRunning());
        }
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
