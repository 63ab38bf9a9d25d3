package dk.overgang.events;

import dk.overgang.database.Sql;
import dk.overgang.shared.EventType;
import dk.overgang.shared.Versions;
import dk.overgang.web.Cursors;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Subscriptions, deliveries and events in SQL. Every read of events carries {@link EventAudience#VISIBLE}. */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
class SubscriptionStore {

    private final Sql sql;

    SubscriptionStore(Sql sql) {
        this.sql = sql;
    }

    public record SubscriptionRow(UUID id, long version, Instant lastUpdated, String orgType, String orgId, String endpoint,
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
                    String obligationKind, LocalDate dueDate) {
    }

    record DeliveryRow(long id, UUID subscriptionId, long eventPk, UUID eventId, String type, String status, int attempts,
                       Integer lastStatus, String lastError, Instant nextAttemptAt, Instant deliveredAt) {
    }

    private static final RowMapper<SubscriptionRow> SUBSCRIPTION = ConstructorMapper.of(SubscriptionRow.class);
    private static final RowMapper<DirectoryRow> DIRECTORY = ConstructorMapper.of(DirectoryRow.class);
    private static final RowMapper<DeliveryRow> DELIVERY = ConstructorMapper.of(DeliveryRow.class);
    private static final RowMapper<EventRow> EVENT = ConstructorMapper.of(EventRow.class);

    /** A subscription's columns of table alias {@code alias}, named as {@link SubscriptionRow}'s components. */
    static String subscriptionColumns(String alias) {
        return alias + ".id, " + alias + ".version, " + alias + ".last_updated, " + alias + ".org_type, " + alias + ".org_id, "
                + alias + ".endpoint, " + alias + ".event_types, " + alias + ".secret, " + alias + ".previous_secret, "
                + alias + ".previous_secret_until, " + alias + ".status, " + alias + ".created_at";
    }

    private static final String SUBSCRIPTION_COLUMNS = subscriptionColumns("subscription");

    void insert(SubscriptionRow s, String sub) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO subscription (id, version, last_updated, org_type, org_id, endpoint, event_types, secret, status,
                                          created_at, created_by_sub)
                VALUES (:id, 1, :lastUpdated, :orgType, :orgId, :endpoint, :eventTypes, :secret, 'active', :createdAt, :sub)""")
                .bindMethods(s)
                .bind("eventTypes", s.eventTypes().toArray(String[]::new)).bind("sub", sub)
                .execute());
    }

    /** The organisation's subscription {@code id}; empty for another organisation's, as for a missing one. */
    Optional<SubscriptionRow> find(UUID id, String orgType, String orgId) {
        return sql.run(h -> h.createQuery("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscription"
                        + " WHERE id = :id AND org_type = :orgType AND org_id = :orgId")
                .bind("id", id).bind("orgType", orgType).bind("orgId", orgId)
                .map(SUBSCRIPTION).findOne());
    }

    Optional<SubscriptionRow> find(UUID id) {
        return sql.run(h -> h.createQuery("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscription WHERE id = :id")
                .bind("id", id)
                .map(SUBSCRIPTION).findOne());
    }

    /**
     * The subscription's versions below {@code before}, newest first (issue 26: one version history).
     * A version keeps no secret: those columns read as null.
     */
    List<SubscriptionRow> versions(UUID id, long before, int rows) {
        return sql.run(h -> h.createQuery("SELECT " + SUBSCRIPTION_COLUMNS + " FROM "
                        + Versions.of("subscription", "subscription") + " ORDER BY version DESC")
                .bindMap(Versions.params(id, before, rows))
                .map(SUBSCRIPTION).list());
    }

    /** The organisation's subscriptions newest first, after {@code after} (null: from the newest), at most {@code limit}. */
    List<SubscriptionRow> ofOrganisation(String orgType, String orgId, Cursors.InstantAndKey after, int limit) {
        return sql.run(h -> h.createQuery("SELECT " + SUBSCRIPTION_COLUMNS + " FROM subscription"
                        + " WHERE org_type = :orgType AND org_id = :orgId"
                        + " AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) < (:afterAt, :afterId))"
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("orgType", orgType).bind("orgId", orgId)
                .bind("afterAt", after == null ? null : after.at()).bind("afterId", after == null ? null : after.uuid())
                .bind("limit", limit)
                .map(SUBSCRIPTION).list());
    }

    boolean stop(UUID id, Instant now) {
        return sql.run(h -> h.createUpdate("UPDATE subscription SET status = 'stopped', version = version + 1,"
                        + " last_updated = :now WHERE id = :id AND status = 'active'")
                .bind("now", now).bind("id", id)
                .execute() == 1);
    }

    void rotate(UUID id, String newSecret, Instant now, Instant previousUntil) {
        sql.use(h -> h.createUpdate("""
                UPDATE subscription SET previous_secret = secret, previous_secret_until = :previousUntil, secret = :secret,
                       version = version + 1, last_updated = :now WHERE id = :id""")
                .bind("previousUntil", previousUntil).bind("secret", newSecret).bind("now", now).bind("id", id)
                .execute());
    }

    /** Points a subscription at a new endpoint (the directory's default one), keeping its secret. */
    void moveTo(UUID id, String endpoint, Instant now) {
        sql.use(h -> h.createUpdate("UPDATE subscription SET endpoint = :endpoint, status = 'active', version = version + 1,"
                        + " last_updated = :now WHERE id = :id")
                .bind("endpoint", endpoint).bind("now", now).bind("id", id)
                .execute());
    }

    public record DirectoryRow(String code, long version, Instant lastUpdated, String name, String unit, String email, String phone,
                        UUID subscriptionId, String endpoint, String subscriptionStatus) {
    }

    private static final String DIRECTORY_QUERY = """
            SELECT m.code, m.version, m.last_updated, m.name, m.contact_unit AS unit, m.contact_email AS email,
                   m.contact_phone AS phone, m.notification_subscription AS subscription_id, s.endpoint,
                   s.status AS subscription_status
              FROM municipality_directory m LEFT JOIN subscription s ON s.id = m.notification_subscription""";

    /** The directory by municipality code, after the code {@code after} (null: from the first), at most {@code limit}. */
    List<DirectoryRow> directory(String after, int limit) {
        return sql.run(h -> h.createQuery(DIRECTORY_QUERY + " WHERE m.code > :after ORDER BY m.code LIMIT :limit")
                .bind("after", after == null ? "" : after).bind("limit", limit)
                .map(DIRECTORY).list());
    }

    Optional<DirectoryRow> directoryEntry(String code, boolean forUpdate) {
        return sql.run(h -> h.createQuery(DIRECTORY_QUERY + " WHERE m.code = :code" + (forUpdate ? " FOR UPDATE OF m" : ""))
                .bind("code", code)
                .map(DIRECTORY).findOne());
    }

    /**
     * The entry's versions below {@code before}, newest first (issue 26: one version history), each
     * with the notification subscription's current endpoint and status.
     */
    List<DirectoryRow> directoryVersions(String code, long before, int rows) {
        return sql.run(h -> h.createQuery(DIRECTORY_QUERY.replace("FROM municipality_directory m",
                        "FROM " + Versions.of("municipality_directory", "m")) + " ORDER BY m.version DESC")
                .bindMap(Versions.params(code, before, rows))
                .map(DIRECTORY).list());
    }

    /** Inserts (version 1) or updates (when {@code expectedVersion} is current) an entry; false when it lost a race. */
    boolean saveDirectoryEntry(DirectoryRow r, Long expectedVersion, String sub) {
        String statement = expectedVersion == null ? """
                INSERT INTO municipality_directory (code, version, last_updated, name, contact_unit, contact_email,
                                                    contact_phone, notification_subscription, updated_by_sub)
                VALUES (:code, 1, :lastUpdated, :name, :unit, :email, :phone, :subscriptionId, :sub)
                ON CONFLICT (code) DO NOTHING""" : """
                UPDATE municipality_directory SET version = version + 1, last_updated = :lastUpdated, name = :name,
                       contact_unit = :unit, contact_email = :email, contact_phone = :phone,
                       notification_subscription = :subscriptionId, updated_by_sub = :sub
                 WHERE code = :code AND version = :expectedVersion""";
        return sql.run(h -> {
            var save = h.createUpdate(statement).bindMethods(r).bind("sub", sub);
            if (expectedVersion != null) {
                save.bind("expectedVersion", expectedVersion);
            }
            return save.execute() == 1;
        });
    }

    private static final String DELIVERY_COLUMNS = "d.id, d.subscription_id, d.event_pk, e.event_id, e.type, d.status,"
            + " d.attempts, d.last_status, d.last_error, d.next_attempt_at, d.delivered_at";

    /** A page of a subscription's deliveries, newest first, before {@code beforeId}. */
    List<DeliveryRow> deliveries(UUID subscriptionId, String status, long beforeId, int limit) {
        return sql.run(h -> h.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM delivery d JOIN event e ON e.id = d.event_pk"
                        + " WHERE d.subscription_id = :subscription AND (CAST(:status AS text) IS NULL OR d.status = :status)"
                        + " AND d.id < :before ORDER BY d.id DESC LIMIT :limit")
                .bind("subscription", subscriptionId).bind("status", status).bind("before", beforeId).bind("limit", limit)
                .map(DELIVERY).list());
    }

    /** Queues a delivery of the subscription again at once; empty when there is no such delivery. */
    Optional<DeliveryRow> requeue(UUID subscriptionId, long deliveryId, Instant now) {
        return sql.run(h -> {
            int changed = h.createUpdate("""
                            UPDATE delivery SET status = 'pending', next_attempt_at = :now, claimed_until = NULL,
                                   delivered_at = NULL
                             WHERE id = :delivery AND subscription_id = :subscription""")
                    .bind("now", now).bind("delivery", deliveryId).bind("subscription", subscriptionId)
                    .execute();
            if (changed == 0) {
                return Optional.empty();
            }
            return h.createQuery("SELECT " + DELIVERY_COLUMNS + " FROM delivery d JOIN event e ON e.id = d.event_pk"
                            + " WHERE d.id = :delivery")
                    .bind("delivery", deliveryId)
                    .map(DELIVERY).findOne();
        });
    }

    /** An event's columns of table alias {@code e}, named as {@link EventRow}'s components. */
    static final String EVENT_COLUMNS = "e.id AS pk, e.event_id, e.type, e.resource_type, e.resource_id, e.resource_version,"
            + " e.inmate_id, e.previous_municipality, e.municipality, e.occurred_at, e.obligation_kind, e.due_date";

    /** The feed: events of {@code types} after {@code afterPk} that the organisation may see now, oldest first. */
    List<EventRow> feed(String orgType, String orgId, Set<EventType> types, long afterPk, int limit) {
        return sql.run(h -> h.createQuery("SELECT " + EVENT_COLUMNS + " FROM event e"
                        + " CROSS JOIN (VALUES (CAST(:orgType AS text), CAST(:orgId AS text))) AS sub (org_type, org_id)"
                        + " WHERE e.id > :after AND e.type = ANY (:types) AND " + EventAudience.VISIBLE
                        + " ORDER BY e.id LIMIT :limit")
                .bind("orgType", orgType).bind("orgId", orgId).bind("after", afterPk)
                .bind("types", types.stream().map(EventType::code).toArray(String[]::new)).bind("limit", limit)
                .map(EVENT).list());
    }
}
