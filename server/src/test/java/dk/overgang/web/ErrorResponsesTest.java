package dk.overgang.web;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a precise problem+json answer, never a 500, and nothing is stored. */
@MicronautTest(transactional = false)
class ErrorResponsesTest extends ApiTest {

    private static final String PRISON = "errors-prison";
    private static final String PROBLEMS = "https://overgang.example/problems/";

    private void assertProblem(Api.Response response, int status, String type, String field) {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.header("Content-Type"));
        var body = response.json();
        assertEquals(PROBLEMS + type, body.get("type").asText());
        assertEquals(status, body.get("status").asInt());
        assertTrue(body.get("title").isTextual());
        if (field != null) {
            assertEquals(field, body.at("/errors/0/field").asText(), response.body());
        }
    }

    /** Issue 11: numbers and booleans are typed strictly; 29.5 was stored as 29 and decided whether R14 applies. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "sentenceLengthDays | 29.5",
            "sentenceLengthDays | \"30\"",
            "sentenceLengthDays | 30.0",
            "sentenceLengthDays | 2147483648",
            "expelledByJudgment | \"true\"",
            "expelledByJudgment | 1",
            "paroleRefused      | \"false\"",
    })
    void badRequest400ForANumberOrBooleanOfTheWrongJsonType(String field, String json) throws Exception {
        var body = new java.util.LinkedHashMap<String, Object>(anInmate().inInstitution(PRISON).build());
        body.remove(field);
        String raw = Api.JSON.writeValueAsString(body);
        raw = raw.substring(0, raw.length() - 1) + ",\"" + field + "\":" + json + "}";
        assertProblem(api().send("POST", "/api/v1/inmates", Tokens.prison(PRISON), "application/json", raw), 400,
                "malformed-json", field);
    }

    /** One JSON document in UTF-8, never silently repaired. */
    @Test
    void badRequest400ForTrailingDataInvalidOrOverlongUtf8LoneSurrogatesAndOtherCharsets() throws Exception {
        String json = Api.JSON.writeValueAsString(anInmate().inInstitution(PRISON).with("name", "Ab@").build());
        String token = Tokens.prison(PRISON);
        for (String trailing : java.util.List.of(" {}", "x", "\n[]")) {
            assertProblem(api().send("POST", "/api/v1/inmates", token, "application/json", json + trailing), 400, "malformed-json", null);
        }
        for (byte[] bad : new byte[][] {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            byte[] body = json.replace("Ab@", "Ab\u0001").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int at = new String(body, java.nio.charset.StandardCharsets.UTF_8).indexOf('\u0001');
            byte[] spliced = new byte[body.length - 1 + bad.length];
            System.arraycopy(body, 0, spliced, 0, at);
            System.arraycopy(bad, 0, spliced, at, bad.length);
            System.arraycopy(body, at + 1, spliced, at + bad.length, body.length - at - 1);
            assertProblem(api().sendBytes("POST", "/api/v1/inmates", token, "application/json", spliced), 400, "malformed-json", null);
        }
        assertProblem(api().send("POST", "/api/v1/inmates", token, "application/json", json.replace("Ab@", "Ab\\ud800")),
                400, "malformed-json", null);
        assertProblem(api().send("POST", "/api/v1/inmates", token, "application/json; charset=iso-8859-1", json),
                400, "malformed-json", null);
        assertEquals(201, api().send("POST", "/api/v1/inmates", token, "application/json; charset=UTF-8",
                json.replace("Ab@", "Ab\\ud83d\\ude00")).status(), "a paired surrogate escape is a real character");
    }

    @Test
    void badRequest400ForAVersionIdBeyondWhatTheServerHolds() {
        String id = create(anInmate().inInstitution(PRISON)).get("id").asText();
        assertProblem(api().get("/api/v1/inmates/" + id + "/_history/9999999999999999999", Tokens.prison(PRISON)),
                400, "validation", "versionId");
        assertEquals(404, api().get("/api/v1/inmates/" + id + "/_history/999999999999999999", Tokens.prison(PRISON)).status());
    }

    @Test
    void badRequest400ForAParoleAfterTheFullTerm() {
        assertProblem(api().post("/api/v1/inmates", Tokens.prison(PRISON), anInmate().inInstitution(PRISON)
                .paroledOn("2027-09-01", "2027-08-24").build()), 400, "validation", "expectedParoleDate");
    }

    @Test
    void noContent204WhateverTheAcceptHeader() {
        String id = create(anInmate().inInstitution(PRISON)).get("id").asText();
        String security = Tokens.token("prison", PRISON, "user/Inmate.u", "security-unit");
        for (String accept : java.util.List.of("application/json", "application/problem+json", "text/html", "*/*")) {
            assertEquals(204, api().send("DELETE", "/api/v1/inmates/" + id + "/radicalisation-concern", security, null, null,
                    "Accept", accept).status(), accept);
        }
    }

    @Test
    void badRequest400ForMalformedJson() {
        assertProblem(api().send("POST", "/api/v1/inmates", Tokens.prison(PRISON), "application/json", "{\"cpr\":"),
                400, "malformed-json", null);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "custodyStatus      | \"escaped\"",
            "birthDate          | \"1990-13-45\"",
            "sentenceLengthDays | \"many\"",
            "expelledByJudgment | \"perhaps\"",
            "sentenceLengthDays | 1e999",
    })
    void badRequest400NamesTheFieldOfAWrongTypeOrUnknownValue(String field, String json) throws Exception {
        var body = new java.util.LinkedHashMap<String, Object>(anInmate().inInstitution(PRISON).build());
        body.remove(field);
        String raw = Api.JSON.writeValueAsString(body);
        raw = raw.substring(0, raw.length() - 1) + ",\"" + field + "\":" + json + "}";
        var response = api().send("POST", "/api/v1/inmates", Tokens.prison(PRISON), "application/json", raw);
        assertEquals(400, response.status(), response.body());
        assertEquals(field, response.json().at("/errors/0/field").asText(), response.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cpr                | 12345",
            "cpr                | 310290-0123",
            "name               | ''",
            "actingMunicipality | 1010",
            "currentInstitution | 'a b'",
            "birthDate          | 1990-01-02",
            "sentenceLengthDays | 0",
            "sentenceLengthDays | 36501",
    })
    void badRequest400ForAnInvalidFieldNamesTheFieldAndNeverEchoesTheValue(String field, String value) throws SQLException {
        var inmate = anInmate().inInstitution(PRISON);
        Object typed = field.equals("sentenceLengthDays") ? (Object) Integer.parseInt(value) : value;
        long before = count();
        var response = api().post("/api/v1/inmates", Tokens.prison(PRISON), inmate.with(field, typed).build());
        assertProblem(response, 400, "validation", field);
        assertFalse(response.body().contains(inmate.cpr()), "the CPR number must not be echoed");
        assertEquals(before, count(), "nothing stored");
    }

    @Test
    void badRequest400ForAnUnknownFieldSinceTheContractAllowsNoExtraProperties() {
        var response = api().post("/api/v1/inmates", Tokens.prison(PRISON), anInmate().inInstitution(PRISON).with("isAdmin", true).build());
        assertEquals(400, response.status(), response.body());
    }

    @Test
    void badRequest400ForAMissingRequiredField() {
        assertProblem(api().post("/api/v1/inmates", Tokens.prison(PRISON), anInmate().with("name", null).build()),
                400, "validation", "name");
    }

    @Test
    void badRequest400ForABadUuidInThePath() {
        assertProblem(api().get("/api/v1/inmates/12345", Tokens.prison(PRISON)), 400, "validation", "id");
    }

    @Test
    void badRequest400ForAPageSizeOutOfRange() {
        assertProblem(api().get("/api/v1/inmates?_count=501", Tokens.prison(PRISON)), 400, "validation", "_count");
        assertProblem(api().get("/api/v1/inmates?_count=-1", Tokens.prison(PRISON)), 400, "validation", "_count");
        assertProblem(api().get("/api/v1/inmates?_count=x", Tokens.prison(PRISON)), 400, "validation", "_count");
    }

    @Test
    void payloadTooLarge413ForAHugeBody() {
        String huge = "{\"name\":\"" + "a".repeat(200_000) + "\"}";
        assertProblem(api().send("POST", "/api/v1/inmates", Tokens.prison(PRISON), "application/json", huge),
                413, "payload-too-large", null);
    }

    @Test
    void unsupportedMediaType415ForANonJsonBody() {
        assertProblem(api().send("POST", "/api/v1/inmates", Tokens.prison(PRISON), "text/plain", "cpr=0101900123"),
                415, "unsupported-media-type", null);
    }

    @Test
    void methodNotAllowed405AndNotFound404AreProblemsToo() {
        assertProblem(api().send("DELETE", "/api/v1/inmates/00000000-0000-4000-8000-000000000000", Tokens.prison(PRISON), null, null),
                405, "method-not-allowed", null);
        assertProblem(api().get("/api/v1/nothing-here", Tokens.prison(PRISON)), 404, "not-found", null);
    }

    @Test
    void badRequest400ForDeeplyNestedJsonWithoutA500() {
        String deep = "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        var response = api().send("POST", "/api/v1/inmates", Tokens.prison(PRISON), "application/json", deep);
        assertEquals(400, response.status(), response.body());
    }

    @Test
    void aCprNumberNeverAppearsInAnyErrorResponse() {
        var inmate = anInmate().inInstitution(PRISON);
        for (var body : new Map[] {inmate.with("birthDate", "1900-01-01").build(), Map.of("cpr", inmate.cpr(), "name", 7)}) {
            var response = api().post("/api/v1/inmates", Tokens.prison(PRISON), body);
            assertEquals(400, response.status());
            assertFalse(response.body().contains(inmate.cpr().substring(0, 6)), response.body());
        }
    }

    /** Issue 12 §4: a path segment that failed validation is never echoed in {@code instance}. */
    @Test
    void theProblemInstanceNeverEchoesARejectedPathSegment() {
        var cpr = api().get("/api/v1/inmates/010190-1234", Tokens.prison(PRISON));
        assertProblem(cpr, 400, "validation", "id");
        assertFalse(cpr.body().contains("010190"), cpr.body());
        assertEquals("/api/v1/inmates/{id}", cpr.json().get("instance").asText());
        var bare = api().get("/api/v1/inmates/0101901234/_history", Tokens.prison(PRISON));
        assertFalse(bare.body().contains("0101901234"), bare.body());
        var markup = api().get("/api/v1/nothing-here/%3Cscript%3Ealert(1)%3C%2Fscript%3E", Tokens.prison(PRISON));
        assertProblem(markup, 404, "not-found", null);
        assertFalse(markup.body().contains("script"), markup.body());
        String id = "00000000-0000-4000-8000-000000000000";
        assertEquals("/api/v1/inmates/" + id, api().get("/api/v1/inmates/" + id, Tokens.prison(PRISON)).json()
                .get("instance").asText(), "a well-formed id is the occurrence and is kept");
    }

    /** Issue 12 §4: error responses are never cacheable, under /docs as well. */
    @Test
    void errorResponsesAreNeverCacheableNotEvenUnderDocs() {
        var missingDoc = api().get("/docs/static/no-such-file.css", null);
        assertEquals(404, missingDoc.status());
        assertEquals("no-store", missingDoc.header("Cache-Control"));
        var docs = api().get("/docs", null);
        assertEquals(200, docs.status());
        assertTrue(docs.header("Cache-Control").startsWith("public"), docs.header("Cache-Control"));
        assertEquals("no-store", api().get("/api/v1/inmates/12345", Tokens.prison(PRISON)).header("Cache-Control"));
    }

    private static long count() throws SQLException {
        try (var c = TestDatabase.connect(); var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM inmate")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
