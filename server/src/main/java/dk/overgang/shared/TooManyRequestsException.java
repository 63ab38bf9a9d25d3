package dk.overgang.shared;

import java.util.Map;

/**
 * The caller used up its request budget; it may try again after {@link #retryAfterSeconds()}.
 * {@link #headers()} are the rate-limit fields the refusal carries (RateLimit, RateLimit-Policy).
 */
public final class TooManyRequestsException extends DomainException {

    private final long retryAfterSeconds;
    private final Map<String, String> headers;

    public TooManyRequestsException(String message, long retryAfterSeconds, Map<String, String> headers) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
        this.headers = Map.copyOf(headers);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
