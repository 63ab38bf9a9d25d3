package dk.overgang.web;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: what an operator's platform asks of the server: liveness, readiness that depends on the
 * database, and Prometheus metrics whose labels are route templates and statuses, never an id, a
 * CPR number or a name.
 */
@MicronautTest(transactional = false)
class OperabilityTest extends ApiTest {

    private static final Pattern CPR = Pattern.compile("\\b[0-3][0-9][01][0-9]{3}-?[0-9]{4}\\b");
    private static final Pattern UUID_IN_LABEL = Pattern.compile("\\{[^}]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void livenessReadinessAndMetricsWithoutPersonalData() {
        assertEquals(200, api().get("/health/liveness", null).status());
        var readiness = api().get("/health/readiness", null);
        assertEquals(200, readiness.status(), readiness.body());
        assertTrue(readiness.body().contains("UP"));

        var inmate = anInmate().inInstitution("ops-test").with("name", "Synlig Metrik");
        String id = create(inmate).get("id").asText();
        assertEquals(200, api().get("/api/v1/inmates/" + id, Tokens.prison("ops-test")).status());
        assertEquals(404, api().get("/api/v1/inmates/" + java.util.UUID.randomUUID(), Tokens.prison("ops-test")).status());

        var metrics = api().get("/prometheus", null);
        assertEquals(200, metrics.status());
        String text = metrics.body();
        assertTrue(text.contains("uri=\"/api/v1/inmates/{id}\""), "requests by route template");
        assertTrue(text.contains("http_server_requests_seconds_bucket"), "latency histograms");
        assertTrue(text.contains("status=\"404\""), "and by status");
        assertTrue(text.contains("hikaricp_connections"), "the connection pool");
        assertTrue(text.contains("overgang_outbox_lag_seconds"), "the outbox");
        assertTrue(text.contains("jvm_memory_used_bytes"));
        assertFalse(text.contains(id), "no id in a label");
        assertFalse(UUID_IN_LABEL.matcher(text).find(), "no UUID in any label");
        var labels = Pattern.compile("\\{[^}]*}").matcher(text);
        while (labels.find()) {
            assertFalse(CPR.matcher(labels.group()).find(), "no CPR number in a label: " + labels.group());
        }
        assertFalse(text.contains("Metrik"), "no name");
    }
}
