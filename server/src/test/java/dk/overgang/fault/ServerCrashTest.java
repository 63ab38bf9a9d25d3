package dk.overgang.fault;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.Api;
import dk.overgang.support.ServerProcess;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        ServerProcess server = ServerProcess.start(Map.of());
        int port = server.uri().getPort();
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
        server.kill(); // SIGKILL
        killed.set(true);
        assertTrue(!server.isAlive());
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
        int acknowledgedBeforeKill = acknowledged.size();

        Set<String> stored = storedIds();
        assertTrue(stored.containsAll(acknowledged.values()), "every acknowledged create survived the kill");

        try (ServerProcess second = ServerProcess.start(Map.of("micronaut.server.port", Integer.toString(port)))) {
            for (String key : keys) {
                Api.Response r = api.post("/api/v1/inmates", token, bodies.get(key), "Idempotency-Key", key);
                assertEquals(201, r.status(), r.body());
                String id = r.json().get("id").asText();
                String earlier = acknowledged.putIfAbsent(key, id);
                if (earlier != null) {
                    assertEquals(earlier, id, "a retry returns the create that was acknowledged");
                }
            }
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
}
