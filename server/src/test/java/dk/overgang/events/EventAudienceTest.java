package dk.overgang.events;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: who is told of what beyond the people an authority sees. A new KSP list version goes to
 * the forum's secretariat and the meeting's participants (R17), police included, and to no one else;
 * an NGO programme is told of its own referrals while a referral consent is valid (R6), by the
 * referral's address and never the person's; each subscribes only to what it can ever be told of.
 */
@MicronautTest(transactional = false)
class EventAudienceTest extends ApiTest {

    private static final String PROGRAMME = "roede-kors-primus-motor";
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final String kif = "kif-" + tag;
    private final String police = "politi-" + tag;
    private final String prison = "evt-" + tag;
    private final String participant = String.valueOf(300 + (int) (Math.random() * 300));
    private final String outsider = String.valueOf(600 + (int) (Math.random() * 300));

    private String subscribe(String orgType, String orgId, String endpoint, List<String> types) {
        var created = api().post("/api/v1/subscriptions", Tokens.token(orgType, orgId, "user/Subscription.cruds"),
                Map.of("endpoint", endpoint, "eventTypes", types));
        assertEquals(201, created.status(), created.body());
        return created.json().get("id").asText();
    }

    private static List<JsonNode> events(TestReceiver receiver) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (TestReceiver.Received r : receiver.accepted()) {
            events.add(Api.JSON.readTree(r.body()));
        }
        return events;
    }

    private List<JsonNode> feed(String orgType, String orgId) {
        var page = api().get("/api/v1/events?_count=500", Tokens.token(orgType, orgId, "user/Subscription.s"));
        assertEquals(200, page.status(), page.body());
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }

    private String meeting() {
        String secretariat = Tokens.token("probation", kif, "user/KspList.cruds");
        var forum = api().post("/api/v1/ksp-forums", secretariat, Map.of("name", "KSP " + tag, "policeDistrict", police,
                "municipalities", List.of(participant, outsider), "institutions", List.of(prison)));
        assertEquals(201, forum.status(), forum.body());
        var meeting = api().post("/api/v1/ksp-meetings", secretariat, Map.of("forumId", forum.json().get("id").asText(),
                "date", LocalDate.now().plusDays(10).toString(), "place", "Rådhuset", "participants", List.of(
                        Map.of("orgType", "police", "orgId", police), Map.of("orgType", "municipality", "orgId", participant))));
        assertEquals(201, meeting.status(), meeting.body());
        return meeting.json().get("id").asText();
    }

    @Test
    void aPublishedKspListIsToldToTheSecretariatAndTheParticipantsOnly() throws Exception {
        try (TestReceiver policeHook = new TestReceiver(); TestReceiver kifHook = new TestReceiver();
             TestReceiver participantHook = new TestReceiver(); TestReceiver outsiderHook = new TestReceiver()) {
            subscribe("police", police, policeHook.url(), List.of("ksp-list-published"));
            subscribe("probation", kif, kifHook.url(), List.of("ksp-list-published"));
            subscribe("municipality", participant, participantHook.url(), List.of("ksp-list-published"));
            subscribe("municipality", outsider, outsiderHook.url(), List.of("ksp-list-published", "admitted"));
            String meeting = meeting();
            var published = api().put("/api/v1/ksp-meetings/" + meeting + "/list", Tokens.token("probation", kif, "user/KspList.cruds"),
                    Map.of("entries", List.of(), "changeNote", "Første udgave"));
            assertEquals(200, published.status(), published.body());

            assertTrue(TestReceiver.await(10, () -> policeHook.accepted().size() == 1 && kifHook.accepted().size() == 1
                    && participantHook.accepted().size() == 1), "the secretariat and every participant are told");
            Thread.sleep(500);
            assertEquals(0, outsiderHook.received().size(), "a forum member who does not take part in this meeting is not told");
            JsonNode event = events(policeHook).get(0);
            assertEquals("dk.overgang.ksp-list-published", event.get("type").asText());
            assertEquals("KspList/" + meeting + "/_history/1", event.get("subject").asText());
            assertEquals("/api/v1/ksp-meetings/" + meeting + "/list/_history/1", event.at("/data/href").asText());
            assertFalse(event.get("data").has("inmateId"));
            // The address works for the receiver, with its own token.
            assertEquals(200, api().get(event.at("/data/href").asText(), Tokens.token("police", police, "user/KspList.r")).status());

            // The feed follows the same rule.
            assertTrue(feed("police", police).stream().anyMatch(e -> e.get("subject").asText().startsWith("KspList/" + meeting)));
            assertFalse(feed("municipality", outsider).stream().anyMatch(e -> e.get("subject").asText().startsWith("KspList/" + meeting)));
        }
    }

    @Test
    void eachOrganisationSubscribesOnlyToWhatItCanBeToldOf() {
        var police = api().post("/api/v1/subscriptions", Tokens.token("police", this.police, "user/Subscription.c"),
                Map.of("endpoint", "http://127.0.0.1:9/hook", "eventTypes", List.of("ksp-list-published", "released")));
        // Issue 26: a type the organisation is never told of is 422 event-type-not-allowed, as the contract says.
        assertEquals(422, police.status(), police.body());
        assertEquals("https://overgang.example/problems/event-type-not-allowed", police.json().get("type").asText(), police.body());
        assertEquals("eventTypes", police.json().at("/errors/0/field").asText(), police.body());
        assertTrue(police.json().at("/errors/0/message").asText().contains("released"), police.body());
        var ngo = api().post("/api/v1/subscriptions", Tokens.token("ngo", PROGRAMME, "user/Subscription.c"),
                Map.of("endpoint", "http://127.0.0.1:9/hook", "eventTypes", List.of("admitted")));
        assertEquals(422, ngo.status(), ngo.body());
        assertEquals(403, api().post("/api/v1/subscriptions", Tokens.token("auditor", "datatilsynet", "user/Subscription.c"),
                Map.of("endpoint", "http://127.0.0.1:9/hook", "eventTypes", List.of("admitted"))).status());
        assertEquals(403, api().get("/api/v1/events", Tokens.token("auditor", "datatilsynet", "user/Subscription.s")).status());
    }

    @Test
    void anNgoIsToldOfItsReferralsWhileTheConsentIsValidAndNeverWhoThePersonIs() throws Exception {
        String staff = Tokens.token("prison", prison, "user/Consent.cus user/Referral.cs user/Inmate.r");
        try (TestReceiver ngoHook = new TestReceiver(); TestReceiver otherNgoHook = new TestReceiver()) {
            String subscription = subscribe("ngo", PROGRAMME, ngoHook.url(), List.of("referral-created", "referral-status-changed"));
            subscribe("ngo", "roede-kors-kickstart", otherNgoHook.url(), List.of("referral-created", "referral-status-changed"));
            var person = anInmate().inInstitution(prison).inMunicipality("157").with("name", "Karl Emil Hansen")
                    .releasedOn(LocalDate.now().plusMonths(2).toString());
            String inmateId = create(person).get("id").asText();
            var consent = api().post("/api/v1/consents", staff, Map.of("inmateId", inmateId, "programmeId", PROGRAMME,
                    "purpose", "referral", "dataItems", List.of("first-name"), "validFrom", LocalDate.now().toString()));
            assertEquals(201, consent.status(), consent.body());
            var referral = api().post("/api/v1/referrals", staff, Map.of("inmateId", inmateId, "programmeId", PROGRAMME));
            assertEquals(201, referral.status(), referral.body());
            String referralId = referral.json().get("id").asText();

            assertTrue(TestReceiver.await(10, () -> ngoHook.accepted().size() == 1), "the programme is told of its new referral");
            JsonNode created = events(ngoHook).get(0);
            assertEquals("dk.overgang.referral-created", created.get("type").asText());
            String href = "/api/v1/programmes/" + PROGRAMME + "/referrals/" + referralId;
            assertEquals(href, created.at("/data/href").asText());
            String body = new String(ngoHook.accepted().get(0).body(), StandardCharsets.UTF_8);
            assertFalse(body.contains(inmateId), "the NGO knows the person only through the referral: " + body);
            assertFalse(body.contains("Hansen") || body.contains(person.cpr()) || body.contains(person.cpr().replace("-", "")));
            String ngo = Tokens.token("ngo", PROGRAMME, "user/Referral.rus");
            var read = api().get(href, ngo);
            assertEquals(200, read.status(), "the address works for the programme");

            // The programme accepts: told again, as the authorities would be.
            assertEquals(200, api().put(href + "/status", ngo, Map.of("status", "accepted", "volunteer", "Anne"),
                    "If-Match", read.header("ETag")).status());
            assertTrue(TestReceiver.await(10, () -> ngoHook.accepted().size() == 2));
            assertEquals("dk.overgang.referral-status-changed", events(ngoHook).get(1).get("type").asText());
            assertTrue(feed("ngo", PROGRAMME).stream().anyMatch(e -> e.at("/data/id").asText().equals(referralId)));

            // The receiver is down when the consent is withdrawn: what was still pending is not sent after it.
            ngoHook.answerWith = 503;
            var again = api().get(href, ngo);
            assertEquals(200, api().put(href + "/status", ngo, Map.of("status", "active", "visitsHeld", 1),
                    "If-Match", again.header("ETag")).status());
            assertTrue(TestReceiver.await(10, () -> ngoHook.received().size() >= 3), "tried and refused");
            assertEquals(200, api().post("/api/v1/consents/" + consent.json().get("id").asText() + "/withdrawal", staff, Map.of())
                    .status());
            ngoHook.answerWith = 204;
            String subscriptions = "/api/v1/subscriptions/" + subscription + "/deliveries?status=skipped";
            assertTrue(TestReceiver.await(15, () -> api().get(subscriptions, Tokens.token("ngo", PROGRAMME, "user/Subscription.s"))
                    .json().get("items").size() == 1), "the pending delivery is skipped once the consent is gone");
            assertEquals(2, ngoHook.accepted().size(), "nothing more reached the programme");
            assertFalse(feed("ngo", PROGRAMME).stream().anyMatch(e -> e.at("/data/id").asText().equals(referralId)),
                    "nor does the feed show the referral's events any longer");
            assertEquals(0, otherNgoHook.received().size(), "another programme hears nothing of it");
        }
    }
}
