package dk.overgang.access;

import dk.overgang.shared.ContractOperation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one table of operations (issue 26), taken from the contract: each operation's resource type,
 * cost class and event link, as {@code api-spec/openapi.yaml} states them
 * ({@link ContractOperation}, compiled onto the generated interfaces). Built once from the router at
 * startup; rate limits, the refusal audit and event links read it, and a request costs one map
 * lookup by operation id. A test fails for any API route without an entry.
 */
@Singleton
public class ContractOperations {

    /** One operation of the contract; {@code resource} is null for a public operation. */
    public record Operation(String operationId, String httpMethod, String path, @Nullable ResourceType resource,
                            OperationClass operationClass, String eventLink, String eventLinkQuery,
                            String deprecatedSince, String sunset) {

        /** Whether the path's {@code {id}} is a person's id ({@code /api/v1/inmates/{id}...}). */
        public boolean aboutPerson() {
            return path.startsWith("/api/v1/inmates/{id}");
        }
    }

    private final Map<String, Operation> byId = new HashMap<>();
    private final Map<String, Operation> byEventLink = new HashMap<>();
    private final List<String> missing;

    ContractOperations(Router router) {
        // HEAD is served by the GET operation's method (the same operation): it is not a row of its own.
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes().filter(r -> !"HEAD".equals(r.getHttpMethodName())).toList();
        missing = routes.stream().filter(r -> !r.getAnnotationMetadata().hasAnnotation(ContractOperation.class))
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toPathString()).toList();
        for (UriRouteInfo<?, ?> route : routes) {
            var metadata = route.getAnnotationMetadata();
            if (!metadata.hasAnnotation(ContractOperation.class)) {
                continue;
            }
            String resource = metadata.stringValue(ContractOperation.class, "resource").orElse("");
            Operation op = new Operation(route.getTargetMethod().getMethodName(), route.getHttpMethodName(),
                    route.getUriMatchTemplate().toPathString(), resource.isEmpty() ? null : ResourceType.valueOf(resource),
                    OperationClass.of(metadata.stringValue(ContractOperation.class, "operationClass").orElseThrow()),
                    metadata.stringValue(ContractOperation.class, "eventLink").orElse(""),
                    metadata.stringValue(ContractOperation.class, "eventLinkQuery").orElse(""),
                    metadata.stringValue(ContractOperation.class, "deprecatedSince").orElse(""),
                    metadata.stringValue(ContractOperation.class, "sunset").orElse(""));
            if (byId.putIfAbsent(op.operationId(), op) != null) {
                continue; // a second representation of the same operation (a page beside the JSON)
            }
            if (!op.eventLink().isEmpty() && byEventLink.put(op.eventLink(), op) != null) {
                throw new IllegalStateException("Two operations of the contract are the event link for " + op.eventLink());
            }
        }
    }

    /** The operation a routed request is, if it is one of the contract's. */
    public Optional<Operation> of(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(MethodBasedRouteMatch.class::isInstance)
                .map(match -> byId.get(((MethodBasedRouteMatch<?, ?>) match).getMethodName()));
    }

    public Optional<Operation> byOperationId(String operationId) {
        return Optional.ofNullable(byId.get(operationId));
    }

    /** Every operation of the contract, once each. */
    public Collection<Operation> all() {
        return byId.values();
    }

    /** Routes that are not operations of the contract (the docs, the contract file itself, probes). */
    public List<String> routesWithoutEntry() {
        return missing;
    }

    /**
     * Where a receiver reads what an event names: the path of the operation the contract marks as the
     * event link for {@code link}, with {@code {id}} the person (a path under a person) or the resource,
     * {@code {versionId}} the version, {@code {programmeId}} the receiving programme, and the person's id
     * in the query parameter the operation names.
     */
    public String eventHref(String link, UUID resourceId, long version, @Nullable UUID inmateId, @Nullable String programmeId) {
        Operation op = Optional.ofNullable(byEventLink.get(link)).orElseGet(() -> byEventLink.get(ResourceType.Inmate.name()));
        String id = String.valueOf(op.aboutPerson() && inmateId != null ? inmateId : resourceId);
        String href = op.path().replace("{id}", id).replace("{versionId}", Long.toString(version))
                .replace("{programmeId}", String.valueOf(programmeId));
        return op.eventLinkQuery().isEmpty() ? href : href + "?" + op.eventLinkQuery() + "=" + inmateId;
    }
}
