package dk.overgang.database;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 (Asked 4): one version history. Every versioned resource answers its {@code _history},
 * newest first and paged, with the versions the API named (ETag, versionId) when they were current.
 */
@MicronautTest(transactional = false)
class VersionHistoryTest extends ApiTest {

    private final String prison = "vh-" + UUID.randomUUID().toString().substring(0, 8);
    private final String municipality = "8" + String.format("%02d", ThreadLocalRandom.current().nextInt(100));

    /** The versionIds of a history, newest first, walking every page of {@code count}. */
    private List<String> versionIds(String path, String token, int count, String field) {
        List<String> ids = new ArrayList<>();
        String next = path + "?_count=" + count;
        while (next != null) {
            Api.Response page = api().get(next, token);
            assertEquals(200, page.status(), page.body());
            for (JsonNode item : page.json().get("items")) {
                ids.add(item.at(field).asText());
            }
            JsonNode link = page.json().at("/links/next");
            next = link.isMissingNode() || link.isNull() ? null : link.asText();
        }
        return ids;
    }

    private JsonNode history(String path, String token) {
        Api.Response page = api().get(path, token);
        assertEquals(200, page.status(), page.body());
        return page.json().get("items");
    }

    @Test
    void aConsentAndAReferralKeepEveryVersion() {
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        String referrer = Tokens.token("prison", prison, "user/Consent.cru user/Referral.cr");
        var consent = api().post("/api/v1/consents", referrer, Map.of("inmateId", person, "programmeId", "roede-kors-primus-motor",
                "purpose", "referral", "dataItems", List.of("first-name"), "validFrom", LocalDate.now().toString()));
        assertEquals(201, consent.status(), consent.body());
        String consentId = consent.json().get("id").asText();
        var referral = api().post("/api/v1/referrals", referrer, Map.of("inmateId", person, "programmeId", "roede-kors-primus-motor"));
        assertEquals(201, referral.status(), referral.body());
        String referralId = referral.json().get("id").asText();
        var accepted = api().put("/api/v1/programmes/roede-kors-primus-motor/referrals/" + referralId + "/status",
                Tokens.token("ngo", "roede-kors-primus-motor", "user/Referral.u"), Map.of("status", "accepted"), "If-Match", "W/\"1\"");
        assertEquals(200, accepted.status(), accepted.body());
        assertEquals(200, api().post("/api/v1/consents/" + consentId + "/withdrawal", referrer, Map.of()).status());

        JsonNode consents = history("/api/v1/consents/" + consentId + "/_history", referrer);
        assertEquals(2, consents.size(), consents.toString());
        assertEquals("2", consents.at("/0/meta/versionId").asText());
        assertTrue(consents.get(0).hasNonNull("withdrawnAt"), "the newest version is the withdrawn one");
        assertFalse(consents.get(1).hasNonNull("withdrawnAt"), "the first version as recorded");
        assertEquals(List.of("2", "1"), versionIds("/api/v1/consents/" + consentId + "/_history", referrer, 1, "/meta/versionId"),
                "one version a page, following links.next");

        JsonNode referrals = history("/api/v1/referrals/" + referralId + "/_history", referrer);
        assertEquals(List.of("accepted", "pending"), List.of(referrals.at("/0/status").asText(), referrals.at("/1/status").asText()));
        // Whoever may not see the person learns nothing, not even that the consent exists.
        assertEquals(404, api().get("/api/v1/consents/" + consentId + "/_history", Tokens.token("prison", "other-" + prison,
                "user/Consent.r")).status());
        assertEquals(404, api().get("/api/v1/referrals/" + referralId + "/_history", Tokens.token("ngo", "roede-kors-primus-motor",
                "user/Referral.r")).status(), "the programme reads its referrals through its own view");
        assertEquals(404, api().get("/api/v1/consents/" + UUID.randomUUID() + "/_history", referrer).status());
    }

    @Test
    void anOutcomeKeepsItsRecordingAndCorrection() {
        LocalDate released = LocalDate.now().minusMonths(4);
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality).with("custodyStatus", "released")
                .with("sentenceStart", released.minusDays(200).toString()).with("sentenceLengthDays", 200)
                .with("expectedParoleDate", null).with("expectedReleaseDate", released.toString())
                .with("actualReleaseDate", released.toString())).get("id").asText();
        String recorder = Tokens.token("municipality", municipality, "user/Outcome.cru");
        String path = "/api/v1/inmates/" + person + "/outcomes/3-months";
        assertEquals(404, api().get(path + "/_history", recorder).status(), "nothing recorded yet");
        assertEquals(201, api().put(path, recorder, Map.of("status", "unknown")).status());
        assertEquals(200, api().put(path, recorder, Map.of("status", "employment"), "If-Match", "W/\"1\"").status());

        JsonNode versions = history(path + "/_history", recorder);
        assertEquals(2, versions.size(), versions.toString());
        assertEquals("employment", versions.at("/0/status").asText());
        assertEquals("2", versions.at("/0/meta/versionId").asText());
        assertEquals("unknown", versions.at("/1/status").asText());
        assertEquals(released.plusMonths(3).toString(), versions.at("/1/dueDate").asText(), "the checkpoint as it was recorded");
        assertEquals(404, api().get("/api/v1/inmates/" + person + "/outcomes/6-months/_history", recorder).status());
    }

    @Test
    void aGangExitCaseVersionCarriesTheNotesAsTheyStoodThen() {
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        String exitUnit = Tokens.token("prison", prison, "user/Inmate.cru", "exit-unit");
        String path = "/api/v1/inmates/" + person + "/gang-exit";
        assertEquals(200, api().put(path, exitUnit, Map.of("active", true, "policeDistrict", "koebenhavn")).status());
        assertEquals(201, api().post(path + "/notes", exitUnit, Map.of("text", "Første samtale")).status());
        assertEquals(200, api().put(path, exitUnit, Map.of("active", false), "If-Match", "W/\"1\"").status());
        assertEquals(201, api().post(path + "/notes", exitUnit, Map.of("text", "Afsluttende samtale")).status());

        JsonNode versions = history(path + "/_history", exitUnit);
        assertEquals(2, versions.size(), versions.toString());
        assertEquals("2", versions.at("/0/versionId").asText());
        assertFalse(versions.at("/0/active").asBoolean());
        assertEquals(2, versions.at("/0/notes").size(), "the newest version: every note");
        assertTrue(versions.at("/1/active").asBoolean());
        assertEquals(1, versions.at("/1/notes").size(), "the first version: the note written before the change");
        assertEquals("Første samtale", versions.at("/1/notes/0/text").asText());
        assertEquals(List.of("2", "1"), versionIds(path + "/_history", exitUnit, 1, "/versionId"));
        // R15: the person's institution without the exit-unit role does not learn the case exists.
        assertEquals(404, api().get(path + "/_history", Tokens.token("prison", prison, "user/Inmate.r")).status());
    }

    @Test
    void organisationsRecordsKeepTheirVersionsAndASubscriptionsSecretIsNeverKept() throws SQLException {
        // A subscription, its secret rotated.
        String subscriber = Tokens.token("municipality", municipality, "user/Subscription.cru");
        var subscription = api().post("/api/v1/subscriptions", subscriber,
                Map.of("endpoint", "http://127.0.0.1:9/history", "eventTypes", List.of("admitted")));
        assertEquals(201, subscription.status(), subscription.body());
        String subscriptionId = subscription.json().get("id").asText();
        assertEquals(200, api().post("/api/v1/subscriptions/" + subscriptionId + "/secret-rotation", subscriber, Map.of()).status());
        assertEquals(List.of("2", "1"), versionIds("/api/v1/subscriptions/" + subscriptionId + "/_history", subscriber, 50,
                "/meta/versionId"));
        assertEquals(404, api().get("/api/v1/subscriptions/" + subscriptionId + "/_history",
                Tokens.token("municipality", "999", "user/Subscription.r")).status(), "another organisation's");
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM resource_version WHERE resource_type = 'subscription' AND resource_id = ?"
                        + " AND (body -> 'secret' IS NOT NULL OR body -> 'previous_secret' IS NOT NULL)")) {
            ps.setString(1, subscriptionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1), "no version keeps a signing secret");
            }
        }

        // A directory entry, changed once.
        String owner = Tokens.token("municipality", municipality, "user/Municipality.cru");
        String entryPath = "/api/v1/municipalities/" + municipality;
        var entry = api().get(entryPath, owner);
        if (entry.status() == 404) {
            entry = api().put(entryPath, owner, Map.of("name", "Historik Kommune", "contactPoint",
                    Map.of("unit", "Kriminalitetsteamet", "email", "krim@historik.example")));
        }
        var changed = api().put(entryPath, owner, Map.of("name", "Historik Kommune", "contactPoint",
                Map.of("unit", "Jobcentret", "email", "job@historik.example")), "If-Match", entry.header("ETag"));
        assertEquals(200, changed.status(), changed.body());
        JsonNode entries = history(entryPath + "/_history", Tokens.token("police", "koebenhavn", "user/Municipality.r"));
        assertEquals("Jobcentret", entries.at("/0/contactPoint/unit").asText(), entries.toString());
        assertEquals("Kriminalitetsteamet", entries.at("/1/contactPoint/unit").asText());

        // A registered client, changed by the operator.
        String operator = Tokens.token("operator", "overgang-drift", "user/Client.cru");
        Map<String, Object> client = Map.of("name", "Historik sagssystem", "organisation", Map.of("orgType", "municipality",
                "orgId", municipality), "scopes", List.of("system/Inmate.rs"), "jwks", Map.of("keys", List.of(Map.of("kty", "EC", "kid", "historik-1",
                "crv", "P-256", "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"))));
        var registered = api().post("/api/v1/clients", operator, client);
        assertEquals(201, registered.status(), registered.body());
        String clientId = registered.json().get("id").asText();
        var renamed = new java.util.HashMap<>(client);
        renamed.put("name", "Historik sagssystem 2");
        assertEquals(200, api().put("/api/v1/clients/" + clientId, operator, renamed, "If-Match", "W/\"1\"").status());
        JsonNode clients = history("/api/v1/clients/" + clientId + "/_history", operator);
        assertEquals(List.of("Historik sagssystem 2", "Historik sagssystem"),
                List.of(clients.at("/0/name").asText(), clients.at("/1/name").asText()));

        // A programme's catalogue entry, sent back unchanged by the programme: a new version all the same.
        String programme = "/api/v1/programmes/roede-kors-primus-motor";
        String ngo = Tokens.token("ngo", "roede-kors-primus-motor", "user/Programme.ru");
        var current = api().get(programme, ngo);
        JsonNode p = current.json();
        var updated = api().put(programme, ngo, Map.of("name", p.get("name").asText(), "description", p.get("description").asText(),
                "institutions", p.get("institutions"), "dataItems", p.get("dataItems")), "If-Match", current.header("ETag"));
        assertEquals(200, updated.status(), updated.body());
        JsonNode programmes = history(programme + "/_history", ngo);
        assertEquals(updated.header("ETag"), "W/\"" + programmes.at("/0/meta/versionId").asText() + "\"");
        assertEquals(Long.parseLong(programmes.at("/0/meta/versionId").asText()) - 1,
                Long.parseLong(programmes.at("/1/meta/versionId").asText()));
    }
}
