package dk.overgang.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import jakarta.inject.Singleton;

/**
 * A form body (the token endpoint's, issue 15) that is not valid {@code application/x-www-form-urlencoded}
 * (a broken percent escape, say) is the client's mistake: 400, never the 500 Netty's decoder would give.
 */
@Singleton
@Produces
@Requires(classes = HttpPostRequestDecoder.ErrorDataDecoderException.class)
public class MalformedFormHandler implements ExceptionHandler<HttpPostRequestDecoder.ErrorDataDecoderException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    public MalformedFormHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, HttpPostRequestDecoder.ErrorDataDecoderException exception) {
        return problems.processResponse(ErrorContext.builder(request).errorMessage("The form body is not validly encoded.")
                .build(), HttpResponse.status(HttpStatus.BAD_REQUEST));
    }
}
