package dk.overgang.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the HTTP tests: the real server on a random port, on the real test database. Subclasses
 * add {@code @MicronautTest(transactional = false)} (the server, not the test, owns transactions).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTest implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;

    private Api api;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    /** Registers {@code inmate} as prison staff of its institution; fails the test unless 201. */
    protected JsonNode create(InmateBuilder inmate) {
        var body = inmate.build();
        var response = api().post("/api/v1/inmates", Tokens.prison((String) body.get("currentInstitution")), body);
        if (response.status() != 201) {
            throw new AssertionError("Expected 201 creating a test inmate, got " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    protected Api api() {
        if (api == null) {
            api = new Api(server.getURI());
        }
        return api;
    }
}
