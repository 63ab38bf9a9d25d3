package dk.overgang.web;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;

/**
 * Issue 16: every request has an id, in every log line written while it is served ({@code request_id}
 * in the MDC, carried to the blocking threads by Micronaut's context propagation) and in the answer
 * ({@code X-Request-Id}), so a caseworker's complaint, the load balancer's log and the server's log
 * meet. A caller's own {@code X-Request-Id} is kept when it is a plain token (letters, digits,
 * {@code . _ -}, at most 64), otherwise a new one is made: a header never smuggles text into a log.
 */
@Filter("/**")
public class RequestIdFilter implements HttpServerFilter {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before security, so a refused token's log line has the id too
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
                .plus(new MdcPropagationContext(Map.of("request_id", id))).propagate()) {
            return Publishers.map(chain.proceed(request), response -> response.header(HEADER, id));
        }
    }
}
