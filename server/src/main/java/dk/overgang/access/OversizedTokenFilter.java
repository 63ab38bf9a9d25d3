package dk.overgang.access;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.AuthorizationException;

/**
 * Refuses an {@code Authorization} header longer than {@link #MAX_LENGTH} characters with 401 before
 * any token is parsed or any signature checked: no real token comes near that size (ours are under
 * 2 KB), and parsing attacker-sized JSON is work we need not do. The server accepts headers up to
 * 64 KiB, so an oversized token is answered as the unauthorized request it is, not as a transport error.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class OversizedTokenFilter implements Ordered {

    public static final int MAX_LENGTH = 8192;

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    public void refuseOversizedTokens(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.length() > MAX_LENGTH) {
            throw new AuthorizationException(null);
        }
    }
}
