package dk.overgang.events;

import dk.overgang.pipeline.Outbox;
import dk.overgang.pipeline.Event;
import dk.overgang.shared.EventType;
import dk.overgang.access.ResourceType;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox (issue 14). The pipeline ({@code pipeline.UseCases}) appends the events an
 * operation told, in the operation's transaction, and the deadline scan its deadline events: the event row and one delivery per active subscription
 * that wants this type and may see the person now are written with the change, or not at all. The
 * delivery workers ({@link DeliveryWorker}) take it from there; visibility is checked again when a
 * delivery is due.
 */
@Singleton
@Connectable
public class EventOutbox implements Outbox {

    private final JdbcOperations jdbc;
    private final Clock clock;

    EventOutbox(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An event an operation told, through the pipeline. */
    @Override
    public void append(Event event) {
        append(event.type(), event.resourceType(), event.resourceId(), event.versionId(), event.inmateId(),
                event.previousMunicipality(), event.municipality(), null, null);
    }

    /** A deadline of the person's case is due soon, overdue, or (an outcome checkpoint) due. */
    public void appendObligation(EventType type, UUID inmateId, long inmateVersionId, String obligationKind, java.time.LocalDate due) {
        append(type, ResourceType.Inmate, inmateId, inmateVersionId, inmateId, null, null, obligationKind, due);
    }

    private void append(EventType type, ResourceType resourceType, UUID resourceId, long versionId, UUID inmateId,
                        String previousMunicipality, String municipality, String obligationKind, java.time.LocalDate due) {
        Instant now = clock.instant();
        List<String> extra = previousMunicipality == null ? List.of() : List.of("municipality:" + previousMunicipality);
        long pk = jdbc.prepareStatement("""
                INSERT INTO event (event_id, type, resource_type, resource_id, resource_version, inmate_id, extra_audience,
                                   previous_municipality, municipality, occurred_at, obligation_kind, due_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, type.code());
            ps.setString(3, resourceType.name());
            ps.setObject(4, resourceId);
            ps.setLong(5, versionId);
            ps.setObject(6, inmateId);
            ps.setArray(7, ps.getConnection().createArrayOf("text", extra.toArray()));
            ps.setString(8, previousMunicipality);
            ps.setString(9, municipality);
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setString(11, obligationKind);
            ps.setObject(12, due);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        jdbc.prepareStatement("""
                INSERT INTO delivery (subscription_id, event_pk, resource_id, status, next_attempt_at)
                SELECT sub.id, e.id, e.resource_id, 'pending', e.occurred_at
                  FROM event e JOIN subscription sub ON sub.status = 'active' AND e.type = ANY (sub.event_types)
                 WHERE e.id = ? AND""" + " " + EventAudience.VISIBLE, ps -> {
            ps.setLong(1, pk);
            return ps.executeUpdate();
        });
    }
}
