package dk.overgang.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 28: what the cache of verified signatures remembers, and for how long. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aVerifiedTokenHoldsUntilItsExpiry() {
        VerifiedTokens cache = new VerifiedTokens();
        cache.remember("a.b.c", NOW.plusSeconds(120), NOW);
        assertTrue(cache.verified("a.b.c", NOW.plusSeconds(119)));
        assertFalse(cache.verified("a.b.c", NOW.plusSeconds(120)), "not at or after exp");
    }

    @Test
    void aLongLivedTokenHoldsAtMostTheMaximumAge() {
        VerifiedTokens cache = new VerifiedTokens();
        cache.remember("a.b.c", NOW.plus(Duration.ofHours(1)), NOW);
        assertTrue(cache.verified("a.b.c", NOW.plus(VerifiedTokens.MAX_AGE).minusSeconds(1)));
        assertFalse(cache.verified("a.b.c", NOW.plus(VerifiedTokens.MAX_AGE)), "verified again after five minutes");
    }

    @Test
    void onlyTheExactTextAndOnlyUnexpiredTokensAreRemembered() {
        VerifiedTokens cache = new VerifiedTokens();
        cache.remember("a.b.c", NOW.plusSeconds(60), NOW);
        assertFalse(cache.verified("a.b.d", NOW), "another signature");
        assertFalse(cache.verified("a.x.c", NOW), "another payload");
        cache.remember("expired.b.c", NOW.minusSeconds(1), NOW);
        cache.remember("noexp.b.c", null, NOW);
        assertFalse(cache.verified("expired.b.c", NOW));
        assertFalse(cache.verified("noexp.b.c", NOW));
    }
}
