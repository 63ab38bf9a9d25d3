package dk.overgang.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Issue 28: tokens whose signature (and header policy) {@link JwksSignatureConfiguration} has
 * verified, so that a system reusing one token for minutes pays the RSA/EC verification once. The
 * key is the SHA-256 of the token's exact text (the header policy refuses any other spelling of the
 * same token); the entry holds until the token's {@code exp} and at most {@link #MAX_AGE}, the time
 * a remote key set is cached anyway, so a key withdrawn by the identity provider stops working as
 * soon as it would without this cache. Only successes are kept: a refused or forged token never
 * enters, and the cache holds at most {@link #MAX_ENTRIES} tokens (Caffeine evicts the least used).
 * The claims ({@code exp}, {@code nbf}, organisation) are still checked on every request by
 * {@link RequiredClaimsValidator}, and a client's suspension by {@link CallerProvider}.
 */
final class VerifiedTokens {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final Cache<String, Instant> verifiedUntil = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(MAX_AGE)
            .build();

    /** Whether this exact token was verified and its entry still holds at {@code now}. */
    boolean verified(String token, Instant now) {
        Instant until = verifiedUntil.getIfPresent(digest(token));
        return until != null && now.isBefore(until);
    }

    /** Remembers a verified token until its expiry ({@code null}: not at all), at most {@link #MAX_AGE} from {@code now}. */
    void remember(String token, Instant expiry, Instant now) {
        if (expiry == null || !now.isBefore(expiry)) {
            return;
        }
        Instant until = expiry.isBefore(now.plus(MAX_AGE)) ? expiry : now.plus(MAX_AGE);
        verifiedUntil.put(digest(token), until);
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
