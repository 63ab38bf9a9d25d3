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
        Map<String, Object> props = new HashMap<>(TestDatabase.properties());
        props.put("overgang.jwt.jwks", jwks);
        props.put("flyway.datasources.default.locations", "classpath:db/migration"); // no demo data in the test database
        props.put("overgang.handover.signing-keys", productionHandoverKeys());
        return ApplicationContext.builder().deduceEnvironment(false).environments(environment).properties(props).start();
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
