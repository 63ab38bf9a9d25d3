package dk.overgang.web;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.slf4j.MDC;

/**
 * Issue 16: every request has an id, in every log line written while it is served ({@code request_id}
 * in the MDC, carried to the blocking threads by Micronaut's context propagation) and in the answer
 * ({@code X-Request-Id}), so a caseworker's complaint, the load balancer's log and the server's log
 * meet. A caller's own {@code X-Request-Id} is kept when it is a UUID, or a plain token (letters,
 * digits, {@code . _ -}, at most 64) with no run of six digits; otherwise a new one is made: a header
 * never smuggles text into a log, nor anything shaped like a CPR number (issue 27: {@code 260294-9077}
 * reached the token issuance line).
 */
@Filter("/**")
public class RequestIdFilter implements HttpServerFilter {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    /** Six digits in a row, or six digits, a dash and more digits: what a CPR number starts with. */
    private static final Pattern CPR_LIKE = Pattern.compile("[0-9]{6}");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before security, so a refused token's log line has the id too
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && kept(given) ? given : newId();
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty().plus(new RequestIdContext(id)).propagate()) {
            return Publishers.map(chain.proceed(request), response -> response.header(HEADER, id));
        }
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id must be unique, not
     * unguessable, and {@link UUID#randomUUID()} draws from the shared SecureRandom on every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;              // version 4
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }

    /**
     * Issue 28: the request id in the MDC of whichever thread serves the request. Only this one key is
     * set and restored on each hop; Micronaut's {@code MdcPropagationContext} copies the thread's whole
     * MDC map in and out on every hop (2-4 % of a read's CPU in a profile).
     */
    record RequestIdContext(String id) implements ThreadPropagatedContextElement<String> {

        static final String KEY = "request_id";

        @Override
        public String updateThreadContext() {
            String previous = MDC.get(KEY);
            MDC.put(KEY, id);
            return previous;
        }

        @Override
        public void restoreThreadContext(String previous) {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        }
    }

    /** Whether a caller's id may stand in the logs as it is. */
    static boolean kept(String given) {
        return CANONICAL_UUID.matcher(given).matches() || PLAIN.matcher(given).matches() && !CPR_LIKE.matcher(given).find();
    }
}
