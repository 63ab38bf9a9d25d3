package dk.overgang.sdk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook came from Overgang (Standard Webhooks): the {@code webhook-signature} header
 * must hold a {@code v1,} HMAC-SHA256 of {@code "<webhook-id>.<webhook-timestamp>.<raw body>"} under
 * one of your subscription's secrets (give both while you rotate), and the timestamp must be recent
 * (default 5 minutes, against replay). Verify the raw bytes before parsing them; remember
 * {@code webhook-id} to drop repeats (delivery is at least once).
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(List.of(System.getenv("OVERGANG_WEBHOOK_SECRET")));
 * verifier.verify(request::getHeader, rawBody);   // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {

    private static final String PREFIX = "whsec_";

    private final List<byte[]> keys;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookVerifier(List<String> secrets) {
        this(secrets, Duration.ofMinutes(5), Clock.systemUTC());
    }

    public WebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret (whsec_...) is needed");
        }
        this.keys = secrets.stream().map(WebhookVerifier::key).toList();
        this.tolerance = Objects.requireNonNull(tolerance);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Thrown when a webhook is not Overgang's, or too old. */
    public static final class WebhookVerificationException extends RuntimeException {
        public WebhookVerificationException(String message) {
            super(message);
        }
    }

    /**
     * @param header the request's headers by (case-insensitive) name, null when absent
     * @param body   the raw body, exactly as received
     * @return the {@code webhook-id}, for recognising repeats
     */
    public String verify(Function<String, String> header, byte[] body) {
        String id = header.apply("webhook-id");
        String timestamp = header.apply("webhook-timestamp");
        String signatures = header.apply("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            throw new WebhookVerificationException("webhook-id, webhook-timestamp and webhook-signature are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not a number");
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > tolerance.toSeconds()) {
            throw new WebhookVerificationException("webhook-timestamp is too far from now");
        }
        for (byte[] key : keys) {
            byte[] expected = sign(key, id, timestamp, body);
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,")) {
                    byte[] given;
                    try {
                        given = Base64.getDecoder().decode(signature.substring(3));
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    if (MessageDigest.isEqual(expected, given)) {
                        return id;
                    }
                }
            }
        }
        throw new WebhookVerificationException("no valid signature");
    }

    private static byte[] key(String secret) {
        if (!secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a secret starts with whsec_");
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    private static byte[] sign(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
