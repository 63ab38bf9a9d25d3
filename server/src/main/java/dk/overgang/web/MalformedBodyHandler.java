package dk.overgang.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** {@link StrictJsonBodyFilter}'s refusals: 400 {@code malformed-json}. */
@Singleton
@Produces
public class MalformedBodyHandler implements ExceptionHandler<MalformedBodyException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    public MalformedBodyHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, MalformedBodyException exception) {
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.BAD_REQUEST));
    }
}
