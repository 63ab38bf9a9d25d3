package dk.overgang.fault;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.Api;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The server killed (SIGKILL, no shutdown hooks) under write load: every create it acknowledged is
 * stored, because a 201 is sent only after the commit. Then a new server starts on the same database
 * and clients finish their creates with the same Idempotency-Key: no duplicates.
 */
class ServerCrashTest {

    private static final String PRISON = "crash-" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void noAcknowledgedWriteIsLostWhenTheServerIsKilledAndRetriesDoNotDuplicate() throws Exception {
        int port = freePort();
        Process server = start(port);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(UUID.randomUUID().toString());
        }
        Map<String, Map<String, Object>> bodies = new ConcurrentHashMap<>();
        keys.forEach(k -> bodies.put(k, anInmate().inInstitution(PRISON).build()));
        Api api = new Api(URI.create("http://127.0.0.1:" + port));
        String token = Tokens.prison(PRISON);
        AtomicBoolean killed = new AtomicBoolean();

        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            int client = c;
            clients.submit(() -> {
                for (int i = client; i < keys.size() && !killed.get(); i += 4) {
                    String key = keys.get(i);
                    try {
                        Api.Response r = api.post("/api/v1/inmates", token, bodies.get(key), "Idempotency-Key", key);
                        if (r.status() == 201) {
                            acknowledged.put(key, r.json().get("id").asText());
                        }
                    } catch (Throwable lost) {
                        // the server died with the request in flight: unknown outcome, retried below
                    }
                }
            });
        }
        while (acknowledged.size() < 40) {
            Thread.sleep(10);
        }
        server.destroyForcibly(); // SIGKILL
        killed.set(true);
        assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        int acknowledgedBeforeKill = acknowledged.size();

        Set<String> stored = storedIds();
        assertTrue(stored.containsAll(acknowledged.values()), "every acknowledged create survived the kill");

        Process second = start(port);
        try {
            for (String key : keys) {
                Api.Response r = api.post("/api/v1/inmates", token, bodies.get(key), "Idempotency-Key", key);
                assertEquals(201, r.status(), r.body());
                String id = r.json().get("id").asText();
                String earlier = acknowledged.putIfAbsent(key, id);
                if (earlier != null) {
                    assertEquals(earlier, id, "a retry returns the create that was acknowledged");
                }
            }
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
        Set<String> after = storedIds();
        assertEquals(keys.size(), after.size(), "one inmate per Idempotency-Key, none duplicated");
        assertEquals(new HashSet<>(acknowledged.values()), after);
        System.out.printf("Server kill: %d creates acknowledged before SIGKILL, all stored; %d after restart, no duplicates%n",
                acknowledgedBeforeKill, after.size());
    }

    private static Set<String> storedIds() throws Exception {
        try (Connection c = TestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("SELECT id::text FROM inmate WHERE current_institution = ?")) {
            ps.setString(1, PRISON);
            Set<String> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** The server in its own JVM (the test's classpath), so that it can be killed like a real one. */
    private static Process start(int port) throws IOException, InterruptedException {
        Map<String, String> db = TestDatabase.properties();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "dk.overgang.Application");
        pb.environment().put("MICRONAUT_ENVIRONMENTS", "test");
        pb.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        pb.environment().put("DATASOURCES_DEFAULT_URL", db.get("datasources.default.url"));
        pb.environment().put("DATASOURCES_DEFAULT_USERNAME", db.get("datasources.default.username"));
        pb.environment().put("DATASOURCES_DEFAULT_PASSWORD", db.get("datasources.default.password"));
        if (db.containsKey("overgang.db.migration.username")) {
            pb.environment().put("OVERGANG_DB_MIGRATION_USERNAME", db.get("overgang.db.migration.username"));
            pb.environment().put("OVERGANG_DB_MIGRATION_PASSWORD", db.get("overgang.db.migration.password"));
        }
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("The server did not start within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
