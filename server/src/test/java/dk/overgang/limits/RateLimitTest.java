package dk.overgang.limits;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.devtoken.DevTokenMinter.Spec;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §4: rate limits per client. Budgets here are small and refill slowly (one unit every
 * two seconds), so what a test spends is what it sees.
 */
@MicronautTest(transactional = false)
class RateLimitTest extends ApiTest {

    private static final Pattern REMAINING = Pattern.compile("^\"client\";r=(\\d+);t=(\\d+)$");
    private final String prison = "limits-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.properties());
        props.put("overgang.rate-limit.capacity", "20");
        props.put("overgang.rate-limit.refill-per-second", "0.5");
        props.put("overgang.rate-limit.cost.read", "1");
        props.put("overgang.rate-limit.cost.search", "10");
        props.put("overgang.rate-limit.cost.worklist", "20");
        props.put("overgang.rate-limit.max-rows-in-flight", "500");
        return props;
    }

    private String client(String clientId, String scope) {
        return Tokens.minter().mint(Spec.of("prison", prison, scope).withClientId(clientId));
    }

    private static long remaining(Api.Response response) {
        Matcher m = REMAINING.matcher(String.valueOf(response.header("RateLimit")));
        assertTrue(m.matches(), "RateLimit header: " + response.raw().headers().map());
        return Long.parseLong(m.group(1));
    }

    @Test
    void readsBeyondTheBudgetAreRefusedWith429RetryAfterAndTheIetfFields() {
        String token = client("reader-" + UUID.randomUUID(), "user/Inmate.rs");
        String missing = "/api/v1/inmates/" + UUID.randomUUID();
        var first = api().get(missing, token);
        assertEquals(404, first.status(), "a read that finds nothing is answered as usual");
        assertEquals("\"client\";q=20;w=40", first.header("RateLimit-Policy"));
        long left = remaining(first);
        assertTrue(left >= 18 && left <= 19, "a read costs one unit: " + left);
        Api.Response last = first;
        for (int i = 0; i < 25 && last.status() != 429; i++) {
            last = api().get(missing, token);
        }
        assertEquals(429, last.status(), "the 21st read in a burst is refused");
        assertEquals("application/problem+json", last.header("Content-Type"));
        assertEquals("https://overgang.example/problems/too-many-requests", last.json().get("type").asText());
        assertEquals(429, last.json().get("status").asInt());
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "one unit comes back within two seconds: " + retryAfter);
        assertEquals(0, remaining(last));
    }

    @Test
    void searchesCostMoreAndOneClientsFloodDoesNotSpendAnothersBudget() {
        create(anInmate().inInstitution(prison));
        String flooder = client("flooder-" + UUID.randomUUID(), "user/Inmate.rs");
        String search = "/api/v1/inmates?institution=" + prison;
        assertEquals(200, api().get(search, flooder).status());
        assertEquals(200, api().get(search, flooder).status());
        var third = api().get(search, flooder);
        assertEquals(429, third.status(), "a search costs ten units: two fit a budget of twenty");
        assertTrue(Long.parseLong(third.header("Retry-After")) >= 1);

        // Another client system of the same prison, and the same client id in another organisation, keep their budgets.
        String other = client("other-" + UUID.randomUUID(), "user/Inmate.rs");
        var read = api().get(search, other);
        assertEquals(200, read.status());
        assertTrue(remaining(read) >= 9, "the other client's budget is untouched: " + read.header("RateLimit"));
        String sameClientElsewhere = Tokens.minter().mint(Spec.of("prison", prison + "-b", "user/Inmate.rs")
                .withClientId("flooder-elsewhere"));
        assertEquals(200, api().get("/api/v1/inmates?institution=" + prison + "-b", sameClientElsewhere).status());
    }

    @Test
    void anUnauthenticatedRequestIsAnswered401AndCostsNoBudget() {
        var response = api().get("/api/v1/inmates/" + UUID.randomUUID(), null);
        assertEquals(401, response.status());
        assertEquals(null, response.header("RateLimit"));
    }

    /**
     * Page size times concurrent searches is bounded: while one search of 500 rows is in flight (held
     * by the schema owner's lock on the inmate table, which every search reads), the same client's next search of 500
     * is refused at once; another client's is not; once the first ends, its rows are free again.
     */
    @Test
    void pageSizeTimesConcurrentSearchesIsBounded() throws Exception {
        create(anInmate().inInstitution(prison));
        String clientId = "paged-" + UUID.randomUUID();
        String token = client(clientId, "user/Inmate.rs");
        String search = "/api/v1/inmates?_count=500&institution=" + prison;
        CompletableFuture<Api.Response> held;
        try (Connection owner = TestDatabase.connect()) {
            owner.setAutoCommit(false);
            owner.createStatement().execute("LOCK TABLE inmate IN ACCESS EXCLUSIVE MODE");
            held = CompletableFuture.supplyAsync(() -> api().get(search, token));
            awaitWaitingOnLock(owner);
            var second = api().get(search, token);
            assertEquals(429, second.status(), "500 rows are already in flight for this client: " + second.body());
            assertTrue(second.json().get("detail").asText().contains("in flight"));
            owner.rollback();
        }
        assertEquals(200, held.get().status(), "the held search completes once the lock is gone");
        // Its rows are released: the next one is admitted (the budget allows a second search of ten units).
        assertEquals(200, api().get(search, token).status());
    }

    private static void awaitWaitingOnLock(Connection owner) throws Exception {
        try (Connection watcher = TestDatabase.connect()) {
            for (int i = 0; i < 100; i++) {
                var rs = watcher.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'inmate'::regclass");
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the first search never reached the database");
    }
}
