package dk.overgang.privacy;

import dk.overgang.pipeline.UseCases;
import dk.overgang.access.Caller;
import dk.overgang.access.VisiblePeople;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.InmateVisibility;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import dk.overgang.database.Sql;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Issue 17: restricted persons. The flag on the inmate row is what every query filters by
 * ({@link InmateVisibility}); each change is appended to {@code inmate_restriction} and audited.
 */
@Singleton
@io.micronaut.data.connection.annotation.Connectable // the use cases read with plain SQL; the pipeline opens no transaction for a read
public class RestrictionService {

    /** The reasons a person is restricted (the API's codes). */
    public enum Reason {
        PROTECTED_ADDRESS("protected-address"), PROTECTION_CONCERN("protection-concern"), OTHER("other");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Reason fromCode(String code) {
            for (Reason r : values()) {
                if (r.code.equals(code)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown restriction reason " + code);
        }
    }

    /** The state: restricted or not, and the last change (none when it never changed). */
    public record State(boolean restricted, @Nullable Reason reason, @Nullable Instant changedAt,
                        @Nullable String changedByOrgType, @Nullable String changedByOrgId) {
    }

    private final Sql sql;
    private final VisiblePeople people;
    private final UseCases useCases;
    private final Clock clock;

    RestrictionService(Sql sql, VisiblePeople people, UseCases useCases, Clock clock) {
        this.sql = sql;
        this.people = people;
        this.useCases = useCases;
        this.clock = clock;
    }

    /** The state for anyone who may see the person; 404 for everyone else, restricted persons included. */
    public State read(Caller caller, UUID inmateId) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.READ, inmateId, facts -> {
            if (!people.visible(caller, inmateId)) {
                throw new NotFoundException("No inmate with this id.");
            }
            return state(inmateId);
        });
    }

    /**
     * Sets or lifts the restriction: prison managers of the person's institution who can see the
     * person (a restricted person only with the restricted-access role).
     */
    public State set(Caller caller, UUID inmateId, boolean restricted, @Nullable String reason) {
        return useCases.write(caller, ResourceType.Inmate, AuditAction.UPDATE, inmateId, facts -> apply(caller, inmateId, restricted, reason));
    }

    private State apply(Caller caller, UUID inmateId, boolean restricted, @Nullable String reason) {
        if (!people.visible(caller, inmateId)) {
            throw new NotFoundException("No inmate with this id.");
        }
        if (!InmateAccessPolicy.mayRestrict(caller)) {
            throw new ForbiddenException("Only managers of the person's institution restrict a person or lift a restriction.");
        }
        if (restricted && reason == null) {
            throw new InvalidFieldException("reason", "is required when the person is restricted");
        }
        Instant now = clock.instant();
        sql.use(h -> {
            h.createUpdate("""
                    INSERT INTO inmate_restriction (inmate_id, restricted, reason, changed_at, changed_by_sub, changed_by_org_type,
                                                    changed_by_org_id)
                    VALUES (:inmate, :restricted, :reason, :now, :sub, :orgType, :orgId)""")
                    .bind("inmate", inmateId).bind("restricted", restricted).bind("reason", restricted ? reason : null)
                    .bind("now", now).bind("sub", caller.sub()).bind("orgType", caller.orgType().claim())
                    .bind("orgId", caller.orgId())
                    .execute();
            h.createUpdate("UPDATE inmate SET restricted = :restricted WHERE id = :inmate")
                    .bind("restricted", restricted).bind("inmate", inmateId)
                    .execute();
        });
        return state(inmateId);
    }

    private State state(UUID inmateId) {
        return sql.run(h -> h.createQuery("""
                        SELECT i.restricted, r.reason, r.changed_at, r.changed_by_org_type, r.changed_by_org_id
                          FROM inmate i LEFT JOIN LATERAL (SELECT * FROM inmate_restriction x WHERE x.inmate_id = i.id
                                                            ORDER BY x.id DESC LIMIT 1) r ON true
                         WHERE i.id = :inmate""")
                .bind("inmate", inmateId)
                .map((rs, ctx) -> {
                    boolean restricted = rs.getBoolean("restricted");
                    String reason = rs.getString("reason");
                    Timestamp at = rs.getTimestamp("changed_at");
                    return new State(restricted, restricted && reason != null ? Reason.fromCode(reason) : null,
                            at == null ? null : at.toInstant(), rs.getString("changed_by_org_type"),
                            rs.getString("changed_by_org_id"));
                })
                .one());
    }
}
