package dk.overgang.obligation;

import dk.overgang.events.EventOutbox;
import dk.overgang.shared.EventType;
import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 14: deadlines become events. Every {@code overgang.events.obligation-scan-interval} (hourly)
 * the open obligations that have just become due soon (14 days before, R-rule deadlines), overdue, or
 * (outcome checkpoints, G1) due are announced once each: the announcement row is the guard
 * (inserted with ON CONFLICT DO NOTHING, so several servers scanning at once announce each only once)
 * and the event goes to the outbox in the same transaction. Event-driven notices (R20, R10
 * invitations) and earliest dates (R11) are events or opportunities already, not deadlines.
 */
@Singleton
@Connectable
public class ObligationAnnouncements {

    private static final Logger LOG = LoggerFactory.getLogger(ObligationAnnouncements.class);
    /** At most this many announcements per transaction; a first scan of a large register takes a few rounds. */
    private static final int BATCH = 5_000;

    private final Sql sql;
    private final EventOutbox events;
    private final Clock clock;
    private final boolean enabled;

    ObligationAnnouncements(Sql sql, EventOutbox events, Clock clock,
                            @io.micronaut.context.annotation.Value("${overgang.events.obligation-scan-enabled:true}") boolean enabled) {
        this.sql = sql;
        this.events = events;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelay = "${overgang.events.obligation-scan-interval:1h}", initialDelay = "30s")
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            while (scan() == BATCH) {
                LOG.info("Announced {} deadlines; more to come", BATCH);
            }
        } catch (RuntimeException e) {
            LOG.warn("Announcing deadlines failed (tried again at the next scan): {}", e.getMessage());
        }
    }

    public record Announcement(UUID inmateId, long inmateVersion, String kind, LocalDate due, String stage) {
    }

    /** Announces what has become due since the last scan; returns how many. */
    @Transactional
    public int scan() {
        LocalDate today = LocalDate.now(clock);
        List<Announcement> fresh = sql.run(h -> h.createQuery("""
                WITH stage AS (
                    SELECT o.inmate_id, o.kind, o.due_date,
                           CASE WHEN o.kind LIKE 'outcome-%' THEN
                                     CASE WHEN o.due_date < :today - 30 THEN 'overdue' WHEN o.due_date <= :today THEN 'outcome-due' END
                                ELSE CASE WHEN o.due_date < :today THEN 'overdue' WHEN o.due_date <= :today + 14 THEN 'due-soon' END
                           END AS stage
                      FROM obligation o
                     WHERE o.done_on IS NULL AND o.due_date <= :today + 14
                       AND o.kind NOT IN ('acting-municipality-changed', 'release-meeting-invitation', 'mentor-start')),
                fresh AS (
                    INSERT INTO obligation_announcement (inmate_id, kind, due_date, stage, announced_at)
                    SELECT s.inmate_id, s.kind, s.due_date, s.stage, now() FROM stage s WHERE s.stage IS NOT NULL
                     LIMIT :batch
                    ON CONFLICT DO NOTHING
                    RETURNING inmate_id, kind, due_date, stage)
                SELECT f.inmate_id, i.version AS inmate_version, f.kind, f.due_date AS due, f.stage
                  FROM fresh f JOIN inmate i ON i.id = f.inmate_id
                 ORDER BY f.inmate_id, f.due_date""")
                .bind("today", today).bind("batch", BATCH)
                .map(ConstructorMapper.of(Announcement.class)).list());
        // The inmate's versionId names the state the deadline was computed from.
        events.appendDeadlines(fresh.stream().map(a -> new EventOutbox.Deadline(switch (a.stage()) {
            case "overdue" -> EventType.OBLIGATION_OVERDUE;
            case "outcome-due" -> EventType.OUTCOME_DUE;
            default -> EventType.OBLIGATION_DUE_SOON;
        }, a.inmateId(), a.inmateVersion(), a.kind(), a.due())).toList());
        return fresh.size();
    }
}
