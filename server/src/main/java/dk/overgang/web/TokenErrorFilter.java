package dk.overgang.web;

import dk.overgang.api.generated.model.Problem;
import dk.overgang.api.generated.model.TokenError;
import dk.overgang.api.generated.model.TokenErrorError;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Every error of the token endpoint in OAuth's form (RFC 6749 §5.2, issue 27 §4), which OAuth
 * client libraries parse: {@code {"error": ..., "error_description": ...}} as {@code application/json}
 * and no {@code WWW-Authenticate} challenge (the client authenticates with an assertion in the body,
 * not with a Bearer or Basic header, and OAuth libraries read a challenge before the body). The
 * endpoint's own refusals are written so by {@code auth/AuthController}; this filter turns what the
 * framework answers before the endpoint runs (a missing, repeated or oversized form field, another
 * content type, a body too large, a limit or an outage) from problem+json into the same form, so
 * there is one shape for every answer of this path.
 */
@ServerFilter("/oauth2/token")
class TokenErrorFilter implements Ordered {

    @Override
    public int getOrder() {
        // Outside every other filter: it sees the answer last.
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    @SuppressWarnings("unchecked")
    void oauthErrors(MutableHttpResponse<?> response) {
        response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        if (!(response.getBody().orElse(null) instanceof Problem problem)) {
            return;
        }
        int status = response.code();
        TokenErrorError error = switch (status) {
            case 400, 413, 415 -> TokenErrorError.INVALID_REQUEST;
            case 401 -> TokenErrorError.INVALID_CLIENT;
            case 429, 503 -> TokenErrorError.TEMPORARILY_UNAVAILABLE;
            case 404, 405 -> null; // no token endpoint here, or not a token request: problem+json stays
            default -> status >= 500 ? TokenErrorError.SERVER_ERROR : TokenErrorError.INVALID_REQUEST;
        };
        if (error == null) {
            return;
        }
        StringBuilder description = new StringBuilder(problem.getDetail() == null ? problem.getTitle() : problem.getDetail());
        if (problem.getErrors() != null) {
            problem.getErrors().forEach(e -> description.append(' ').append(e.getField()).append(": ").append(e.getMessage()).append('.'));
        }
        String text = description.length() > 500 ? description.substring(0, 500) : description.toString();
        ((MutableHttpResponse<Object>) response).status(status == 413 || status == 415 ? HttpStatus.BAD_REQUEST : response.status())
                .body(new TokenError(error).errorDescription(text))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
