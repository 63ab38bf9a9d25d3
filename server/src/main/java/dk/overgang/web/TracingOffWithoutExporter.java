package dk.overgang.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.tracing.opentelemetry.instrument.util.OpenTelemetryExclusionsConfiguration;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Issue 28: no tracing work on a request when no span leaves the server. With
 * {@code OVERGANG_TRACING_EXPORTER=none} (the default) micronaut-tracing still starts, times and ends a span
 * for every request (about 6 % of a read's CPU in a profile), and {@code otel.enabled=false} does not remove
 * its server filter. The filter's own exclusion list is the switch it offers: with no exporter and no span
 * processor of our own, every path is excluded and the filter passes each request straight on. With an
 * exporter (or a processor, as the tracing test registers) the configured {@code otel.exclusions}, if any,
 * stand. Micronaut's bean-creation hook adjusts the one configuration bean the filter reads; nothing of the
 * filter is copied.
 */
@Singleton
class TracingOffWithoutExporter implements BeanCreatedEventListener<OpenTelemetryExclusionsConfiguration> {

    private final boolean nothingReceivesSpans;

    TracingOffWithoutExporter(@Value("${otel.traces.exporter:none}") String exporter, List<SpanProcessor> processors) {
        this.nothingReceivesSpans = "none".equalsIgnoreCase(exporter.trim()) && processors.isEmpty();
    }

    @Override
    public OpenTelemetryExclusionsConfiguration onCreated(BeanCreatedEvent<OpenTelemetryExclusionsConfiguration> event) {
        OpenTelemetryExclusionsConfiguration exclusions = event.getBean();
        if (nothingReceivesSpans) {
            exclusions.setExclusions(List.of(".*"));
        }
        return exclusions;
    }
}
