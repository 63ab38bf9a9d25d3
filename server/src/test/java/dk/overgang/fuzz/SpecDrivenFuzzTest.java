package dk.overgang.fuzz;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.UUID;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * Spec-driven fuzzing: for every operation in the OpenAPI document, invalid and boundary inputs built
 * from its parameters and request schema (wrong types, huge strings, unicode edge cases, deep JSON,
 * bad dates, negative and huge numbers, duplicated keys, broken bodies and headers). Every answer
 * must be below 500 and every error a valid problem+json, and a rejected request must not have
 * changed a row: a row trigger on every table logs writes transactionally, so a rejected
 * request that left anything behind shows up.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecDrivenFuzzTest extends ApiTest {

    private static final String PRISON = "fuzz-prison";
    private static final String MUNICIPALITY = "187";
    private static final String KIF = "fuzz-kif";
    private static final String PROGRAMME = "roede-kors-primus-motor";
    private static final String[] NOT_WATCHED = {"audit_event", "audit_subject", "audit_chain", "flyway_schema_history", "fuzz_change_log"};

    private final Map<String, String> ids = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int requests;

    /** No delivery worker here: its background updates of deliveries would look like writes of rejected requests. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("overgang.webhooks.enabled", "false");
        return properties;
    }

    private String prisonToken() {
        return Tokens.token("prison", PRISON, "user/*.cruds", "lsrnr-certified", "security-unit", "manager");
    }

    private String operatorToken() {
        return Tokens.token("operator", "overgang-drift", "user/Client.cruds");
    }

    private String kifToken() {
        return Tokens.token("probation", KIF, "user/*.cruds", "manager");
    }

    @BeforeAll
    void fixtureAndChangeLog() throws SQLException {
        Api api = api();
        String inmate = create(anInmate().inInstitution(PRISON).inMunicipality(MUNICIPALITY)).get("id").asText();
        ids.put("inmate", inmate);
        ids.put("action-plan", post(api, "/api/v1/action-plans", prisonToken(), Map.of("inmateId", inmate,
                "sentenceStart", "2026-03-01")));
        ids.put("lsrnr", post(api, "/api/v1/lsrnr-assessments", prisonToken(), assessment(inmate)));
        ids.put("handover", post(api, "/api/v1/handovers", prisonToken(), Map.of("inmateId", inmate)));
        String forum = post(api, "/api/v1/ksp-forums", kifToken(), Map.of("name", "KSP Fuzz", "policeDistrict", "fuzz-politi",
                "municipalities", List.of(MUNICIPALITY), "institutions", List.of(PRISON)));
        ids.put("forum", forum);
        String meeting = post(api, "/api/v1/ksp-meetings", kifToken(), Map.of("forumId", forum, "date", "2026-12-01",
                "place", "Rådhuset"));
        ids.put("meeting", meeting);
        var list = api.put("/api/v1/ksp-meetings/" + meeting + "/list", kifToken(), Map.of("entries", List.of(
                Map.of("inmateId", inmate, "reason", "Bekymring", "legalBasis", "released-from-institution"))));
        assertEquals(200, list.status(), list.body());
        ids.put("entry", list.json().at("/entries/0/entryId").asText());
        ids.put("proposal", post(api, "/api/v1/ksp-meetings/" + meeting + "/proposals", kifToken(), Map.of(
                "person", Map.of("name", "Ung Person", "cpr", "010108-1234"), "reason", "x", "legalBasis", "young-person-section-78")));
        var supervision = api.put("/api/v1/inmates/" + inmate + "/supervision", prisonToken(), supervision());
        assertEquals(201, supervision.status(), supervision.body());
        ids.put("release-meeting", post(api, "/api/v1/release-meetings", prisonToken(), releaseMeeting(inmate)));
        ids.put("consent", post(api, "/api/v1/consents", prisonToken(), consent(inmate)));
        ids.put("referral", post(api, "/api/v1/referrals", prisonToken(), Map.of("inmateId", inmate, "programmeId", PROGRAMME)));
        ids.put("subscription", post(api, "/api/v1/subscriptions", prisonToken(), Map.of("endpoint", "http://127.0.0.1:9/hook",
                "eventTypes", List.of("released"))));
        ids.put("client", post(api, "/api/v1/clients", operatorToken(), client()));

        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS fuzz_change_log (id bigserial PRIMARY KEY, tbl text NOT NULL)");
            st.execute("""
                    CREATE OR REPLACE FUNCTION fuzz_log_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
                    BEGIN INSERT INTO fuzz_change_log (tbl) VALUES (TG_TABLE_NAME); RETURN NULL; END; $$""");
            // SECURITY DEFINER: the server's application role may not write this test's own table.
            // Row level: an INSERT ... ON CONFLICT DO NOTHING that inserted nothing changed nothing.
            for (String table : tables(st)) {
                st.execute("CREATE TRIGGER fuzz_watch AFTER INSERT OR UPDATE OR DELETE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION fuzz_log_change()");
            }
        }
        long before = changes();
        create(anInmate().inInstitution(PRISON));
        assertTrue(changes() > before, "the change log sees an accepted write");
    }

    @AfterAll
    void dropChangeLog() throws SQLException {
        if (changeLog != null) {
            changeLog.close();
        }
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            for (String table : tables(st)) {
                st.execute("DROP TRIGGER IF EXISTS fuzz_watch ON " + table);
            }
        }
    }

    private static List<String> tables(Statement st) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                // The audit log's monthly partitions (issue 28 §4) are the audit log too, and so are its index's (V37).
                if (!List.of(NOT_WATCHED).contains(rs.getString(1)) && !rs.getString(1).startsWith("audit_event_")
                        && !rs.getString(1).startsWith("audit_subject_")) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    @Test
    @SuppressWarnings("unchecked")
    void noInputAnswers5xxEveryErrorIsAProblemAndNoRejectedRequestChangesARow() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(Path.of(System.getProperty("overgang.spec",
                "../api-spec/openapi.yaml"))));
        Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
        Map<String, Integer> perOperation = new TreeMap<>();
        for (var path : paths.entrySet()) {
            Map<String, Object> item = (Map<String, Object>) path.getValue();
            for (String method : List.of("get", "post", "put", "delete")) {
                Map<String, Object> op = (Map<String, Object>) item.get(method);
                if (op == null) {
                    continue;
                }
                int before = requests;
                fuzz(spec, path.getKey(), method.toUpperCase(), op, (List<Object>) item.getOrDefault("parameters", List.of()));
                perOperation.put((String) op.get("operationId"), requests - before);
            }
        }
        System.out.printf("Spec-driven fuzzing: %d requests over %d operations, %d failures%n", requests,
                perOperation.size(), failures.size());
        failures.stream().limit(60).forEach(f -> System.out.println("FUZZ FAILURE " + f));
        assertEquals(List.of(), failures.stream().limit(20).toList());
        assertTrue(perOperation.values().stream().allMatch(n -> n >= 5), "every operation fuzzed: " + perOperation);
        assertTrue(strictChecks > 300, "the strict-input classes were generated: " + strictChecks);
        assertTrue(farDateChecks > 100, "far dates were generated: " + farDateChecks);
        assertTrue(transferCodingChecks >= 4 * perOperation.size(), "transfer codings on every operation: " + transferCodingChecks);
    }

    private int strictChecks;

    /**
     * Input that must be refused (issue 11), for every operation with a body: an integer field given
     * {@code 29.5} or {@code "30"}, a boolean field given {@code "true"}, data after the document,
     * invalid, overlong or surrogate UTF-8, an escaped lone surrogate and another declared charset.
     * Each must answer exactly 400, change nothing, and (for the encoding classes) say malformed-json.
     */
    @SuppressWarnings("unchecked")
    private void strictInput(Map<String, Object> spec, String operation, String method, String path, String token,
                             Map<String, Object> op, Map<String, Object> base, String[] headers) {
        Map<String, String> types = propertyTypes(spec, op);
        for (var property : types.entrySet()) {
            List<Object> wrong = switch (property.getValue()) {
                case "integer" -> List.of(29.5, "30", 30.0, 1e3);
                case "boolean" -> List.of("true", 1, "false");
                default -> List.of();
            };
            for (Object bad : wrong) {
                Map<String, Object> mutated = new LinkedHashMap<>(base);
                mutated.put(property.getKey(), bad);
                expect400(operation, method, path, null, () -> api().send(method, path, token, "application/json",
                        Api.json(mutated), headers));
            }
        }
        String json = Api.json(base);
        for (String trailing : List.of(" {}", "x", " 1", "[]", "\"tail\"", "\n{\"a\":1}")) {
            expect400(operation, method, path, "malformed-json", () -> api().send(method, path, token, "application/json",
                    json + trailing, headers));
        }
        String stringField = types.entrySet().stream().filter(e -> e.getValue().equals("string") && base.get(e.getKey()) instanceof String)
                .map(Map.Entry::getKey).findFirst().orElse(null);
        byte[][] badBytes = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        String marker = "\u0001MARK\u0001";
        Map<String, Object> marked = new LinkedHashMap<>(base);
        String target = stringField != null ? stringField : "name";
        marked.put(target, "Ab" + marker);
        String template = Api.json(marked);
        for (byte[] bad : badBytes) {
            byte[] body = splice(template, "\\u0001MARK\\u0001", bad);
            expect400(operation, method, path, "malformed-json", () -> api().sendBytes(method, path, token, "application/json",
                    body, headers));
        }
        for (String escape : List.of("\\ud800", "\\udc00", "\\ud800\\u0041", "\\ud800x")) {
            String body = template.replace("\\u0001MARK\\u0001", escape);
            expect400(operation, method, path, "malformed-json", () -> api().send(method, path, token, "application/json",
                    body, headers));
        }
        for (String charset : List.of("iso-8859-1", "utf-16", "windows-1252")) {
            expect400(operation, method, path, "malformed-json", () -> api().send(method, path, token,
                    "application/json; charset=" + charset, json, headers));
        }
    }

    private static final List<String> FAR_DATES = List.of("+999999999-12-31", "-999999999-01-01", "1899-12-31",
            "2201-01-01", "+10000-01-01");
    private static final List<String> FAR_DATE_TIMES = List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "1899-12-31T12:00:00Z", "2201-01-01T00:00:00+01:00");

    /**
     * Issue 27 §2: far dates (beyond PostgreSQL's range, or outside 1900-2200) in every date and
     * date-time query parameter and top-level body property, and in a cursor on every operation
     * that takes one. Each must answer exactly 400, naming the field, and change nothing.
     */
    @SuppressWarnings("unchecked")
    private void farDates(Map<String, Object> spec, String operation, String method, String path, String token,
                          List<Map<String, Object>> params, Map<String, Object> op, Object body, String[] headers) {
        String bodyJson = body == null ? null : Api.json(body);
        // Where the request without the far value is refused already (a search missing its required
        // filter), the 400 may name that other field first.
        boolean baseAccepted = !method.equals("GET") || api().get(path, token).status() < 300;
        for (var p : params) {
            if (!"query".equals(p.get("in"))) {
                continue;
            }
            String name = (String) p.get("name");
            String format = String.valueOf(resolve(spec, (Map<String, Object>) p.getOrDefault("schema", Map.of())).get("format"));
            List<String> far = switch (format) {
                case "date" -> FAR_DATES;
                case "date-time" -> FAR_DATE_TIMES;
                default -> List.of();
            };
            for (String bad : far) {
                expect400Naming(operation, method, baseAccepted ? name : null, () -> api().send(method, path + "?" + name + "=" + encode(bad),
                        token, bodyJson == null ? null : "application/json", bodyJson, headers));
            }
            if (name.equals("_cursor")) {
                for (String bad : FAR_DATES) {
                    for (String id : List.of(UUID.randomUUID().toString(), "1")) {
                        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString((bad + "|" + id)
                                .getBytes(StandardCharsets.US_ASCII));
                        expect400Naming(operation, method, baseAccepted ? name : null, () -> api().send(method, path + "?_cursor=" + cursor, token,
                                bodyJson == null ? null : "application/json", bodyJson, headers));
                    }
                }
            }
        }
        if (!(body instanceof Map<?, ?> base) || !op.containsKey("requestBody")) {
            return;
        }
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) op.get("requestBody")).get("content");
        if (!content.containsKey("application/json")) {
            return;
        }
        for (var property : propertyFormats(spec, op).entrySet()) {
            List<String> far = property.getValue().equals("date") ? FAR_DATES : FAR_DATE_TIMES;
            for (String bad : far) {
                Map<String, Object> mutated = new LinkedHashMap<>((Map<String, Object>) base);
                mutated.put(property.getKey(), bad);
                expect400Naming(operation, method, property.getKey(), () -> api().send(method, path, token, "application/json",
                        Api.json(mutated), headers));
            }
        }
    }

    /** Top-level body properties of format date or date-time, and their format. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> propertyFormats(Map<String, Object> spec, Map<String, Object> op) {
        Map<String, String> formats = new LinkedHashMap<>();
        Map<String, Object> media = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) op.get("requestBody"))
                .get("content")).get("application/json");
        Map<String, Object> schema = resolve(spec, (Map<String, Object>) media.get("schema"));
        for (var property : ((Map<String, Object>) schema.getOrDefault("properties", Map.of())).entrySet()) {
            Map<String, Object> p = resolve(spec, (Map<String, Object>) property.getValue());
            if (p.containsKey("allOf")) {
                p = resolve(spec, (Map<String, Object>) ((List<Object>) p.get("allOf")).get(0));
            }
            Object format = p.get("format");
            if ("date".equals(format) || "date-time".equals(format)) {
                formats.put(property.getKey(), (String) format);
            }
        }
        return formats;
    }

    private void expect400Naming(String operation, String method, String field, java.util.function.Supplier<Api.Response> call) {
        farDateChecks++;
        long before = changes();
        Api.Response r = call.get();
        requests++;
        String where = operation + " " + method + " far date in " + field + " -> " + r.status();
        if (r.status() != 400) {
            failures.add(where + ": must be 400 " + abbreviate(r.body()));
        } else if (field != null && !r.body().contains("\"field\":\"" + field + "\"")) {
            failures.add(where + ": must name " + field + ": " + abbreviate(r.body()));
        }
        if (changes() != before) {
            failures.add(where + ": a refused request changed a row");
        }
    }

    private int farDateChecks;
    private int transferCodingChecks;

    /**
     * Issue 27 §1: a Transfer-Encoding other than one final chunked, with Content-Length, on every
     * operation, over a raw connection with a second request hidden after the body: 501, the
     * connection closed, the hidden request never served, nothing changed.
     */
    private void transferCodings(String operation, String method, String path, String token, String bodyJson) {
        byte[] body = (bodyJson == null ? "{}" : bodyJson).getBytes(StandardCharsets.UTF_8);
        for (String coding : List.of("identity", "xchunked", "gzip, chunked", "chunked, identity")) {
            transferCodingChecks++;
            long before = changes();
            String head = method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nTransfer-Encoding: "
                    + coding + "\r\n\r\n";
            String hidden = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
            String answer;
            try (java.net.Socket socket = new java.net.Socket(server.getHost(), server.getPort())) {
                socket.setSoTimeout(5000);
                var out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.write(hidden.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                answer = "no answer: " + e.getClass().getSimpleName();
            }
            requests++;
            String where = operation + " " + method + " Transfer-Encoding " + coding;
            if (!answer.startsWith("HTTP/1.1 501") || answer.contains("HTTP/1.1 200") || answer.contains("\"status\":\"UP\"")) {
                failures.add(where + ": must be 501 alone, connection closed: " + abbreviate(answer));
            }
            if (changes() != before) {
                failures.add(where + ": a refused request changed a row");
            }
        }
    }

    private static byte[] splice(String json, String marker, byte[] bytes) {
        int at = json.indexOf(marker);
        byte[] before = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = json.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[before.length + bytes.length + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        System.arraycopy(bytes, 0, body, before.length, bytes.length);
        System.arraycopy(after, 0, body, before.length + bytes.length, after.length);
        return body;
    }

    private void expect400(String operation, String method, String path, String problemType,
                           java.util.function.Supplier<Api.Response> call) {
        strictChecks++;
        long before = changes();
        Api.Response r = call.get();
        requests++;
        String where = operation + " " + method + " " + abbreviate(path) + " -> " + r.status();
        if (r.status() != 400) {
            failures.add(where + ": must be refused with 400 " + abbreviate(r.body()));
        } else if (problemType != null && !r.json().path("type").asText().endsWith("/" + problemType)) {
            failures.add(where + ": expected " + problemType + ", got " + r.json().path("type").asText());
        }
        if (changes() != before) {
            failures.add(where + ": a refused request changed a row");
        }
    }

    /**
     * A form-encoded body (issue 15's token endpoint): missing, empty, garbled, huge, repeated and
     * wrongly encoded fields, and assertions that are no JWT, an unsigned one, or garbage base64.
     */
    private void formBodies(String operation, String method, String path) {
        String form = "application/x-www-form-urlencoded";
        String type = "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
        for (String bad : List.of("", "=", "&&&", "grant_type", "grant_type=", "grant_type=client_credentials",
                "grant_type=client_credentials&" + type, "grant_type=client_credentials&" + type + "&client_assertion=a.b.c",
                "grant_type=client_credentials&" + type + "&client_assertion=eyJhbGciOiJub25lIn0.e30.",
                "grant_type=client_credentials&" + type + "&client_assertion=%FF%FE%ED%A0%80",
                "grant_type=client_credentials&" + type + "&client_assertion=" + "A".repeat(20_000),
                "grant_type=client_credentials&grant_type=password&" + type + "&client_assertion=x",
                "grant_type=client_credentials&" + type + "&client_assertion=x&scope=" + "system/Inmate.rs+".repeat(200),
                "grant_type=%ZZ", "\uFEFFgrant_type=client_credentials")) {
            sendWithType(operation, method, path, null, bad, form);
        }
        sendWithType(operation, method, path, null, "{\"grant_type\":\"client_credentials\"}", "application/json");
    }

    /** The top-level properties of the operation's JSON body and their types (integer, boolean, string, ...). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> propertyTypes(Map<String, Object> spec, Map<String, Object> op) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
        Map<String, Object> content = (Map<String, Object>) body.get("content");
        Map<String, Object> media = (Map<String, Object>) content.get("application/json");
        Map<String, Object> schema = resolve(spec, (Map<String, Object>) media.get("schema"));
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        for (var property : properties.entrySet()) {
            Map<String, Object> p = resolve(spec, (Map<String, Object>) property.getValue());
            if (p.containsKey("allOf")) {
                p = resolve(spec, (Map<String, Object>) ((List<Object>) p.get("allOf")).get(0));
            }
            types.put(property.getKey(), String.valueOf(p.getOrDefault("type", "object")));
        }
        return types;
    }

    @SuppressWarnings("unchecked")
    private void fuzz(Map<String, Object> spec, String template, String method, Map<String, Object> op, List<Object> shared) {
        String operation = (String) op.get("operationId");
        String token = template.contains("ksp") ? kifToken() : template.startsWith("/api/v1/clients") ? operatorToken()
                : prisonToken();
        List<Map<String, Object>> params = new ArrayList<>();
        for (Object p : shared) {
            params.add(resolve(spec, (Map<String, Object>) p));
        }
        for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
            params.add(resolve(spec, (Map<String, Object>) p));
        }
        String path = concretePath(template);
        String[] headers = headers(params);
        Object body = op.containsKey("requestBody") ? baseBody(operation) : null;
        String bodyJson = body == null ? null : Api.json(body);

        // Path parameters: each replaced by bad values.
        for (var p : params) {
            if ("path".equals(p.get("in"))) {
                for (String bad : BAD_SCALARS) {
                    send(operation, method, template.replace("{" + p.get("name") + "}", encode(bad))
                            .replaceAll("\\{[A-Za-z]+}", "x"), token, bodyJson, headers);
                }
                send(operation, method, concretePath(template.replace("{" + p.get("name") + "}", "%ED%A0%80%FF")), token,
                        bodyJson, headers);
            }
        }
        // Query parameters: wrong types, boundaries, repeated.
        for (var p : params) {
            if ("query".equals(p.get("in"))) {
                String name = (String) p.get("name");
                for (String bad : BAD_SCALARS) {
                    send(operation, method, path + "?" + name + "=" + encode(bad), token, bodyJson, headers);
                }
                send(operation, method, path + "?" + name + "=%ED%A0%80", token, bodyJson, headers);
                send(operation, method, path + "?" + name + "=1&" + name + "=2", token, bodyJson, headers);
            }
        }
        farDates(spec, operation, method, path, token, params, op, body, headers);
        transferCodings(operation, method, path, token, bodyJson);
        // Headers: garbage If-Match and Idempotency-Key.
        for (String bad : List.of("W/\"-1\"", "*", "\"99999999999999999999\"", "x".repeat(70))) {
            send(operation, method, path, token, bodyJson, "If-Match", bad, "Idempotency-Key", bad);
        }
        Map<String, Object> responses = (Map<String, Object>) op.get("responses");
        if (responses.containsKey("204")) {
            // A 204 has no body, so every Accept is served (issue 11: DELETE with Accept: application/json was 406).
            for (String accept : List.of("application/json", "text/html", "application/xml")) {
                strictChecks++;
                Api.Response r = api().send(method, path, token, null, null, "Accept", accept);
                requests++;
                if (r.status() != 204) {
                    failures.add(operation + " " + method + " with Accept " + accept + " -> " + r.status() + ": must be 204");
                }
            }
        }
        if (body == null) {
            send(operation, method, path, token, "{\"unexpected\":true}", headers);
            return;
        }
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) op.get("requestBody")).get("content");
        if (!content.containsKey("application/json")) {
            formBodies(operation, method, path);
            return;
        }
        if (body instanceof Map<?, ?> map) {
            strictInput(spec, operation, method, path, token, op, (Map<String, Object>) map, headers);
        }
        // Whole bodies.
        for (String bad : List.of("", "null", "[]", "\"text\"", "{", "{\"a\":}", "{}} trailing", "[".repeat(10_000)
                + "]".repeat(10_000), "{\"x\":".repeat(5_000) + "1" + "}".repeat(5_000), "\uFEFF{}", "{\"\\ud800\":1}")) {
            send(operation, method, path, token, bad, headers);
        }
        sendRaw(operation, method, path, token, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, headers);
        sendWithType(operation, method, path, token, bodyJson, "text/plain", headers);
        sendWithType(operation, method, path, token, "x".repeat(70_000), "application/json", headers);
        // Each top-level property: wrong types and edge values; and the whole object with a key duplicated.
        if (body instanceof Map<?, ?> base) {
            for (Object key : base.keySet()) {
                for (Object bad : badValues()) {
                    Map<String, Object> mutated = new LinkedHashMap<>((Map<String, Object>) base);
                    mutated.put((String) key, bad);
                    send(operation, method, path, token, Api.json(mutated), headers);
                }
                String json = Api.json(base);
                String duplicated = json.substring(0, json.length() - 1) + ",\"" + key + "\":" + "{\"dup\":[1]}}";
                send(operation, method, path, token, duplicated, headers);
            }
            Map<String, Object> unknown = new LinkedHashMap<>((Map<String, Object>) base);
            unknown.put("notInTheContract", 1);
            send(operation, method, path, token, Api.json(unknown), headers);
        }
    }

    private static final List<String> BAD_SCALARS = List.of("not-a-uuid", "-1", "0", "99999999999999999999",
            "9999999999999999999", "9223372036854775808", "1e309",
            "2026-02-30", "0000-00-00", "abc\u202Edef", "\u0000", "../../etc/passwd", "' OR 1=1 --", "x".repeat(3000),
            "😀".repeat(100), "true", "null");

    private static List<Object> badValues() {
        List<Object> values = new ArrayList<>(List.of(-1, 0, Long.MAX_VALUE, 1.5e308, "-1", true, "true", List.of(),
                List.of(1, "x", List.of()), Map.of(), Map.of("nested", Map.of("deeper", List.of(Map.of()))),
                "2026-02-30", "2026-13-01", "99999-01-01", "not-a-uuid", "x".repeat(100_000), "\u0000", "\uD800",
                "\u202E\u200B\uFEFF", "😀".repeat(3000), "010190-12345"));
        values.add(null);
        return values;
    }

    private void send(String operation, String method, String path, String token, String body, String... headers) {
        sendWithType(operation, method, path, token, body, body == null ? null : "application/json", headers);
    }

    private void sendRaw(String operation, String method, String path, String token, byte[] body, String... headers) {
        check(operation, method, path, () -> api().sendBytes(method, path, token, "application/json", body, headers));
    }

    private void sendWithType(String operation, String method, String path, String token, String body, String type,
                              String... headers) {
        check(operation, method, path, () -> api().send(method, path, token, type, body, headers));
    }

    private void check(String operation, String method, String path, java.util.function.Supplier<Api.Response> call) {
        long changesBefore = changes();
        Api.Response r;
        try {
            r = call.get();
        } catch (RuntimeException e) {
            failures.add(operation + " " + method + " " + abbreviate(path) + ": no answer (" + e.getClass().getSimpleName() + ")");
            return;
        }
        requests++;
        String where = operation + " " + method + " " + abbreviate(path) + " -> " + r.status();
        if (r.status() >= 500) {
            failures.add(where + " " + abbreviate(r.body()));
            return;
        }
        if (r.status() >= 400) {
            String type = r.header("Content-Type");
            JsonNode problem;
            try {
                problem = r.json();
            } catch (RuntimeException e) {
                failures.add(where + ": error body is not JSON");
                return;
            }
            // RFC 6749 §5.2 (issue 27 §4): every refusal of the token endpoint is an OAuth error, not a problem.
            boolean oauth = operation.equals("requestToken") && r.status() != 404 && r.status() != 405;
            if (oauth && (type == null || !type.startsWith("application/json") || !problem.path("error").isTextual()
                    || problem.has("type") || r.header("WWW-Authenticate") != null)) {
                failures.add(where + ": not an OAuth error: " + abbreviate(r.body()));
            }
            if (!oauth && (type == null || !type.startsWith("application/problem+json") || !problem.path("type").asText()
                    .startsWith("https://overgang.example/problems/") || problem.path("status").asInt() != r.status()
                    || problem.path("title").asText().isEmpty())) {
                failures.add(where + ": not a valid problem+json: " + abbreviate(r.body()));
            }
            long changesAfter = changes();
            if (changesAfter != changesBefore) {
                failures.add(where + ": a rejected request changed " + (changesAfter - changesBefore) + " table(s)");
            }
        }
    }

    /** One connection for the change counts (autocommit: each count sees what has committed). */
    private Connection changeLog;

    private long changes() {
        try {
            if (changeLog == null || changeLog.isClosed()) {
                changeLog = TestDatabase.connect();
            }
            try (Statement st = changeLog.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM fuzz_change_log")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> spec, Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        Map<String, Object> at = spec;
        for (String part : ((String) ref).substring(2).split("/")) {
            at = (Map<String, Object>) at.get(part);
        }
        return at;
    }

    private String concretePath(String template) {
        String meeting = ids.get("meeting");
        String path = template;
        if (template.startsWith("/api/v1/inmates/{id}")) {
            path = path.replace("{id}", ids.get("inmate"));
        } else if (template.startsWith("/api/v1/action-plans/{id}")) {
            path = path.replace("{id}", ids.get("action-plan"));
        } else if (template.startsWith("/api/v1/lsrnr-assessments/{id}")) {
            path = path.replace("{id}", ids.get("lsrnr"));
        } else if (template.startsWith("/api/v1/handovers/{id}")) {
            path = path.replace("{id}", ids.get("handover"));
        } else if (template.startsWith("/api/v1/ksp-forums/{id}")) {
            path = path.replace("{id}", ids.get("forum"));
        } else if (template.startsWith("/api/v1/ksp-meetings/{id}")) {
            path = path.replace("{id}", meeting);
        } else if (template.startsWith("/api/v1/ksp-proposals/{id}")) {
            path = path.replace("{id}", ids.get("proposal"));
        } else if (template.startsWith("/api/v1/release-meetings/{id}")) {
            path = path.replace("{id}", ids.get("release-meeting"));
        } else if (template.startsWith("/api/v1/subscriptions/{id}")) {
            path = path.replace("{id}", ids.get("subscription")).replace("{deliveryId}", "1");
        } else if (template.startsWith("/api/v1/clients/{clientId}")) {
            path = path.replace("{clientId}", ids.get("client"));
        } else if (template.startsWith("/api/v1/consents/{id}")) {
            path = path.replace("{id}", ids.get("consent"));
        } else if (template.startsWith("/api/v1/referrals/{id}")) {
            path = path.replace("{id}", ids.get("referral"));
        } else if (template.matches("/api/v1/programmes/[^/]+/referrals/\\{id}.*")) { // also with a fuzzed programme id
            path = path.replace("{id}", ids.get("referral"));
        }
        return path.replace("{versionId}", "1").replace("{kind}", "municipality-contact").replace("{checkpoint}", "3-months").replace("{code}", MUNICIPALITY).replace("{deliveryId}", "1")
                .replace("{programmeId}", PROGRAMME);
    }

    private static String[] headers(List<Map<String, Object>> params) {
        boolean ifMatch = params.stream().anyMatch(p -> "If-Match".equals(p.get("name")));
        return ifMatch ? new String[] {"If-Match", "W/\"1\""} : new String[0];
    }

    private Object baseBody(String operation) {
        String inmate = ids.get("inmate");
        return switch (operation) {
            case "createInmate", "updateInmate" -> anInmate().inInstitution(PRISON).inMunicipality(MUNICIPALITY).build();
            case "lookupInmatesByCpr", "lookupAuditEventsByCpr" -> Map.of("cpr", "010190-1234");
            case "createActionPlan", "updateActionPlan" -> Map.of("inmateId", inmate, "sentenceStart", "2026-03-01",
                    "interventions", Map.of("description", "Behandling"));
            case "createLsRnrAssessment", "updateLsRnrAssessment" -> assessment(inmate);
            case "createHandover" -> Map.of("inmateId", inmate);
            case "recordFulfilment" -> Map.of("doneOn", "2026-03-20");
            case "recordRadicalisationConcern" -> Map.of("since", "2026-05-01");
            case "setRestriction" -> Map.of("restricted", false);
            case "setLegalHold" -> Map.of("held", false);
            case "recordGangExitCase" -> Map.of("active", true);
            case "addGangExitNote" -> Map.of("text", "Notat");
            case "recordInformationNotice" -> Map.of("topic", "action-plan", "informedOn", "2026-03-05", "method", "in-person");
            case "createKspForum" -> Map.of("name", "KSP", "policeDistrict", "p", "municipalities", List.of(MUNICIPALITY));
            case "createKspMeeting" -> Map.of("forumId", ids.get("forum"), "date", "2026-12-02", "place", "Rådhuset");
            case "publishKspList" -> Map.of("entries", List.of(Map.of("inmateId", inmate, "reason", "x",
                    "legalBasis", "released-from-institution")));
            case "createKspProposal" -> Map.of("inmateId", inmate, "reason", "x", "legalBasis", "released-from-institution");
            case "decideKspProposal" -> Map.of("decision", "decline", "reason", "x");
            case "recordKspExchange" -> Map.of("entryId", ids.get("entry"), "summary", "x", "inmateInformed", true);
            case "approveHandover", "acknowledgeHandover" -> Map.of();
            case "recordSupervision" -> supervision();
            case "createConsent" -> consent(inmate);
            case "withdrawConsent" -> Map.of();
            case "createReferral" -> Map.of("inmateId", inmate, "programmeId", PROGRAMME);
            case "updateReferralStatus" -> Map.of("status", "accepted");
            case "createNgoNote" -> Map.of("text", "Godt besøg", "shareWithAuthorities", false);
            case "recordOutcome" -> Map.of("status", "employment");
            case "createSubscription" -> Map.of("endpoint", "http://127.0.0.1:9/hook", "eventTypes", List.of("released"));
            case "updateMunicipality" -> Map.of("name", "Fuzz Kommune", "contactPoint", Map.of("unit", "Enhed", "email", "a@b.example"));
            case "updateProgramme" -> Map.of("name", "Besøg", "description", "Frivillige besøger indsatte.",
                    "institutions", List.of(), "dataItems", List.of("first-name"));
            case "createReleaseMeeting", "updateReleaseMeeting" -> releaseMeeting(inmate);
            case "createClient", "updateClient" -> client();
            case "approveClient" -> Map.of("roles", List.of());
            // Sent as JSON, as every fuzzed body is: the form-encoded endpoint answers 415 (a problem) to all of it.
            case "requestToken" -> Map.of("grant_type", "client_credentials", "client_assertion_type", "x", "client_assertion", "y");
            default -> throw new AssertionError("Give " + operation + " a valid base body to fuzz from");
        };
    }

    private static Map<String, Object> client() {
        return Map.of("name", "Fuzz sagssystem", "organisation", Map.of("orgType", "municipality", "orgId", MUNICIPALITY),
                "scopes", List.of("system/Inmate.rs"), "jwks", Map.of("keys", List.of(Map.of("kty", "EC", "kid", "fuzz-1",
                        "crv", "P-256", "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                        "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"))));
    }

    private static Map<String, Object> consent(String inmate) {
        return Map.of("inmateId", inmate, "programmeId", PROGRAMME, "purpose", "referral", "dataItems", List.of("first-name"),
                "validFrom", java.time.LocalDate.now().toString());
    }

    private static Map<String, Object> supervision() {
        return Map.of("probationOffice", KIF, "status", "assigned", "from", "2027-03-01");
    }

    private static Map<String, Object> releaseMeeting(String inmate) {
        return Map.of("inmateId", inmate, "startsAt", "2030-01-15T10:00:00+01:00", "place", "Mødelokale 2",
                "inmateInvited", true);
    }

    private static Map<String, Object> assessment(String inmate) {
        return Map.of("inmateId", inmate, "assessedOn", "2026-03-05", "assessor", "Test Assessor", "riskLevel", "high",
                "needs", List.of(Map.of("domain", "companions", "score", 6, "level", "high")));
    }

    private static String post(Api api, String path, String token, Object body) {
        var r = api.post(path, token, body);
        assertEquals(201, r.status(), path + ": " + r.body());
        return r.json().get("id").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
