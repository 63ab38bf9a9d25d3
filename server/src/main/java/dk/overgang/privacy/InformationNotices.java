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
import dk.overgang.database.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Seed 001 §2 (issue 17): that the person was told about the processing of their data, when, how and
 * about what. Prison staff of the person's institution record it; everyone who may see the person reads it.
 */
@Singleton
@io.micronaut.data.connection.annotation.Connectable // the use cases read with hand-written SQL; the pipeline opens no transaction for a read
public class InformationNotices {

    public record Notice(UUID id, String topic, LocalDate informedOn, String method, @Nullable String note, Instant recordedAt,
                         String orgType, String orgId) {
    }

    private static final RowMapper<Notice> NOTICE = ConstructorMapper.of(Notice.class);

    private final Sql sql;
    private final VisiblePeople people;
    private final UseCases useCases;
    private final Clock clock;

    InformationNotices(Sql sql, VisiblePeople people, UseCases useCases, Clock clock) {
        this.sql = sql;
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
        return Slice.of(sql.run(h -> h.createQuery("""
                        SELECT id, topic, informed_on, method, note, recorded_at, recorded_by_org_type AS org_type,
                               recorded_by_org_id AS org_id
                          FROM information_notice
                         WHERE inmate_id = :inmate
                           AND (CAST(:afterAt AS timestamptz) IS NULL OR (recorded_at, id) > (:afterAt, :afterId))
                         ORDER BY recorded_at, id LIMIT :limit""")
                .bind("inmate", inmateId)
                .bindByType("afterAt", after == null ? null : after.at(), Instant.class)
                .bindByType("afterId", after == null ? null : after.uuid(), UUID.class)
                .bind("limit", limit + 1)
                .map(NOTICE).list()), limit);
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
        sql.use(h -> h.createUpdate("""
                INSERT INTO information_notice (id, inmate_id, topic, informed_on, method, note, recorded_at, recorded_by_sub,
                                                recorded_by_org_type, recorded_by_org_id)
                VALUES (:id, :inmate, :topic, :informedOn, :method, :note, :recordedAt, :sub, :orgType, :orgId)""")
                .bindMethods(notice).bind("inmate", inmateId).bind("sub", caller.sub())
                .execute());
        return notice;
        });
    }
}
