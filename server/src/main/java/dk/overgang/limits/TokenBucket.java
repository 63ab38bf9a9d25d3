package dk.overgang.limits;

/**
 * One client's request budget: up to {@code capacity} units, refilled continuously at
 * {@code refillPerSecond}. Hand-written (about thirty lines) because Bucket4j, the well-kept
 * library for this, is not served by the registry this project builds from; time is passed in, so
 * tests drive it without sleeping.
 */
final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long lastRefill;

    TokenBucket(long capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.tokens = capacity;
        this.lastRefill = nowNanos;
    }

    /** What a request learned: whether it may go on, what is left, and the waits that matter. */
    record Probe(boolean allowed, long remaining, long retryAfterSeconds, long fullInSeconds) { }

    synchronized Probe tryConsume(long cost, long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastRefill) * refillPerNano);
        lastRefill = nowNanos;
        boolean allowed = tokens >= cost;
        if (allowed) {
            tokens -= cost;
        }
        long retryAfter = allowed ? 0 : seconds((cost - tokens) / refillPerNano);
        return new Probe(allowed, (long) Math.floor(tokens), retryAfter, seconds((capacity - tokens) / refillPerNano));
    }

    /** Gives back the units of a request refused for another reason before it did any work. */
    synchronized Probe refund(long cost, long nowNanos) {
        tokens = Math.min(capacity, tokens + cost + (nowNanos - lastRefill) * refillPerNano);
        lastRefill = nowNanos;
        return new Probe(true, (long) Math.floor(tokens), 0, seconds((capacity - tokens) / refillPerNano));
    }

    /** True when an idle bucket is full again, so forgetting it changes nothing. */
    synchronized boolean isFull(long nowNanos) {
        return tokens + (nowNanos - lastRefill) * refillPerNano >= capacity;
    }

    private static long seconds(double nanos) {
        return (long) Math.ceil(nanos / 1e9);
    }
}
