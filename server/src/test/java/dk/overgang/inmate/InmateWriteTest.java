package dk.overgang.inmate;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** POST and PUT of inmates: versions, ETag/If-Match, idempotent create. */
@MicronautTest(transactional = false)
class InmateWriteTest extends ApiTest {

    private static final String PRISON = "storstroem";

    @Test
    void created201WithLocationEtagAndVersionOne() {
        var inmate = anInmate().inInstitution(PRISON).build();
        var response = api().post("/api/v1/inmates", Tokens.prison(PRISON), inmate);

        assertEquals(201, response.status(), response.body());
        JsonNode body = response.json();
        String id = body.get("id").asText();
        assertEquals("/api/v1/inmates/" + id, response.header("Location"));
        assertEquals("W/\"1\"", response.header("ETag"));
        assertEquals("1", body.at("/meta/versionId").asText());
        assertEquals(inmate.get("cpr"), body.get("cpr").asText());
        assertEquals("sentenced", body.get("custodyStatus").asText());
        assertEquals(body, api().get("/api/v1/inmates/" + id, Tokens.prison(PRISON)).json(), "a read shows what create returned");
    }

    @Test
    void created201NormalisesACprWithoutHyphen() {
        var inmate = anInmate().inInstitution(PRISON);
        String cpr = inmate.cpr();
        var body = create(inmate.with("cpr", cpr.replace("-", "")));
        assertEquals(cpr, body.get("cpr").asText());
    }

    @Test
    void forbidden403ForPrisonStaffRegisteringAnInmateOfAnotherInstitution() {
        var response = api().post("/api/v1/inmates", Tokens.prison(PRISON), anInmate().inInstitution("nyborg").build());
        assertEquals(403, response.status());
        assertEquals("https://overgang.example/problems/forbidden", response.json().get("type").asText());
    }

    @Test
    void forbidden403ForAMunicipalityCreatingEvenWithTheScope() {
        var token = Tokens.token("municipality", "101", "user/Inmate.cruds");
        assertEquals(403, api().post("/api/v1/inmates", token, anInmate().build()).status());
    }

    @Test
    void created201OnceForTheSameIdempotencyKeyAndReplayedAfterwards() throws SQLException {
        var inmate = anInmate().inInstitution(PRISON).build();
        String key = UUID.randomUUID().toString();
        var first = api().post("/api/v1/inmates", Tokens.prison(PRISON), inmate, "Idempotency-Key", key);
        var second = api().post("/api/v1/inmates", Tokens.prison(PRISON), inmate, "Idempotency-Key", key);

        assertEquals(201, first.status());
        assertEquals(201, second.status());
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(1, countInmatesWithCpr((String) inmate.get("cpr")));
    }

    @Test
    void conflict409WhenAnIdempotencyKeyIsReusedForAnotherBody() {
        String key = UUID.randomUUID().toString();
        assertEquals(201, api().post("/api/v1/inmates", Tokens.prison(PRISON), anInmate().build(), "Idempotency-Key", key).status());
        var reused = api().post("/api/v1/inmates", Tokens.prison(PRISON), anInmate().build(), "Idempotency-Key", key);
        assertEquals(409, reused.status());
        assertEquals("https://overgang.example/problems/idempotency-key-reused", reused.json().get("type").asText());
    }

    @Test
    void created201OnlyOnceWhenTheSameKeyIsSentConcurrently() throws Exception {
        var inmate = anInmate().inInstitution(PRISON).build();
        String key = UUID.randomUUID().toString();
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> {
                var r = api().post("/api/v1/inmates", Tokens.prison(PRISON), inmate, "Idempotency-Key", key);
                assertEquals(201, r.status(), r.body());
                return r.header("Location");
            });
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<String> locations = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                locations.add(f.get());
            }
            assertEquals(1, locations.stream().distinct().count());
        }
        assertEquals(1, countInmatesWithCpr((String) inmate.get("cpr")));
    }

    @Test
    void ok200UpdateWithCurrentEtagMakesVersionTwoAndKeepsVersionOne() {
        var inmate = anInmate().inInstitution(PRISON).inMunicipality("101");
        String id = create(inmate).get("id").asText();

        var updated = api().put("/api/v1/inmates/" + id, Tokens.prison(PRISON),
                inmate.inMunicipality("751").build(), "If-Match", "W/\"1\"");

        assertEquals(200, updated.status(), updated.body());
        assertEquals("W/\"2\"", updated.header("ETag"));
        assertEquals("751", updated.json().get("actingMunicipality").asText());
        var v1 = api().get("/api/v1/inmates/" + id + "/_history/1", Tokens.prison(PRISON));
        assertEquals(200, v1.status());
        assertEquals("101", v1.json().get("actingMunicipality").asText());
        var history = api().get("/api/v1/inmates/" + id + "/_history", Tokens.prison(PRISON)).json().get("items");
        assertEquals(2, history.size());
        assertEquals("2", history.get(0).at("/meta/versionId").asText(), "newest first");
    }

    @Test
    void preconditionRequired428WithoutIfMatch() {
        var inmate = anInmate().inInstitution(PRISON);
        String id = create(inmate).get("id").asText();
        var response = api().put("/api/v1/inmates/" + id, Tokens.prison(PRISON), inmate.build());
        assertEquals(428, response.status());
        assertEquals("https://overgang.example/problems/precondition-required", response.json().get("type").asText());
    }

    @Test
    void preconditionFailed412WithAStaleOrUnparseableEtagAndNothingChanges() {
        var inmate = anInmate().inInstitution(PRISON).inMunicipality("101");
        String id = create(inmate).get("id").asText();
        assertEquals(200, api().put("/api/v1/inmates/" + id, Tokens.prison(PRISON), inmate.build(), "If-Match", "W/\"1\"").status());

        for (String stale : List.of("W/\"1\"", "\"1\"", "*", "W/\"99\"", "garbage")) {
            var response = api().put("/api/v1/inmates/" + id, Tokens.prison(PRISON), inmate.inMunicipality("461").build(),
                    "If-Match", stale);
            assertEquals(412, response.status(), stale);
        }
        var current = api().get("/api/v1/inmates/" + id, Tokens.prison(PRISON));
        assertEquals("W/\"2\"", current.header("ETag"));
        assertEquals("101", current.json().get("actingMunicipality").asText());
    }

    @Test
    void exactlyOneOfConcurrentUpdatesOfOneVersionWins() throws Exception {
        var inmate = anInmate().inInstitution(PRISON);
        String id = create(inmate).get("id").asText();
        List<String> municipalities = List.of("101", "147", "151", "153", "155", "157", "159", "161");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String code : municipalities) {
            Map<String, Object> body = anInmate().with("cpr", inmate.cpr()).with("birthDate", inmate.build().get("birthDate"))
                    .inInstitution(PRISON).inMunicipality(code).build();
            calls.add(() -> api().put("/api/v1/inmates/" + id, Tokens.prison(PRISON), body, "If-Match", "W/\"1\"").status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(municipalities.size())) {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(municipalities.size() - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        assertEquals(2, api().get("/api/v1/inmates/" + id + "/_history", Tokens.prison(PRISON)).json().get("items").size());
    }

    @Test
    void ok200TransferToAnotherInstitutionHandsTheInmateOver() {
        var inmate = anInmate().inInstitution(PRISON);
        String id = create(inmate).get("id").asText();
        assertEquals(200, api().put("/api/v1/inmates/" + id, Tokens.prison(PRISON), inmate.inInstitution("nyborg").build(),
                "If-Match", "W/\"1\"").status());

        assertEquals(404, api().get("/api/v1/inmates/" + id, Tokens.prison(PRISON)).status());
        assertEquals(200, api().get("/api/v1/inmates/" + id, Tokens.prison("nyborg")).status());
    }

    @Test
    void notFound404UpdatingAnotherInstitutionsInmateAndNothingChanges() {
        var inmate = anInmate().inInstitution("nyborg").inMunicipality("461");
        String id = create(inmate).get("id").asText();
        var response = api().put("/api/v1/inmates/" + id, Tokens.prison(PRISON), inmate.inMunicipality("101").build(),
                "If-Match", "W/\"1\"");
        assertEquals(404, response.status());
        assertEquals("461", api().get("/api/v1/inmates/" + id, Tokens.prison("nyborg")).json().get("actingMunicipality").asText());
    }

    @Test
    void forbidden403WhenAMunicipalityTriesToUpdateItsOwnInmate() {
        var inmate = anInmate().inInstitution(PRISON).inMunicipality("101");
        String id = create(inmate).get("id").asText();
        var token = Tokens.token("municipality", "101", "user/Inmate.cruds");
        assertEquals(403, api().put("/api/v1/inmates/" + id, token, inmate.build(), "If-Match", "W/\"1\"").status());
    }

    @Test
    void theAuditRecordIsWrittenInTheSameTransactionAsTheCreate() throws SQLException {
        String id = create(anInmate().inInstitution(PRISON)).get("id").asText();
        try (var c = TestDatabase.connect();
             var ps = c.prepareStatement("SELECT action, outcome, actor_org_id FROM audit_event WHERE resource_id = ?::uuid")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("create", rs.getString(1));
                assertEquals("success", rs.getString(2));
                assertEquals(PRISON, rs.getString(3));
            }
        }
    }

    @Test
    void storedVersionsCannotBeChangedOrDeletedEvenByTheServersDatabaseRole() throws SQLException {
        String id = create(anInmate().inInstitution(PRISON)).get("id").asText();
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            for (String sql : List.of(
                    "UPDATE resource_version SET body = '{}' WHERE resource_type = 'inmate' AND resource_id = '" + id + "'",
                    "DELETE FROM resource_version WHERE resource_type = 'inmate' AND resource_id = '" + id + "'",
                    "DELETE FROM inmate WHERE id = '" + id + "'",
                    "UPDATE audit_event SET outcome = 'success' WHERE resource_id = '" + id + "'",
                    "DELETE FROM audit_event WHERE resource_id = '" + id + "'",
                    "TRUNCATE audit_event")) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> st.execute(sql), sql);
                assertNotNull(e.getSQLState());
            }
        }
    }

    private static int countInmatesWithCpr(String cpr) throws SQLException {
        try (var c = TestDatabase.connect(); var ps = c.prepareStatement("SELECT count(*) FROM inmate WHERE cpr = ?")) {
            ps.setString(1, cpr.replace("-", ""));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
