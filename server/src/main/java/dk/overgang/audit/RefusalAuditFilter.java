package dk.overgang.audit;

import dk.overgang.access.Caller;
import dk.overgang.access.CallerProvider;
import dk.overgang.access.ContractOperations;
import dk.overgang.access.ResourceType;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals are audited as refusals (issue 12): a 403 (scope or role missing) as {@code forbidden},
 * a 412/428 ({@code If-Match} stale or missing) as {@code precondition-failed}, naming the resource
 * and, for a person, the inmate; the resource type is the operation's in the contract
 * ({@link ContractOperations}), so every operation is covered. Written once here, after the response
 * is decided, so a refusal is recorded even when the refused write's transaction rolled back. ("Not yours" is a 404, which each
 * service records as {@code not-found} where it looks the resource up.)
 */
@ServerFilter("/api/**")
class RefusalAuditFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalAuditFilter.class);
    private static final Pattern UUID_SEGMENT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private final AuditLog audit;
    private final ContractOperations operations;
    private final ExecutorService blocking;

    RefusalAuditFilter(AuditLog audit, @Named(TaskExecutors.BLOCKING) ExecutorService blocking, ContractOperations operations) {
        this.audit = audit;
        this.operations = operations;
        this.blocking = blocking;
    }

    /**
     * Every other answer passes at once, on the thread it came on; only a refusal waits for its
     * record, written on the blocking executor (the audit log is a database write).
     */
    @ResponseFilter
    Publisher<MutableHttpResponse<?>> auditRefusal(HttpRequest<?> request, MutableHttpResponse<?> response) {
        AuditOutcome outcome = switch (response.code()) {
            case 403 -> AuditOutcome.FORBIDDEN;
            case 412, 428 -> AuditOutcome.PRECONDITION_FAILED;
            default -> null;
        };
        if (outcome == null) {
            return Publishers.just(response);
        }
        return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(() -> {
            record(request, outcome);
            return response;
        }, blocking));
    }

    private void record(HttpRequest<?> request, AuditOutcome outcome) {
        Optional<Caller> caller = request.getUserPrincipal(Authentication.class).flatMap(CallerProvider::of);
        if (caller.isEmpty()) {
            return;
        }
        // The resource type as the contract states it for the operation (issue 26: one table for every operation).
        Optional<ContractOperations.Operation> operation = operations.of(request).filter(op -> op.resource() != null);
        if (operation.isEmpty()) {
            return;
        }
        ResourceType type = operation.get().resource();
        String[] segments = request.getPath().split("/");
        // /api/v1/{collection}[/{id}[/...]]
        UUID id = segments.length > 4 && UUID_SEGMENT.matcher(segments[4]).matches() ? UUID.fromString(segments[4]) : null;
        try {
            audit.recordRead(caller.get(), type, id, action(request.getMethod(), id), outcome,
                    type == ResourceType.Inmate || operation.get().aboutPerson() ? id : null);
        } catch (RuntimeException e) {
            // The refusal stands; only the class is logged (a database message could quote values).
            LOG.warn("A refusal could not be audited: {}", e.getClass().getSimpleName());
        }
    }

    private static AuditAction action(HttpMethod method, UUID id) {
        return switch (method) {
            case POST -> id == null ? AuditAction.CREATE : AuditAction.UPDATE;
            case PUT, PATCH -> AuditAction.UPDATE;
            case DELETE -> AuditAction.DELETE;
            default -> id == null ? AuditAction.SEARCH : AuditAction.READ;
        };
    }
}
