package dk.overgang.web;

import io.micronaut.core.async.annotation.SingleResult;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health}, {@code /health/liveness} and {@code /health/readiness} on the API port: the
 * status only ({@code {"status":"UP"}}, 503 when down), as the README has promised since the first
 * release, for load balancers and scripts that reach only that port. The management endpoints
 * (health with details, {@code /prometheus}) are served on the management port alone
 * ({@code OVERGANG_MANAGEMENT_PORT}, issue 27 §6); Micronaut serves a route without a port on the
 * server's own ports only, so these routes and the management port's health never meet.
 */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
class HealthController {

    private final HealthEndpoint health;

    HealthController(HealthEndpoint health) {
        this.health = health;
    }

    @Get
    @SingleResult
    Publisher<HttpResponse<Map<String, String>>> health() {
        return status(null);
    }

    @Get("/liveness")
    @SingleResult
    Publisher<HttpResponse<Map<String, String>>> liveness() {
        return status(HealthCheckType.LIVENESS);
    }

    @Get("/readiness")
    @SingleResult
    Publisher<HttpResponse<Map<String, String>>> readiness() {
        return status(HealthCheckType.READINESS);
    }

    private Publisher<HttpResponse<Map<String, String>>> status(HealthCheckType type) {
        return Publishers.map(type == null ? health.getHealth(null) : health.getHealth(null, type), result -> {
            HealthStatus status = result.getStatus();
            return HttpResponse.status(HealthStatus.DOWN.equals(status) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                    .body(Map.of("status", status.getName()));
        });
    }
}
