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
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
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

    private final JdbcOperations jdbc;
    private final VisiblePeople people;
    private final UseCases useCases;
    private final Clock clock;

    RestrictionService(JdbcOperations jdbc, VisiblePeople people, UseCases useCases, Clock clock) {
        this.jdbc = jdbc;
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
        jdbc.prepareStatement("""
                INSERT INTO inmate_restriction (inmate_id, restricted, reason, changed_at, changed_by_sub, changed_by_org_type,
                                                changed_by_org_id) VALUES (?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, inmateId);
            ps.setBoolean(2, restricted);
            ps.setString(3, restricted ? reason : null);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, caller.sub());
            ps.setString(6, caller.orgType().claim());
            ps.setString(7, caller.orgId());
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("UPDATE inmate SET restricted = ? WHERE id = ?", ps -> {
            ps.setBoolean(1, restricted);
            ps.setObject(2, inmateId);
            return ps.executeUpdate();
        });
        return state(inmateId);
    }

    private State state(UUID inmateId) {
        return jdbc.prepareStatement("""
                SELECT i.restricted, r.reason, r.changed_at, r.changed_by_org_type, r.changed_by_org_id
                  FROM inmate i LEFT JOIN LATERAL (SELECT * FROM inmate_restriction x WHERE x.inmate_id = i.id
                                                    ORDER BY x.id DESC LIMIT 1) r ON true
                 WHERE i.id = ?""", ps -> {
            ps.setObject(1, inmateId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean restricted = rs.getBoolean(1);
                Timestamp at = rs.getTimestamp(3);
                return new State(restricted, restricted && rs.getString(2) != null ? Reason.fromCode(rs.getString(2)) : null,
                        at == null ? null : at.toInstant(), rs.getString(4), rs.getString(5));
            }
        });
    }
}
