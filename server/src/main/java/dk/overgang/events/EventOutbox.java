package dk.overgang.events;

import dk.overgang.pipeline.Outbox;
import dk.overgang.pipeline.Event;
import dk.overgang.shared.EventType;
import dk.overgang.access.ResourceType;
import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
public class EventOutbox implements Outbox {

    private final Sql sql;
    private final Clock clock;

    EventOutbox(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** An event an operation told, through the pipeline. */
    @Override
    public void append(Event event) {
        append(event.type(), event.resourceType(), event.resourceId(), event.versionId(), event.inmateId(),
                event.previousMunicipality(), event.municipality(), null, null);
    }

    /** A deadline of a person's case that is due soon, overdue, or (an outcome checkpoint) due. */
    public record Deadline(EventType type, UUID inmateId, long inmateVersionId, String obligationKind, LocalDate due) {
    }

    /**
     * The deadline scan's events, a batch at a time (issue 28: the scan announces thousands at once after a
     * quiet spell, beside the requests it must not slow): the events in one statement, their deliveries in
     * a second, instead of two statements per event. Events keep the order given.
     */
    public void appendDeadlines(List<Deadline> deadlines) {
        if (deadlines.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        sql.use(h -> {
            List<Long> pks = h.createQuery("""
                            INSERT INTO event (event_id, type, resource_type, resource_id, resource_version, inmate_id,
                                               extra_audience, occurred_at, obligation_kind, due_date)
                            SELECT d.event_id, d.type, 'Inmate', d.inmate_id, d.version, d.inmate_id, '{}', :now, d.kind, d.due
                              FROM unnest(CAST(:eventIds AS uuid[]), CAST(:types AS text[]), CAST(:inmates AS uuid[]),
                                          CAST(:versions AS bigint[]), CAST(:kinds AS text[]), CAST(:dues AS date[]))
                                   WITH ORDINALITY AS d (event_id, type, inmate_id, version, kind, due, n)
                             ORDER BY d.n
                            RETURNING id""")
                    .bind("now", now)
                    .bindArray("eventIds", UUID.class, deadlines.stream().map(d -> UUID.randomUUID()).toList())
                    .bindArray("types", String.class, deadlines.stream().map(d -> d.type().code()).toList())
                    .bindArray("inmates", UUID.class, deadlines.stream().map(Deadline::inmateId).toList())
                    .bindArray("versions", Long.class, deadlines.stream().map(Deadline::inmateVersionId).toList())
                    .bindArray("kinds", String.class, deadlines.stream().map(Deadline::obligationKind).toList())
                    .bindArray("dues", LocalDate.class, deadlines.stream().map(Deadline::due).toList())
                    .mapTo(Long.class).list();
            h.createUpdate(DELIVERIES + " WHERE e.id = ANY (:pks) AND " + EventAudience.VISIBLE)
                    .bindArray("pks", Long.class, pks)
                    .execute();
        });
    }

    /** One delivery per active subscription that wants the event's type; the caller adds which events and who may see them. */
    private static final String DELIVERIES = """
            INSERT INTO delivery (subscription_id, event_pk, resource_id, status, next_attempt_at)
            SELECT sub.id, e.id, e.resource_id, 'pending', e.occurred_at
              FROM event e JOIN subscription sub ON sub.status = 'active' AND e.type = ANY (sub.event_types)""";

    private void append(EventType type, ResourceType resourceType, UUID resourceId, long versionId, UUID inmateId,
                        String previousMunicipality, String municipality, String obligationKind, LocalDate due) {
        Instant now = clock.instant();
        List<String> extra = previousMunicipality == null ? List.of() : List.of("municipality:" + previousMunicipality);
        sql.use(h -> {
            long pk = h.createQuery("""
                            INSERT INTO event (event_id, type, resource_type, resource_id, resource_version, inmate_id,
                                               extra_audience, previous_municipality, municipality, occurred_at,
                                               obligation_kind, due_date)
                            VALUES (:eventId, :type, :resourceType, :resourceId, :version, :inmate, :extra,
                                    :previousMunicipality, :municipality, :now, :obligationKind, :due)
                            RETURNING id""")
                    .bind("eventId", UUID.randomUUID()).bind("type", type.code()).bind("resourceType", resourceType.name())
                    .bind("resourceId", resourceId).bind("version", versionId).bindByType("inmate", inmateId, UUID.class)
                    .bind("extra", extra.toArray(String[]::new)).bind("previousMunicipality", previousMunicipality)
                    .bind("municipality", municipality).bind("now", now).bind("obligationKind", obligationKind)
                    .bindByType("due", due, LocalDate.class)
                    .mapTo(Long.class).one();
            h.createUpdate(DELIVERIES + " WHERE e.id = :pk AND " + EventAudience.VISIBLE)
                    .bind("pk", pk)
                    .execute();
        });
    }
}
