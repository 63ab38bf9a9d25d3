package dk.overgang.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the outbox is kept for the event retention, then emptied of what no one needs: finished
 * deliveries of old events and the old events nothing points at. A delivery still pending is kept with
 * its event, and the database itself refuses to remove a recent event.
 */
@MicronautTest(transactional = false)
class EventRetentionTest extends ApiTest {

    @Inject
    EventRetention retention;

    private UUID subscription() {
        var created = api().post("/api/v1/subscriptions", Tokens.token("municipality", "101", "user/Subscription.c"),
                Map.of("endpoint", "http://127.0.0.1:9/retention", "eventTypes", List.of("admitted")));
        assertEquals(201, created.status(), created.body());
        return UUID.fromString(created.json().get("id").asText());
    }

    /** An event written {@code age} ago (as the outbox would have), with one delivery in {@code status} or none. */
    private static long event(Connection c, Duration age, UUID subscription, String status) throws SQLException {
        long pk;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO event (event_id, type, resource_type, resource_id, resource_version, occurred_at)
                VALUES (?, 'admitted', 'Inmate', ?, 1, ?) RETURNING id""")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, UUID.randomUUID());
            ps.setTimestamp(3, Timestamp.from(Instant.now().minus(age)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pk = rs.getLong(1);
            }
        }
        if (status != null) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO delivery (subscription_id, event_pk, resource_id, status, next_attempt_at)
                    SELECT ?, id, resource_id, ?, now() + interval '1 day' FROM event WHERE id = ?""")) {
                ps.setObject(1, subscription);
                ps.setString(2, status);
                ps.setLong(3, pk);
                ps.executeUpdate();
            }
        }
        return pk;
    }

    private static boolean exists(Connection c, String table, String column, long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE " + column + " = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Test
    void oldFinishedDeliveriesAndTheirEventsGoWhatIsPendingOrRecentStays() throws Exception {
        UUID subscription = subscription();
        Duration old = Duration.ofDays(100);
        try (Connection c = TestDatabase.connect()) {
            long delivered = event(c, old, subscription, "delivered");
            long dead = event(c, old, subscription, "dead");
            long skipped = event(c, old, subscription, "skipped");
            long stillPending = event(c, old, subscription, "pending");
            long unsubscribed = event(c, old, subscription, null);
            long recent = event(c, Duration.ofDays(10), subscription, "delivered");

            EventRetention.Removed removed = retention.removeOlderThan(Instant.now().minus(Duration.ofDays(90)));
            assertTrue(removed.deliveries() >= 3 && removed.events() >= 4, removed.toString());

            for (long pk : List.of(delivered, dead, skipped, unsubscribed)) {
                assertTrue(!exists(c, "event", "id", pk), "an old event nothing needs is gone: " + pk);
                assertTrue(!exists(c, "delivery", "event_pk", pk), "and its delivery");
            }
            assertTrue(exists(c, "event", "id", stillPending) && exists(c, "delivery", "event_pk", stillPending),
                    "a delivery still being tried keeps its event");
            assertTrue(exists(c, "event", "id", recent) && exists(c, "delivery", "event_pk", recent), "a recent event stays");

            // A second run finds nothing more to do.
            assertEquals(new EventRetention.Removed(0, 0), retention.removeOlderThan(Instant.now().minus(Duration.ofDays(90))));
        }
        // The database keeps a week's events whatever a caller asks (V24), and never changes one.
        try (Connection app = TestDatabase.connectAsApplication()) {
            long fresh;
            try (Connection owner = TestDatabase.connect()) {
                fresh = event(owner, Duration.ofDays(1), subscription, null);
            }
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (PreparedStatement ps = app.prepareStatement("DELETE FROM event WHERE id = ?")) {
                    ps.setLong(1, fresh);
                    ps.executeUpdate();
                }
            });
            assertTrue(refused.getMessage().contains("younger than 7 days"), refused.getMessage());
            assertThrows(SQLException.class, () -> {
                try (PreparedStatement ps = app.prepareStatement("UPDATE event SET resource_version = 2 WHERE id = ?")) {
                    ps.setLong(1, fresh);
                    ps.executeUpdate();
                }
            });
        }
    }
}
