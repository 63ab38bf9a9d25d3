package dk.overgang.web;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 27 §2: a date beyond PostgreSQL's range answered 500 (SQL state 22008) on query parameters,
 * cursors and bodies. Every date the API accepts is from 1900-01-01 to 2200-12-31, checked in one
 * place ({@code shared/ApiDates}), else 400 naming the field; nothing is stored.
 */
@MicronautTest(transactional = false)
class FarDatesTest extends ApiTest {

    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final String prison = "far-" + tag;
    private final String kif = "kif-far-" + tag;

    private String staff() {
        return Tokens.token("prison", prison, "user/Inmate.cruds user/ReleaseMeeting.cruds user/ActionPlan.cruds");
    }

    private static void assert400Naming(String field, Api.Response r) {
        assertEquals(400, r.status(), r.body());
        assertEquals("application/problem+json", r.header("Content-Type"), r.body());
        JsonNode errors = r.json().get("errors");
        assertEquals(field, errors.get(0).get("field").asText(), r.body());
    }

    private static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "-999999999-01-01", "1899-12-31", "2201-01-01", "+10000-01-01",
            "2026-01-011", "20260101", "2026-1-01"})
    void aQueryDateOutsideTheRangeOrFormatIs400NamingIt(String far) {
        String q = java.net.URLEncoder.encode(far, StandardCharsets.UTF_8);
        String token = staff();
        assert400Naming("releaseFrom", api().get("/api/v1/inmates?releaseFrom=" + q, token));
        assert400Naming("releaseTo", api().get("/api/v1/inmates?releaseTo=" + q, token));
        assert400Naming("from", api().get("/api/v1/release-meetings?from=" + q, token));
        assert400Naming("to", api().get("/api/v1/release-meetings?to=" + q, token));
        assert400Naming("from", api().get("/api/v1/worklist?from=" + q, token));
        assert400Naming("to", api().get("/api/v1/worklist?to=" + q, token));
        assert400Naming("from", api().get("/api/v1/ksp-meetings?from=" + q,
                Tokens.token("probation", kif, "user/KspList.cruds")));
    }

    @Test
    void theRangesEndsAreAccepted() {
        String token = staff();
        assertEquals(200, api().get("/api/v1/inmates?releaseFrom=1900-01-01&releaseTo=2200-12-31", token).status());
        assertEquals(200, api().get("/api/v1/release-meetings?from=1900-01-01&to=2200-12-31", token).status());
        assertEquals(200, api().get("/api/v1/worklist?from=1900-01-01&to=2200-12-31", token).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "1899-12-31", "2201-01-01"})
    void aCursorCarryingAFarDateIs400NamingIt(String far) {
        String id = UUID.randomUUID().toString();
        assert400Naming("_cursor", api().get("/api/v1/release-meetings?_cursor=" + cursor(far + "|" + id), staff()));
        assert400Naming("_cursor", api().get("/api/v1/ksp-meetings?_cursor=" + cursor(far + "|" + id),
                Tokens.token("probation", kif, "user/KspList.cruds")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1899-12-31T12:00:00Z",
            "2200-12-31T12:00:00Z", "10000-01-01T00:00:00Z"})
    void aBodyDateTimeOutsideTheRangeIs400NamingItAndNothingIsStored(String far) {
        String inmate = create(anInmate().inInstitution(prison)).get("id").asText();
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("inmateId", inmate);
        meeting.put("startsAt", far);
        meeting.put("place", "Mødelokale 2");
        assert400Naming("startsAt", api().post("/api/v1/release-meetings", staff(), meeting));
        assertEquals(0, api().get("/api/v1/release-meetings?inmateId=" + inmate, staff()).json().get("items").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31", "1899-12-31", "2201-01-01", "2026-01-01T00:00:00Z"})
    void aBodyDateOutsideTheRangeOrFormatIs400NamingIt(String far) {
        Map<String, Object> body = anInmate().inInstitution(prison).build();
        body.put("expectedReleaseDate", far);
        assert400Naming("expectedReleaseDate", api().post("/api/v1/inmates", staff(), body));
    }

    @Test
    void aDateGivenAsANumberIs400() {
        Map<String, Object> body = anInmate().inInstitution(prison).build();
        body.put("expectedReleaseDate", 20260101);
        assertEquals(400, api().post("/api/v1/inmates", staff(), body).status());
    }

    @Test
    void theBoundaryDateTimesAreAccepted() {
        for (String startsAt : List.of("1900-01-02T00:00:00Z", "2200-12-30T23:59:59Z")) {
            String inmate = create(anInmate().inInstitution(prison)).get("id").asText();
            Map<String, Object> meeting = new LinkedHashMap<>();
            meeting.put("inmateId", inmate);
            meeting.put("startsAt", startsAt);
            meeting.put("place", "Mødelokale 2");
            var r = api().post("/api/v1/release-meetings", staff(), meeting);
            assertEquals(201, r.status(), r.body());
        }
    }
}
