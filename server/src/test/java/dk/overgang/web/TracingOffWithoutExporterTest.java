package dk.overgang.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.tracing.opentelemetry.instrument.util.OpenTelemetryExclusionsConfiguration;
import jakarta.inject.Inject;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 28: with no exporter (the default) the tracing filter passes every request straight on; the
 * tracing test, which receives spans, shows that they are made again as soon as something takes them.
 */
@MicronautTest(transactional = false)
class TracingOffWithoutExporterTest extends ApiTest {

    @Inject
    OpenTelemetryExclusionsConfiguration exclusions;

    @Test
    void withoutAnExporterNoRequestIsTraced() {
        Predicate<String> excluded = exclusions.exclusionTest();
        assertNotNull(excluded, "an exclusion list is set");
        for (String path : new String[] {"/api/v1/inmates/3f0f6a1e-1b7c-4a8e-9d3a-0c2f5b9e7d11", "/api/v1/worklist", "/health",
                "/oauth2/token"}) {
            assertTrue(excluded.test(path), path + " is passed on untraced");
        }
    }
}
