package dk.overgang.events;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: nothing committed is lost. Two servers deliver side by side from one database; one of them
 * is stopped in the middle of a burst (its claims are abandoned, as in a crash) and the other takes
 * its deliveries over when their leases run out; a receiver down long enough sees its deliveries
 * parked as dead, and asks for them again.
 */
@MicronautTest(transactional = false)
class DeliveryResilienceTest extends ApiTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("overgang.webhooks.lease", "3s");
        p.put("overgang.webhooks.give-up-after", "2s");
        return p;
    }

    private final String municipality = "5" + String.format("%02d", ThreadLocalRandom.current().nextInt(100));

    private String subscribe(String endpoint) {
        var created = api().post("/api/v1/subscriptions", Tokens.token("municipality", municipality, "user/Subscription.c"),
                Map.of("endpoint", endpoint, "eventTypes", List.of("admitted")));
        assertEquals(201, created.status(), created.body());
        return created.json().get("id").asText();
    }

    /** The ids of every event the subscription should get (as the database owner sees them). */
    private static Set<String> expectedEvents(String subscriptionId) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT e.event_id FROM delivery d JOIN event e ON e.id = d.event_pk WHERE d.subscription_id = ?::uuid")) {
            st.setString(1, subscriptionId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    @Test
    void twoServersDeliverEverythingEvenWhenOneStopsMidBurst() throws Exception {
        Map<String, Object> second = new HashMap<>(getProperties());
        second.put("micronaut.server.port", -1);
        try (TestReceiver receiver = new TestReceiver();
             ApplicationContext other = ApplicationContext.run(second, "test")) {
            other.getBean(EmbeddedServer.class).start();
            receiver.delayMillis = 150;
            String subscription = subscribe(receiver.url());
            int people = 60;
            for (int i = 0; i < people; i++) {
                create(anInmate().inInstitution("burst-prison").inMunicipality(municipality));
            }
            // Let both servers get going, then stop the second with deliveries in flight.
            assertTrue(TestReceiver.await(10, () -> receiver.received().size() >= 5));
            other.stop();
            Set<String> expected = expectedEvents(subscription);
            assertEquals(people, expected.size());
            assertTrue(TestReceiver.await(30, () -> receiver.accepted().stream().map(r -> r.header("webhook-id"))
                    .collect(java.util.stream.Collectors.toSet()).containsAll(expected)),
                    "every committed event arrives: " + receiver.accepted().size() + " of " + people);
            long duplicates = receiver.accepted().size() - receiver.accepted().stream().map(r -> r.header("webhook-id")).distinct().count();
            assertTrue(duplicates <= 16, "at least once, and rarely more: " + duplicates + " repeats");
        }
    }

    @Test
    void aReceiverDownTooLongFindsItsDeadDeliveriesAndGetsThemAgain() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.failNext.set(Integer.MAX_VALUE);
            String subscription = subscribe(receiver.url());
            String token = Tokens.token("municipality", municipality, "user/Subscription.us");
            create(anInmate().inInstitution("dead-prison").inMunicipality(municipality));
            String path = "/api/v1/subscriptions/" + subscription + "/deliveries?status=dead";
            assertTrue(TestReceiver.await(15, () -> api().get(path, token).json().get("items").size() == 1), "parked as dead");
            var dead = api().get(path, token).json().at("/items/0");
            assertEquals(503, dead.get("lastStatus").asInt());
            assertTrue(dead.get("attempts").asInt() >= 2, "after retries: " + dead);

            receiver.failNext.set(0);
            var again = api().post("/api/v1/subscriptions/" + subscription + "/deliveries/" + dead.get("id").asText()
                    + "/redelivery", token, Map.of());
            assertEquals(202, again.status(), again.body());
            assertEquals("pending", again.json().get("status").asText());
            assertTrue(TestReceiver.await(10, () -> receiver.accepted().size() == 1), "delivered once asked again");
            assertEquals(dead.get("eventId").asText(), receiver.accepted().get(0).header("webhook-id"), "with the same id");
            assertEquals(404, api().post("/api/v1/subscriptions/" + subscription + "/deliveries/999999999/redelivery",
                    token, Map.of()).status());
            // The worker records the answer just after the receiver has it.
            String delivered = "/api/v1/subscriptions/" + subscription + "/deliveries?status=delivered";
            assertTrue(TestReceiver.await(5, () -> api().get(delivered, token).json().get("items").size() == 1),
                    "recorded as delivered");
        }
    }
}
