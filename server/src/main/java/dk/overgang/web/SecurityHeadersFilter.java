package dk.overgang.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Headers on every response: person data is never cached by intermediaries or browsers, content is
 * never sniffed, and nothing but the docs page may run anything in a browser.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {

    /** Before security, so its 401/403 answers get the headers too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        headers.add("X-Content-Type-Options", "nosniff");
        headers.add("Referrer-Policy", "no-referrer");
        boolean docs = request.getPath().startsWith("/docs");
        // Only a successful docs page may be kept; an error answer never is, under /docs too.
        // One Cache-Control line: an answer that chose its own (the token endpoint's no-store) keeps it (issue 34 §5).
        if (!headers.contains("Cache-Control")) {
            headers.add("Cache-Control", docs && response.code() < 400 ? "public, max-age=3600" : "no-store");
        }
        if (docs) {
            if (!headers.contains("Content-Security-Policy")) {
                headers.add("Content-Security-Policy", DocsController.DOCS_CSP);
            }
        } else {
            if (!headers.contains("Content-Security-Policy")) {
                headers.add("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            }
        }
    }
}
