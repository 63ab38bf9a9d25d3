package dk.overgang.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dk.overgang.sdk.invoker.ApiException;
import dk.overgang.sdk.model.Problem;
import java.util.Optional;

/**
 * An Overgang error as a typed, unchecked exception: the HTTP status, the RFC 9457 problem the
 * server sent, and its {@link Kind} (from the problem's stable {@code type}), so callers can
 * {@code switch} on what happened instead of parsing text.
 */
public class OvergangApiException extends RuntimeException {

    /** The stable problem types of the API (the last segment of {@code type}). */
    public enum Kind {
        VALIDATION, MALFORMED_JSON, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE,
        CONFLICT, IDEMPOTENCY_KEY_REUSED, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
        PRECONDITION_REQUIRED, EVENT_TYPE_NOT_ALLOWED, SERVICE_UNAVAILABLE, INTERNAL, OTHER
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final int status;
    private final transient Problem problem;

    public OvergangApiException(int status, Problem problem, Throwable cause) {
        super(problem == null ? "HTTP " + status : problem.getTitle() + ": " + problem.getDetail(), cause);
        this.status = status;
        this.problem = problem;
    }

    /** Wraps a generated client's {@link ApiException}, reading its problem+json body if there is one. */
    public static OvergangApiException from(ApiException e) {
        Problem problem = null;
        try {
            if (e.getResponseBody() != null && !e.getResponseBody().isBlank()) {
                problem = JSON.readValue(e.getResponseBody(), Problem.class);
            }
        } catch (java.io.IOException ignored) {
            // Not a problem document (e.g. a proxy's HTML page): keep the status only.
        }
        return new OvergangApiException(e.getCode(), problem, e);
    }

    /** Calls the generated client and turns its checked {@link ApiException} into this exception. */
    public static <T> T call(ApiCall<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            throw from(e);
        }
    }

    /** A call to the generated client. */
    @FunctionalInterface
    public interface ApiCall<T> {
        T call() throws ApiException;
    }

    public int status() {
        return status;
    }

    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    public Kind kind() {
        if (problem == null || problem.getType() == null) {
            return Kind.OTHER;
        }
        String type = problem.getType().toString();
        String slug = type.substring(type.lastIndexOf('/') + 1).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        try {
            return Kind.valueOf(slug);
        } catch (IllegalArgumentException unknown) {
            return Kind.OTHER;
        }
    }
}
