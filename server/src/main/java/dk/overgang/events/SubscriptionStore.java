package dk.overgang.events;

import dk.overgang.shared.Versions;
import dk.overgang.shared.EventType;
import dk.overgang.web.Cursors;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions, deliveries and events in SQL. Every read of events carries {@link EventAudience#VISIBLE}. */
@Singleton
@Connectable
class SubscriptionStore {

    private final JdbcOperations jdbc;

    SubscriptionStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    record SubscriptionRow(UUID id, long version, Instant lastUpdated, String orgType, String orgId, String endpoint,
                           List<String> eventTypes, String secret, String previousSecret, Instant previousSecretUntil,
                           String status, Instant createdAt) {

        /** The secrets a delivery is signed with at {@code now}: the current one, and the previous one while valid. */
        List<String> signingSecrets(Instant now) {
            return previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)
                    ? List.of(secret, previousSecret) : List.of(secret);
        }
    }

    record EventRow(long pk, UUID eventId, String type, String resourceType, UUID resourceId, long resourceVersion,
                    UUID inmateId, String previousMunicipality, String municipality, Instant occurredAt,
                    String obligationKind, java.time.LocalDate dueDate) {
    }

    record DeliveryRow(long id, UUID subscriptionId, long eventPk, UUID eventId, String type, String status, int attempts,
                       Integer lastStatus, String lastError, Instant nextAttemptAt, Instant deliveredAt) {
    }

    private static final String SUBSCRIPTION_COLUMNS = "id, version, last_updated, org_type, org_id, endpoint, event_types,"
            + " secret, previous_secret, previous_secret_until, status, created_at";

    void insert(SubscriptionRow s, String sub) {
        jdbc.prepareStatement("""
                INSERT INTO subscription (id, version, last_updated, org_type, org_id, endpoint, event_types, secret, status,
                                          created_at, created_by_sub)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?, 'active', ?, ?)""", ps -> {
            ps.setObject(1, s.id());
            ps.setTimestamp(2, Timestamp.from(s.lastUpdated()));
            ps.setString(3, s.orgType());
            ps.setString(4, s.orgId());
            ps.setString(5, s.endpoint());
            ps.setArray(6, ps.getConnection().createArrayOf("text", s.eventTypes().toArray()));
            ps.setString(7, s.secret());
            ps.setTimestamp(8, Timestamp.from(s.createdAt()));
            ps.setString(9, sub);
            return ps.executeUpdate();
        });
    }

    /** The organisation's subscription {@code id}; empty for another organisation's, as for a missing one. */
    Optional<SubscriptionRow> find(UUID id, String orgType, String orgId) {
        return jdbc.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscription WHERE id = ? AND org_type = ?"
                + " AND org_id = ?", ps -> {
            ps.setObject(1, id);
            ps.setString(2, orgType);
            ps.setString(3, orgId);
            return subscriptions(ps).stream().findFirst();
        });
    }

    Optional<SubscriptionRow> find(UUID id) {
        return jdbc.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscription WHERE id = ?", ps -> {
            ps.setObject(1, id);
            return subscriptions(ps).stream().findFirst();
        });
    }

    /**
     * The subscription's versions below {@code before}, newest first (issue 26: one version history).
     * A version keeps no secret: those columns read as null.
     */
    List<SubscriptionRow> versions(UUID id, long before, int rows) {
        return jdbc.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS + " FROM " + Versions.of("subscription", "subscription")
                + " ORDER BY version DESC", ps -> {
            Versions.bind(ps, 1, id, before, rows);
            return subscriptions(ps);
        });
    }

    /** The organisation's subscriptions newest first, after {@code after} (null: from the newest), at most {@code limit}. */
    List<SubscriptionRow> ofOrganisation(String orgType, String orgId, Cursors.InstantAndKey after, int limit) {
        return jdbc.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscription WHERE org_type = ? AND org_id = ?"
                + " AND (CAST(? AS timestamptz) IS NULL OR (created_at, id) < (?, ?))"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", ps -> {
            ps.setString(1, orgType);
            ps.setString(2, orgId);
            java.sql.Timestamp at = after == null ? null : java.sql.Timestamp.from(after.at());
            ps.setTimestamp(3, at);
            ps.setTimestamp(4, at);
            ps.setObject(5, after == null ? null : after.uuid());
            ps.setInt(6, limit);
            return subscriptions(ps);
        });
    }

    boolean stop(UUID id, Instant now) {
        return jdbc.prepareStatement("UPDATE subscription SET status = 'stopped', version = version + 1, last_updated = ?"
                + " WHERE id = ? AND status = 'active'", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        });
    }

    void rotate(UUID id, String newSecret, Instant now, Instant previousUntil) {
        jdbc.prepareStatement("""
                UPDATE subscription SET previous_secret = secret, previous_secret_until = ?, secret = ?,
                       version = version + 1, last_updated = ? WHERE id = ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(previousUntil));
            ps.setString(2, newSecret);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setObject(4, id);
            return ps.executeUpdate();
        });
    }

    /** Points a subscription at a new endpoint (the directory's default one), keeping its secret. */
    void moveTo(UUID id, String endpoint, Instant now) {
        jdbc.prepareStatement("UPDATE subscription SET endpoint = ?, status = 'active', version = version + 1, last_updated = ?"
                + " WHERE id = ?", ps -> {
            ps.setString(1, endpoint);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setObject(3, id);
            return ps.executeUpdate();
        });
    }

    record DirectoryRow(String code, long version, Instant lastUpdated, String name, String unit, String email, String phone,
                        UUID subscriptionId, String endpoint, String subscriptionStatus) {
    }

    private static final String DIRECTORY_QUERY = """
            SELECT m.code, m.version, m.last_updated, m.name, m.contact_unit, m.contact_email, m.contact_phone,
                   m.notification_subscription, s.endpoint, s.status
              FROM municipality_directory m LEFT JOIN subscription s ON s.id = m.notification_subscription""";

    /** The directory by municipality code, after the code {@code after} (null: from the first), at most {@code limit}. */
    List<DirectoryRow> directory(String after, int limit) {
        return jdbc.prepareStatement(DIRECTORY_QUERY + " WHERE m.code > ? ORDER BY m.code LIMIT ?", ps -> {
            ps.setString(1, after == null ? "" : after);
            ps.setInt(2, limit);
            return directoryRows(ps);
        });
    }

    Optional<DirectoryRow> directoryEntry(String code, boolean forUpdate) {
        return jdbc.prepareStatement(DIRECTORY_QUERY + " WHERE m.code = ?" + (forUpdate ? " FOR UPDATE OF m" : ""), ps -> {
            ps.setString(1, code);
            return directoryRows(ps).stream().findFirst();
        });
    }

    /**
     * The entry's versions below {@code before}, newest first (issue 26: one version history), each
     * with the notification subscription's current endpoint and status.
     */
    List<DirectoryRow> directoryVersions(String code, long before, int rows) {
        return jdbc.prepareStatement(DIRECTORY_QUERY.replace("FROM municipality_directory m",
                "FROM " + Versions.of("municipality_directory", "m")) + " ORDER BY m.version DESC", ps -> {
            Versions.bind(ps, 1, code, before, rows);
            return directoryRows(ps);
        });
    }

    /** Inserts (version 1) or updates (when {@code expectedVersion} is current) an entry; false when it lost a race. */
    boolean saveDirectoryEntry(DirectoryRow r, Long expectedVersion, String sub) {
        if (expectedVersion == null) {
            return jdbc.prepareStatement("""
                    INSERT INTO municipality_directory (code, version, last_updated, name, contact_unit, contact_email,
                                                        contact_phone, notification_subscription, updated_by_sub)
                    VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING""", ps -> {
                ps.setString(1, r.code());
                ps.setTimestamp(2, Timestamp.from(r.lastUpdated()));
                ps.setString(3, r.name());
                ps.setString(4, r.unit());
                ps.setString(5, r.email());
                ps.setString(6, r.phone());
                ps.setObject(7, r.subscriptionId());
                ps.setString(8, sub);
                return ps.executeUpdate() == 1;
            });
        }
        return jdbc.prepareStatement("""
                UPDATE municipality_directory SET version = version + 1, last_updated = ?, name = ?, contact_unit = ?,
                       contact_email = ?, contact_phone = ?, notification_subscription = ?, updated_by_sub = ?
                 WHERE code = ? AND version = ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(r.lastUpdated()));
            ps.setString(2, r.name());
            ps.setString(3, r.unit());
            ps.setString(4, r.email());
            ps.setString(5, r.phone());
            ps.setObject(6, r.subscriptionId());
            ps.setString(7, sub);
            ps.setString(8, r.code());
            ps.setLong(9, expectedVersion);
            return ps.executeUpdate() == 1;
        });
    }

    private static List<DirectoryRow> directoryRows(PreparedStatement ps) throws SQLException {
        List<DirectoryRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new DirectoryRow(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class), rs.getString(9),
                        rs.getString(10)));
            }
        }
        return rows;
    }

    private static final String DELIVERY_COLUMNS = "d.id, d.subscription_id, d.event_pk, e.event_id, e.type, d.status, d.attempts,"
            + " d.last_status, d.last_error, d.next_attempt_at, d.delivered_at";

    /** A page of a subscription's deliveries, newest first, before {@code beforeId}. */
    List<DeliveryRow> deliveries(UUID subscriptionId, String status, long beforeId, int limit) {
        return jdbc.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM delivery d JOIN event e ON e.id = d.event_pk"
                + " WHERE d.subscription_id = ? AND (CAST(? AS text) IS NULL OR d.status = ?) AND d.id < ?"
                + " ORDER BY d.id DESC LIMIT ?", ps -> {
            ps.setObject(1, subscriptionId);
            ps.setString(2, status);
            ps.setString(3, status);
            ps.setLong(4, beforeId);
            ps.setInt(5, limit);
            List<DeliveryRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(delivery(rs));
                }
            }
            return rows;
        });
    }

    /** Queues a delivery of the subscription again at once; empty when there is no such delivery. */
    Optional<DeliveryRow> requeue(UUID subscriptionId, long deliveryId, Instant now) {
        int changed = jdbc.prepareStatement("""
                UPDATE delivery SET status = 'pending', next_attempt_at = ?, claimed_until = NULL, delivered_at = NULL
                 WHERE id = ? AND subscription_id = ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, deliveryId);
            ps.setObject(3, subscriptionId);
            return ps.executeUpdate();
        });
        if (changed == 0) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("SELECT " + DELIVERY_COLUMNS + " FROM delivery d JOIN event e ON e.id = d.event_pk"
                + " WHERE d.id = ?", ps -> {
            ps.setLong(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(delivery(rs)) : Optional.empty();
            }
        });
    }

    private static final String EVENT_COLUMNS = "e.id, e.event_id, e.type, e.resource_type, e.resource_id, e.resource_version,"
            + " e.inmate_id, e.previous_municipality, e.municipality, e.occurred_at, e.obligation_kind, e.due_date";

    /** The feed: events of {@code types} after {@code afterPk} that the organisation may see now, oldest first. */
    List<EventRow> feed(String orgType, String orgId, java.util.Set<EventType> types, long afterPk, int limit) {
        return jdbc.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM event e"
                + " CROSS JOIN (VALUES (CAST(? AS text), CAST(? AS text))) AS sub (org_type, org_id)"
                + " WHERE e.id > ? AND e.type = ANY (?) AND " + EventAudience.VISIBLE + " ORDER BY e.id LIMIT ?", ps -> {
            ps.setString(1, orgType);
            ps.setString(2, orgId);
            ps.setLong(3, afterPk);
            ps.setArray(4, ps.getConnection().createArrayOf("text", types.stream().map(EventType::code).toArray()));
            ps.setInt(5, limit);
            return events(ps);
        });
    }

    private static List<EventRow> events(PreparedStatement ps) throws SQLException {
        List<EventRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(event(rs, 1));
            }
        }
        return rows;
    }

    static EventRow event(ResultSet rs, int first) throws SQLException {
        int c = first;
        return new EventRow(rs.getLong(c), rs.getObject(c + 1, UUID.class), rs.getString(c + 2), rs.getString(c + 3),
                rs.getObject(c + 4, UUID.class), rs.getLong(c + 5), rs.getObject(c + 6, UUID.class), rs.getString(c + 7),
                rs.getString(c + 8), rs.getTimestamp(c + 9).toInstant(), rs.getString(c + 10),
                rs.getObject(c + 11, java.time.LocalDate.class));
    }

    private static List<SubscriptionRow> subscriptions(PreparedStatement ps) throws SQLException {
        List<SubscriptionRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(subscription(rs, 1));
            }
        }
        return rows;
    }

    /** A subscription read from {@link #SUBSCRIPTION_COLUMNS}'s twelve columns, starting at {@code first}. */
    static SubscriptionRow subscription(ResultSet rs, int first) throws SQLException {
        int c = first;
        Timestamp until = rs.getTimestamp(c + 9);
        return new SubscriptionRow(rs.getObject(c, UUID.class), rs.getLong(c + 1), rs.getTimestamp(c + 2).toInstant(),
                rs.getString(c + 3), rs.getString(c + 4), rs.getString(c + 5),
                Arrays.stream((Object[]) rs.getArray(c + 6).getArray()).map(String::valueOf).toList(),
                rs.getString(c + 7), rs.getString(c + 8), until == null ? null : until.toInstant(), rs.getString(c + 10),
                rs.getTimestamp(c + 11).toInstant());
    }

    private static DeliveryRow delivery(ResultSet rs) throws SQLException {
        Timestamp delivered = rs.getTimestamp(11);
        return new DeliveryRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getObject(4, UUID.class),
                rs.getString(5), rs.getString(6), rs.getInt(7), (Integer) rs.getObject(8), rs.getString(9),
                rs.getTimestamp(10).toInstant(), delivered == null ? null : delivered.toInstant());
    }
}
