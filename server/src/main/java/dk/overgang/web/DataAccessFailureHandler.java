package dk.overgang.web;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database failure the services did not anticipate. The transaction has rolled back, so nothing
 * was half-written; the caller gets a plain 500 problem. The log line names only the SQL state:
 * a database error message can quote row values (a CPR number), so it is never logged.
 */
@Singleton
@Produces
public class DataAccessFailureHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DataAccessFailureHandler.class);

    private final ErrorResponseProcessor<?> problems;

    public DataAccessFailureHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException exception) {
        if (DatabaseUnavailableHandler.isUnavailable(exception)) {
            return DatabaseUnavailableHandler.unavailable(problems, request, exception);
        }
        String sqlState = "unknown";
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
                break;
            }
        }
        LOG.error("Database operation failed on {} {} (SQL state {}); rolled back",
                request.getMethodName(), request.getUri().getPath(), sqlState);
        return problems.processResponse(ErrorContext.builder(request).build(),
                HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
    }
}
