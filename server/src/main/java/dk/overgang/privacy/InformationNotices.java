package dk.overgang.privacy;

import dk.overgang.pipeline.UseCases;
import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
import dk.overgang.access.Caller;
import dk.overgang.access.VisiblePeople;
import dk.overgang.access.OrgType;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Seed 001 §2 (issue 17): that the person was told about the processing of their data, when, how and
 * about what. Prison staff of the person's institution record it; everyone who may see the person reads it.
 */
@Singleton
@io.micronaut.data.connection.annotation.Connectable // the use cases read with plain SQL; the pipeline opens no transaction for a read
public class InformationNotices {

    public record Notice(UUID id, String topic, LocalDate informedOn, String method, @Nullable String note, Instant recordedAt,
                         String orgType, String orgId) {
    }

    private final JdbcOperations jdbc;
    private final VisiblePeople people;
    private final UseCases useCases;
    private final Clock clock;

    InformationNotices(JdbcOperations jdbc, VisiblePeople people, UseCases useCases, Clock clock) {
        this.jdbc = jdbc;
        this.people = people;
        this.useCases = useCases;
        this.clock = clock;
    }

    /** One page of the notices given to the person, oldest first, after the notice {@code after}. */
    public Slice<Notice> list(Caller caller, UUID inmateId, Cursors.InstantAndKey after, int limit) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.READ, inmateId, facts -> {
        if (!people.visible(caller, inmateId)) {
            throw new NotFoundException("No inmate with this id.");
        }
        return Slice.of(jdbc.prepareStatement("""
                SELECT id, topic, informed_on, method, note, recorded_at, recorded_by_org_type, recorded_by_org_id
                  FROM information_notice
                 WHERE inmate_id = ? AND (CAST(? AS timestamptz) IS NULL OR (recorded_at, id) > (?, ?))
                 ORDER BY recorded_at, id LIMIT ?""", ps -> {
            ps.setObject(1, inmateId);
            java.sql.Timestamp at = after == null ? null : java.sql.Timestamp.from(after.at());
            ps.setTimestamp(2, at);
            ps.setTimestamp(3, at);
            ps.setObject(4, after == null ? null : after.uuid());
            ps.setInt(5, limit + 1);
            List<Notice> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Notice(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)));
                }
            }
            return found;
        }), limit);
        });
    }

    public Notice record(Caller caller, UUID inmateId, String topic, LocalDate informedOn, String method, @Nullable String note) {
        return useCases.write(caller, ResourceType.Inmate, AuditAction.UPDATE, inmateId, facts -> {
        if (!people.visible(caller, inmateId)) {
            throw new NotFoundException("No inmate with this id.");
        }
        if (caller.orgType() != OrgType.PRISON) {
            throw new ForbiddenException("Prison staff of the person's institution record that the person was informed.");
        }
        Instant now = clock.instant();
        if (informedOn.isAfter(LocalDate.ofInstant(now, clock.getZone()))) {
            throw new InvalidFieldException("informedOn", "must not be in the future");
        }
        Notice notice = new Notice(UUID.randomUUID(), topic, informedOn, method, note, now, caller.orgType().claim(), caller.orgId());
        jdbc.prepareStatement("""
                INSERT INTO information_notice (id, inmate_id, topic, informed_on, method, note, recorded_at, recorded_by_sub,
                                                recorded_by_org_type, recorded_by_org_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, notice.id());
            ps.setObject(2, inmateId);
            ps.setString(3, topic);
            ps.setObject(4, informedOn);
            ps.setString(5, method);
            ps.setString(6, note);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setString(8, caller.sub());
            ps.setString(9, notice.orgType());
            ps.setString(10, notice.orgId());
            return ps.executeUpdate();
        });
        return notice;
        });
    }
}
