package dk.overgang.web;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.Tokens;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: requests are traced with OpenTelemetry (exported when OVERGANG_TRACING_EXPORTER says so);
 * a span names the route template, and no attribute carries a CPR number or a name, even for a CPR
 * lookup (the CPR is in the body, which is never recorded).
 */
@MicronautTest(transactional = false)
class TracingTest extends ApiTest {

    static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();

    /** Collects the finished spans of this test's server. */
    @Singleton
    @Requires(property = "overgang.test.capture-spans", value = "true")
    static SpanProcessor capture() {
        return SimpleSpanProcessor.create(new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                SPANS.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        });
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("overgang.test.capture-spans", "true");
        return p;
    }

    @jakarta.inject.Inject
    io.micronaut.tracing.opentelemetry.instrument.util.OpenTelemetryExclusionsConfiguration exclusions;

    /** Issue 28: tracing is off only while nothing receives spans; this test's processor receives them. */
    @Test
    void aServerWithSomethingThatReceivesSpansTracesEveryRequest() {
        var excluded = exclusions.exclusionTest();
        assertTrue(excluded == null || !excluded.test("/api/v1/inmates/x"), "requests are traced");
    }

    @Test
    void aRequestIsASpanNamedByItsRouteWithoutPersonalData() throws Exception {
        InmateBuilder person = anInmate().inInstitution("trace-test").with("name", "Sporbar Sørensen");
        String id = create(person).get("id").asText();
        assertEquals(200, api().get("/api/v1/inmates/" + id, Tokens.prison("trace-test")).status());
        assertEquals(200, api().post("/api/v1/inmates/_lookup", Tokens.prison("trace-test"), Map.of("cpr", person.cpr())).status());
        long end = System.currentTimeMillis() + 5_000;
        while (SPANS.stream().noneMatch(s -> s.getName().contains("/api/v1/inmates/_lookup")) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertTrue(SPANS.stream().anyMatch(s -> s.getName().equals("GET /api/v1/inmates/{id}")),
                "a span per request, named by the route: " + SPANS.stream().map(SpanData::getName).toList());
        String digits = person.cpr().replace("-", "");
        for (SpanData span : SPANS) {
            span.getAttributes().forEach((key, value) -> {
                String text = String.valueOf(value);
                assertFalse(text.contains(person.cpr()) || text.contains(digits), "no CPR in " + key);
                assertFalse(text.contains("Sørensen") || text.contains("Sporbar"), "no name in " + key);
            });
        }
    }
}
