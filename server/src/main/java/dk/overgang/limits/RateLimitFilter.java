package dk.overgang.limits;

import dk.overgang.access.Caller;
import dk.overgang.access.CallerProvider;
import dk.overgang.access.ContractOperations;
import dk.overgang.access.OperationClass;
import dk.overgang.shared.TooManyRequestsException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.authentication.Authentication;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rate limits per client (issue 12 §4). A client is the token's {@code client_id} (else its
 * {@code sub}) within its organisation; each has one token bucket of
 * {@code overgang.rate-limit.capacity} units refilled at {@code overgang.rate-limit.refill-per-second},
 * and an operation takes the units of its {@link OperationClass} ({@code cost.read}, {@code cost.write},
 * {@code cost.search}, {@code cost.worklist}). Besides, the page sizes ({@code _count}) of a client's
 * searches and worklists in flight together stay within {@code overgang.rate-limit.max-rows-in-flight},
 * so page size times concurrent searches is bounded. Over either limit the answer is 429
 * {@code too-many-requests} with {@code Retry-After}; every answer carries the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} fields (draft-ietf-httpapi-ratelimit-headers).
 *
 * <p>Runs after authentication (an unauthenticated request is answered 401 before it costs
 * anything) and before the operation touches the database, so a refused request costs one map
 * lookup. Buckets live in this server's memory: with several instances behind a balancer each grants
 * its own budget, so divide the budget by the number of instances.
 */
@ServerFilter("/api/**")
class RateLimitFilter implements Ordered {

    private static final String ROWS_ATTRIBUTE = RateLimitFilter.class.getName() + ".rows";
    private static final String PROBE_ATTRIBUTE = RateLimitFilter.class.getName() + ".probe";
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final ContractOperations operations;
    private final boolean enabled;
    private final long capacity;
    private final double refillPerSecond;
    private final Map<OperationClass, Long> costs;
    private final int maxRowsInFlight;
    private final String policy;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> rowsInFlight = new ConcurrentHashMap<>();

    RateLimitFilter(@Value("${overgang.rate-limit.enabled:true}") boolean enabled,
                    @Value("${overgang.rate-limit.capacity:300}") long capacity,
                    @Value("${overgang.rate-limit.refill-per-second:100}") double refillPerSecond,
                    @Value("${overgang.rate-limit.cost.read:1}") long read,
                    @Value("${overgang.rate-limit.cost.write:2}") long write,
                    @Value("${overgang.rate-limit.cost.search:10}") long search,
                    @Value("${overgang.rate-limit.cost.worklist:20}") long worklist,
                    @Value("${overgang.rate-limit.max-rows-in-flight:1000}") int maxRowsInFlight,
                    ContractOperations operations) {
        this.operations = operations;
        if (capacity < 1 || refillPerSecond <= 0 || maxRowsInFlight < MAX_PAGE) {
            throw new io.micronaut.context.exceptions.ConfigurationException(
                    "overgang.rate-limit: capacity must be at least 1, refill-per-second above 0 and max-rows-in-flight at least "
                            + MAX_PAGE + " (one full page).");
        }
        this.enabled = enabled;
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.costs = Map.of(OperationClass.READ, Math.min(read, capacity), OperationClass.WRITE, Math.min(write, capacity),
                OperationClass.SEARCH, Math.min(search, capacity), OperationClass.WORKLIST, Math.min(worklist, capacity));
        this.maxRowsInFlight = maxRowsInFlight;
        this.policy = "\"client\";q=" + capacity + ";w=" + (long) Math.ceil(capacity / refillPerSecond);
    }

    /** After authentication, so the caller is known; before anything else costs. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    void limit(HttpRequest<?> request) {
        if (!enabled) {
            return;
        }
        var caller = request.getUserPrincipal(Authentication.class).flatMap(CallerProvider::of);
        if (caller.isEmpty()) {
            return;
        }
        String client = clientKey(caller.get());
        // As the contract states it (issue 26); a route outside the contract (the docs) by its method.
        OperationClass operation = operations.of(request).map(ContractOperations.Operation::operationClass)
                .orElse("GET".equals(request.getMethodName()) || "HEAD".equals(request.getMethodName())
                        ? OperationClass.READ : OperationClass.WRITE);
        TokenBucket bucket = buckets.computeIfAbsent(client, key -> new TokenBucket(capacity, refillPerSecond, System.nanoTime()));
        long cost = costs.get(operation);
        TokenBucket.Probe probe = bucket.tryConsume(cost, System.nanoTime());
        request.setAttribute(PROBE_ATTRIBUTE, probe);
        if (!probe.allowed()) {
            throw new TooManyRequestsException("This client has used its request budget; retry after the given delay.",
                    Math.max(1, probe.retryAfterSeconds()), fields(probe));
        }
        if (operation.paged()) {
            int rows = pageSize(request);
            boolean[] admitted = new boolean[1];
            // compute is atomic per key, so admission and release never race, and an idle client's entry is removed.
            rowsInFlight.compute(client, (key, held) -> {
                int now = held == null ? 0 : held;
                admitted[0] = now + rows <= maxRowsInFlight;
                return admitted[0] ? Integer.valueOf(now + rows) : held;
            });
            if (!admitted[0]) {
                // Refused before any work: the units are given back.
                TokenBucket.Probe refunded = bucket.refund(cost, System.nanoTime());
                throw new TooManyRequestsException("This client has too many searches in flight (page size times concurrent"
                        + " searches is limited); wait for one to finish or ask for smaller pages.", 1, fields(refunded));
            }
            request.setAttribute(ROWS_ATTRIBUTE, new InFlight(client, rows));
        }
    }

    /** Releases the rows of a finished search and tells the client where it stands, on every answer. */
    @ResponseFilter
    void release(HttpRequest<?> request, MutableHttpResponse<?> response) {
        // Plain casts: the typed getAttribute goes through the conversion service, which does not hand these back.
        request.getAttribute(ROWS_ATTRIBUTE).filter(InFlight.class::isInstance).map(InFlight.class::cast)
                .ifPresent(held -> held.release(rowsInFlight));
        request.getAttribute(PROBE_ATTRIBUTE).filter(TokenBucket.Probe.class::isInstance).map(TokenBucket.Probe.class::cast)
                .ifPresent(probe -> fields(probe).forEach(response::header));
    }

    /** The IETF fields (draft-ietf-httpapi-ratelimit-headers) for where the client stands. */
    private Map<String, String> fields(TokenBucket.Probe probe) {
        return Map.of("RateLimit-Policy", policy,
                "RateLimit", "\"client\";r=" + probe.remaining() + ";t=" + probe.fullInSeconds());
    }

    /** Forgets full, idle buckets (a new one starts full too), so the map stays as small as the active clients. */
    @Scheduled(fixedDelay = "60s", initialDelay = "60s")
    void forgetIdle() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(entry -> entry.getValue().isFull(now));
    }

    private static String clientKey(Caller caller) {
        return caller.orgType() + "/" + caller.orgId() + "/" + (caller.clientId() != null ? caller.clientId() : caller.sub());
    }

    private static int pageSize(HttpRequest<?> request) {
        int count = request.getParameters().getFirst("_count", Integer.class).orElse(DEFAULT_PAGE);
        return Math.max(1, Math.min(MAX_PAGE, count));
    }

    /** The rows one request holds, released once (a response filter can run twice on an error path). */
    private static final class InFlight {
        private final String client;
        private final int rows;
        private final AtomicBoolean released = new AtomicBoolean();

        InFlight(String client, int rows) {
            this.client = client;
            this.rows = rows;
        }

        void release(ConcurrentHashMap<String, Integer> rowsInFlight) {
            if (released.compareAndSet(false, true)) {
                rowsInFlight.computeIfPresent(client, (key, held) -> held - rows <= 0 ? null : held - rows);
            }
        }
    }
}
