package dk.overgang.events;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: events written with the change, delivered signed to the subscribers that may see the
 * person, retried until the receiver recovers, in order per resource, with the feed for catch-up.
 */
@MicronautTest(transactional = false)
class WebhookTest extends ApiTest {

    private final String prison = "hook-" + UUID.randomUUID().toString().substring(0, 8);
    private final String municipality = "6" + String.format("%02d", ThreadLocalRandom.current().nextInt(100));

    private String subscribe(String orgType, String orgId, String endpoint, List<String> types) {
        var created = api().post("/api/v1/subscriptions", Tokens.token(orgType, orgId, "user/Subscription.cruds"),
                Map.of("endpoint", endpoint, "eventTypes", types));
        assertEquals(201, created.status(), created.body());
        String secret = created.json().get("secret").asText();
        assertTrue(secret.startsWith("whsec_"));
        return created.json().get("id").asText() + " " + secret;
    }

    /** Standard Webhooks verification, written out here independently of the server's code. */
    private static boolean verifies(TestReceiver.Received r, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((r.header("webhook-id") + "." + r.header("webhook-timestamp") + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(r.body()));
        return List.of(r.header("webhook-signature").split(" ")).contains(expected);
    }

    private static JsonNode json(TestReceiver.Received r) throws Exception {
        return Api.JSON.readTree(r.body());
    }

    private InmateBuilder person() {
        return anInmate().inInstitution(prison).inMunicipality(municipality).with("name", "Hemmelig Hansen");
    }

    @Test
    void anEventArrivesSignedThinAndOnlyAboutPeopleTheSubscriberSees() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            String secret = subscribe("municipality", municipality, receiver.url(), List.of("admitted", "release-date-changed")).split(" ")[1];
            InmateBuilder mine = person();
            String id = create(mine).get("id").asText();
            create(anInmate().inInstitution(prison).inMunicipality("101")); // another municipality's person
            assertTrue(TestReceiver.await(10, () -> !receiver.accepted().isEmpty()), "delivered within seconds");
            Thread.sleep(500);
            assertEquals(1, receiver.accepted().size(), "only the person the municipality sees");
            TestReceiver.Received r = receiver.accepted().get(0);
            assertTrue(verifies(r, secret), "signed with the subscription's secret");
            assertTrue(Math.abs(Long.parseLong(r.header("webhook-timestamp")) - System.currentTimeMillis() / 1000) < 60);
            assertEquals("application/cloudevents+json", r.header("content-type"));
            JsonNode event = json(r);
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals("dk.overgang.admitted", event.get("type").asText());
            assertEquals(r.header("webhook-id"), event.get("id").asText());
            assertEquals("Inmate/" + id + "/_history/1", event.get("subject").asText());
            assertEquals("/api/v1/inmates/" + id, event.at("/data/href").asText());
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertFalse(body.contains("Hansen") || body.contains(mine.cpr()) || body.contains(mine.cpr().replace("-", "")),
                    "no name, no CPR: " + body);
            // A tampered body does not verify.
            var tampered = new TestReceiver.Received(r.headers(), body.replace("admitted", "released").getBytes(StandardCharsets.UTF_8), 204);
            assertFalse(verifies(tampered, secret));
        }
    }

    @Test
    void aFailingReceiverGetsEveryEventOnceItRecoversInOrderPerResource() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            String subscription = subscribe("municipality", municipality, receiver.url(),
                    List.of("admitted", "release-date-changed", "transferred")).split(" ")[0];
            receiver.failNext.set(4);
            InmateBuilder p = person();
            String id = create(p).get("id").asText();
            String token = Tokens.prison(prison);
            for (int v = 1; v <= 3; v++) {
                var updated = api().put("/api/v1/inmates/" + id, token,
                        p.with("expectedReleaseDate", "2027-09-0" + v).build(), "If-Match", "W/\"" + v + "\"");
                assertEquals(200, updated.status(), updated.body());
            }
            assertTrue(TestReceiver.await(20, () -> receiver.accepted().size() >= 4), "all four arrive after the failures: "
                    + receiver.received().size());
            assertTrue(receiver.received().size() > 4, "the receiver failed first");
            List<Integer> versions = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (TestReceiver.Received r : receiver.accepted()) {
                JsonNode e = json(r);
                ids.add(e.get("id").asText());
                versions.add(Integer.parseInt(e.get("subject").asText().replaceAll(".*/", "")));
            }
            assertEquals(List.of(1, 2, 3, 4), versions, "in the order of the resource's versions");
            assertEquals(4, ids.size(), "duplicates are recognisable by id, and none here");
            // The receiver has the fourth before the worker records its answer: wait for the record.
            String deliveredPath = "/api/v1/subscriptions/" + subscription + "/deliveries?status=delivered";
            String reader = Tokens.token("municipality", municipality, "user/Subscription.s");
            TestReceiver.await(10, () -> api().get(deliveredPath, reader).json().get("items").size() >= 4);
            var deliveries = api().get(deliveredPath, reader);
            assertEquals(200, deliveries.status(), deliveries.body());
            assertEquals(4, deliveries.json().get("items").size());
            assertTrue(deliveries.json().at("/items/3/attempts").asInt() > 1, "the first was tried more than once");
        }
    }

    @Test
    void oneSlowReceiverSlowsNoOneElse() throws Exception {
        try (TestReceiver slow = new TestReceiver(); TestReceiver quick = new TestReceiver()) {
            slow.delayMillis = 3_000; // longer than the request timeout in tests (2 s)
            subscribe("prison", prison, slow.url(), List.of("admitted"));
            subscribe("municipality", municipality, quick.url(), List.of("admitted"));
            for (int i = 0; i < 5; i++) {
                create(person());
            }
            long start = System.nanoTime();
            assertTrue(TestReceiver.await(5, () -> quick.accepted().size() == 5), "the quick receiver gets its events");
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2_500, "without waiting for the slow one");
        }
    }

    @Test
    void aTransferStopsTheOldInstitutionsEventsAndBothMunicipalitiesHearOfAChange() throws Exception {
        try (TestReceiver oldPrison = new TestReceiver(); TestReceiver oldMunicipality = new TestReceiver()) {
            subscribe("prison", prison, oldPrison.url(), List.of("release-date-changed", "transferred"));
            subscribe("municipality", municipality, oldMunicipality.url(), List.of("acting-municipality-changed"));
            InmateBuilder p = person();
            String id = create(p).get("id").asText();
            String token = Tokens.prison(prison);
            assertEquals(200, api().put("/api/v1/inmates/" + id, token, p.inInstitution("elsewhere-" + prison)
                    .inMunicipality("851").build(), "If-Match", "W/\"1\"").status());
            assertEquals(200, api().put("/api/v1/inmates/" + id, Tokens.prison("elsewhere-" + prison),
                    p.with("expectedReleaseDate", "2027-10-01").build(), "If-Match", "W/\"2\"").status());
            assertTrue(TestReceiver.await(10, () -> !oldMunicipality.accepted().isEmpty()));
            JsonNode change = json(oldMunicipality.accepted().get(0));
            assertEquals("dk.overgang.acting-municipality-changed", change.get("type").asText());
            assertEquals(municipality, change.at("/data/previousMunicipality").asText());
            assertEquals("851", change.at("/data/municipality").asText());
            Thread.sleep(1_000);
            assertEquals(0, oldPrison.received().size(), "the old institution no longer sees the person: no events");
        }
    }

    @Test
    void theFeedShowsTheSameEventsForCatchUp() {
        String id = create(person()).get("id").asText();
        String token = Tokens.token("municipality", municipality, "user/Subscription.s");
        List<String> subjects = new ArrayList<>();
        String next = "/api/v1/events?_count=2";
        while (next != null) {
            var page = api().get(next, token);
            assertEquals(200, page.status(), page.body());
            page.json().get("items").forEach(e -> subjects.add(e.get("subject").asText()));
            next = page.json().at("/links/next").isMissingNode() ? null : page.json().at("/links/next").asText();
        }
        assertTrue(subjects.contains("Inmate/" + id + "/_history/1"), "admitted is in the feed");
        var other = api().get("/api/v1/events?_count=500", Tokens.token("municipality", "102", "user/Subscription.s"));
        other.json().get("items").forEach(e -> assertFalse(e.get("subject").asText().contains(id), "not another municipality's"));
        var ngo = api().get("/api/v1/events?_count=500", Tokens.token("ngo", "roede-kors-kickstart", "user/Subscription.s"));
        assertEquals(200, ngo.status(), ngo.body());
        ngo.json().get("items").forEach(e -> assertEquals("Referral", e.at("/data/resourceType").asText(),
                "an NGO programme's feed holds its referrals' events only"));
    }

    @Test
    void rotationSignsWithBothSecretsForADay() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            String[] created = subscribe("municipality", municipality, receiver.url(), List.of("admitted")).split(" ");
            var rotated = api().post("/api/v1/subscriptions/" + created[0] + "/secret-rotation",
                    Tokens.token("municipality", municipality, "user/Subscription.u"), Map.of());
            assertEquals(200, rotated.status(), rotated.body());
            String newSecret = rotated.json().get("secret").asText();
            assertFalse(newSecret.equals(created[1]));
            create(person());
            assertTrue(TestReceiver.await(10, () -> !receiver.accepted().isEmpty()));
            TestReceiver.Received r = receiver.accepted().get(0);
            assertEquals(2, r.header("webhook-signature").split(" ").length);
            assertTrue(verifies(r, newSecret) && verifies(r, created[1]), "both the new and the old secret verify");
        }
    }

    @Test
    void badEndpointsAndOtherOrganisationsSubscriptionsAreRefused() {
        String token = Tokens.token("municipality", municipality, "user/Subscription.cruds");
        var ftp = api().post("/api/v1/subscriptions", token, Map.of("endpoint", "ftp://x.example/", "eventTypes", List.of("released")));
        assertEquals(400, ftp.status());
        assertEquals("endpoint", ftp.json().at("/errors/0/field").asText());
        assertEquals(400, api().post("/api/v1/subscriptions", token, Map.of("endpoint", "https://x.example/",
                "eventTypes", List.of("everything"))).status());
        String id = subscribe("municipality", municipality, "http://127.0.0.1:9/a", List.of("released")).split(" ")[0];
        var readOther = api().get("/api/v1/subscriptions/" + id, Tokens.token("municipality", "101", "user/Subscription.r"));
        assertEquals(404, readOther.status(), "another municipality's subscription is not there");
        assertEquals(422, api().post("/api/v1/subscriptions", Tokens.token("ngo", "roede-kors-kickstart", "user/Subscription.c"),
                Map.of("endpoint", "https://x.example/", "eventTypes", List.of("released"))).status(),
                "an NGO programme is never told of a release (EventAudienceTest)");
        var mine = api().get("/api/v1/subscriptions", Tokens.token("municipality", municipality, "user/Subscription.s"));
        assertTrue(mine.body().contains(id));
        assertFalse(mine.body().contains("whsec_"), "a secret is shown once, never listed");
        assertEquals(204, api().send("DELETE", "/api/v1/subscriptions/" + id, token, null, null).status());
        assertEquals("stopped", api().get("/api/v1/subscriptions/" + id, token).json().get("status").asText());
    }

    /** R22: the municipality's own entry; its default endpoint gets events about its people without any subscription. */
    @Test
    void theDirectorysDefaultEndpointGetsTheMunicipalitysEvents() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            String path = "/api/v1/municipalities/" + municipality;
            String owner = Tokens.token("municipality", municipality, "user/Municipality.cru");
            Map<String, Object> entry = Map.of("name", "Testkommune", "contactPoint",
                    Map.of("unit", "Kriminalitetsteamet", "email", "krim@test.example", "phone", "+45 12 34 56 78"),
                    "notificationEndpoint", receiver.url());
            var registered = api().put(path, owner, entry);
            assertEquals(201, registered.status(), registered.body());
            String secret = registered.json().get("notificationSecret").asText();
            assertNotNull(registered.json().get("notificationSubscriptionId"));
            assertEquals(403, api().put(path, Tokens.token("municipality", "101", "user/Municipality.cru"), entry).status(),
                    "another municipality cannot change it");
            assertEquals(428, api().put(path, owner, entry).status(), "a change needs If-Match");

            String id = create(person()).get("id").asText();
            assertTrue(TestReceiver.await(10, () -> !receiver.accepted().isEmpty()), "delivered to the default endpoint");
            assertTrue(verifies(receiver.accepted().get(0), secret));
            assertTrue(json(receiver.accepted().get(0)).get("subject").asText().contains(id));

            var read = api().get(path, Tokens.token("prison", prison, "user/Municipality.r"));
            assertEquals(200, read.status());
            assertEquals("krim@test.example", read.json().at("/contactPoint/email").asText());
            assertFalse(read.body().contains("whsec_"), "the secret is shown once");
            Map<String, Object> withoutEndpoint = Map.of("name", "Testkommune", "contactPoint",
                    Map.of("unit", "Kriminalitetsteamet", "email", "krim@test.example"));
            var stopped = api().put(path, owner, withoutEndpoint, "If-Match", read.header("ETag"));
            assertEquals(200, stopped.status(), stopped.body());
            assertTrue(stopped.json().at("/notificationEndpoint").isMissingNode());
            int before = receiver.received().size();
            create(person());
            Thread.sleep(1_000);
            assertEquals(before, receiver.received().size(), "no endpoint, no deliveries");
            assertEquals(404, api().get("/api/v1/municipalities/000", owner).status());
            assertTrue(api().get("/api/v1/municipalities", Tokens.token("police", "fyn", "user/Municipality.s")).body().contains("\"code\":\"" + municipality + "\""));
        }
    }
}
