package dk.overgang.web;

import dk.overgang.shared.ConflictException;
import dk.overgang.shared.DomainException;
import dk.overgang.shared.ClientRefusedException;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.JargonFoundException;
import dk.overgang.shared.OutsideForumAreaException;
import dk.overgang.shared.OutsideReleaseWindowException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.PreconditionFailedException;
import dk.overgang.shared.PreconditionRequiredException;
import dk.overgang.shared.ServiceUnavailableException;
import dk.overgang.shared.TooManyRequestsException;
import dk.overgang.shared.UnprocessableFieldException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The one place where the services' typed refusals become HTTP statuses. */
@Singleton
@Produces
@Requires(classes = {DomainException.class, ExceptionHandler.class})
public class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    public DomainExceptionHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainException exception) {
        HttpStatus status = switch (exception) {
            case NotFoundException e -> HttpStatus.NOT_FOUND;
            case ForbiddenException e -> HttpStatus.FORBIDDEN;
            case PreconditionFailedException e -> HttpStatus.PRECONDITION_FAILED;
            case PreconditionRequiredException e -> HttpStatus.PRECONDITION_REQUIRED;
            case ConflictException e -> HttpStatus.CONFLICT;
            case InvalidFieldException e -> HttpStatus.BAD_REQUEST;
            case OutsideReleaseWindowException e -> HttpStatus.UNPROCESSABLE_ENTITY;
            case OutsideForumAreaException e -> HttpStatus.UNPROCESSABLE_ENTITY;
            case JargonFoundException e -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UnprocessableFieldException e -> HttpStatus.UNPROCESSABLE_ENTITY;
            case ServiceUnavailableException e -> HttpStatus.SERVICE_UNAVAILABLE;
            case TooManyRequestsException e -> HttpStatus.TOO_MANY_REQUESTS;
            case ClientRefusedException e -> e.isSuspension() ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
        };
        var response = HttpResponse.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header("Retry-After", DatabaseUnavailableHandler.RETRY_AFTER_SECONDS);
        }
        if (exception instanceof TooManyRequestsException limited) {
            response.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            limited.headers().forEach(response::header);
        }
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(), response);
    }
}
