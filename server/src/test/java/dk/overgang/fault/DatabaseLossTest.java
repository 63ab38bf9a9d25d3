package dk.overgang.fault;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.Api;
import dk.overgang.support.TcpProxy;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The database lost under load, without touching the machine's shared PostgreSQL: the server talks to
 * it through a {@link TcpProxy} that this test cuts for a few seconds. Clients create inmates and, as
 * the contract says, retry 503s and lost connections with the same Idempotency-Key.
 */
class DatabaseLossTest {

    private static final String PRISON = "fault-" + UUID.randomUUID().toString().substring(0, 6);
    private static final int CLIENTS = 4;
    private static final int CREATES_PER_CLIENT = 30;

    @Test
    void cleanServiceUnavailableWhileLostNoAcknowledgedWriteLostNoDuplicateOnRetryAndQuickRecovery() throws Exception {
        Map<String, String> db = TestDatabase.properties();
        URI target = URI.create(db.get("datasources.default.url").substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
            Map<String, Object> props = new HashMap<>(db);
            props.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath());
            props.put("datasources.default.connection-timeout", "2000");
            props.put("datasources.default.validation-timeout", "1000");
            props.put("micronaut.server.port", "-1");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "test")) {
                Api api = new Api(server.getURI());
                String token = Tokens.prison(PRISON);
                Map<String, String> acknowledged = new ConcurrentHashMap<>(); // Idempotency-Key -> inmate id
                List<Integer> statuses = new CopyOnWriteArrayList<>();
                List<String> badAnswers = new CopyOnWriteArrayList<>();
                AtomicInteger done = new AtomicInteger();

                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> work = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    work.add(clients.submit(() -> {
                        for (int i = 0; i < CREATES_PER_CLIENT; i++) {
                            String key = UUID.randomUUID().toString();
                            Map<String, Object> body = anInmate().inInstitution(PRISON).build();
                            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                            while (System.nanoTime() < giveUp) {
                                Api.Response r;
                                try {
                                    r = api.post("/api/v1/inmates", token, body, "Idempotency-Key", key);
                                } catch (RuntimeException e) {
                                    sleep(200); // the answer was lost: retry with the same key
                                    continue;
                                }
                                statuses.add(r.status());
                                if (r.status() == 201) {
                                    acknowledged.put(key, r.json().get("id").asText());
                                    break;
                                }
                                if (r.status() != 503 || r.header("Retry-After") == null
                                        || !r.header("Content-Type").startsWith("application/problem+json")) {
                                    badAnswers.add(r.status() + " " + r.body());
                                    break;
                                }
                                sleep(300); // shorter than Retry-After, to measure recovery
                            }
                            done.incrementAndGet();
                        }
                    }));
                }
                while (done.get() < CLIENTS * 5) {
                    Thread.sleep(20);
                }
                proxy.cut();
                Thread.sleep(4000);
                int duringOutage = statuses.size();
                long restoredAt = System.nanoTime();
                proxy.restore();
                int before = acknowledged.size();
                while (acknowledged.size() == before && System.nanoTime() - restoredAt < TimeUnit.SECONDS.toNanos(30)) {
                    Thread.sleep(20);
                }
                double recoverySeconds = (System.nanoTime() - restoredAt) / 1e9;
                for (Future<?> f : work) {
                    f.get(120, TimeUnit.SECONDS);
                }
                clients.shutdown();

                System.out.printf("Database loss: %d answers, %d of them 503, first 201 %.2f s after the database returned%n",
                        statuses.size(), statuses.stream().filter(x -> x == 503).count(), recoverySeconds);
                assertEquals(List.of(), badAnswers, "every answer is 201 or a clean 503 with Retry-After");
                assertTrue(statuses.contains(503), "the outage was seen as 503 (" + duringOutage + " answers)");
                assertTrue(recoverySeconds < 10, "recovered in " + recoverySeconds + " s");
                assertEquals(CLIENTS * CREATES_PER_CLIENT, acknowledged.size(), "every create finally acknowledged");

                try (Connection c = TestDatabase.connect();
                     PreparedStatement ps = c.prepareStatement("SELECT id::text FROM inmate WHERE current_institution = ?")) {
                    ps.setString(1, PRISON);
                    Set<String> stored = new java.util.HashSet<>();
                    int rows = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            stored.add(rs.getString(1));
                            rows++;
                        }
                    }
                    assertTrue(stored.containsAll(acknowledged.values()), "no acknowledged write lost");
                    assertEquals(CLIENTS * CREATES_PER_CLIENT, rows, "no duplicate from a retried create");
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
