package dk.overgang.web;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.CannotCreateTransactionException;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database is out of reach (no connection from the pool, a connection lost mid-transaction, a
 * commit whose answer never came): a clean 503 with {@code Retry-After}, so clients back off and
 * retry (creates with the same Idempotency-Key, which makes a retry after an unknown commit safe)
 * instead of treating it as a server bug. The transaction was rolled back or never began.
 */
@Singleton
@Produces
public class DatabaseUnavailableHandler implements ExceptionHandler<TransactionException, HttpResponse<?>> {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    private final ErrorResponseProcessor<?> problems;

    public DatabaseUnavailableHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, TransactionException exception) {
        if (exception instanceof CannotCreateTransactionException || isUnavailable(exception)) {
            return unavailable(problems, request, exception);
        }
        LOG.error("Transaction failed on {} {}; rolled back", request.getMethodName(), request.getUri().getPath());
        return problems.processResponse(ErrorContext.builder(request).build(), HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    /** True when the cause chain says the database could not be reached or the connection broke. */
    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectionException || t instanceof CannotGetJdbcConnectionException
                    || t instanceof SocketException || t instanceof EOFException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true; // connection exception class; admin shutdown, crash shutdown, cannot connect now
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static HttpResponse<?> unavailable(ErrorResponseProcessor<?> problems, HttpRequest<?> request, Throwable cause) {
        LOG.warn("Database unavailable on {} {}; answered 503", request.getMethodName(), request.getUri().getPath());
        return problems.processResponse(ErrorContext.builder(request).cause(cause).build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER_SECONDS));
    }

    /** No connection from the pool for a {@code @Connectable} read. */
    @Singleton
    @Produces
    public static class NoConnection implements ExceptionHandler<ConnectionException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> problems;

        public NoConnection(ErrorResponseProcessor<?> problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ConnectionException exception) {
            return unavailable(problems, request, exception);
        }
    }

    /** No JDBC connection could be obtained at all. */
    @Singleton
    @Produces
    public static class NoJdbcConnection implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> {

        private final ErrorResponseProcessor<?> problems;

        public NoJdbcConnection(ErrorResponseProcessor<?> problems) {
            this.problems = problems;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
            return unavailable(problems, request, exception);
        }
    }
}
