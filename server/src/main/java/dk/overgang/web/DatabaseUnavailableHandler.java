package dk.overgang.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import jakarta.inject.Singleton;

/**
 * No connection to the database: a clean 503 with {@code Retry-After}, so clients back off and
 * retry (with the same Idempotency-Key for creates) instead of treating it as a server bug.
 */
@Singleton
@Produces
public class DatabaseUnavailableHandler implements ExceptionHandler<CannotCreateTransactionException, HttpResponse<?>> {

    static final String RETRY_AFTER_SECONDS = "5";

    private final ErrorResponseProcessor<?> problems;

    public DatabaseUnavailableHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CannotCreateTransactionException exception) {
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS));
    }
}
