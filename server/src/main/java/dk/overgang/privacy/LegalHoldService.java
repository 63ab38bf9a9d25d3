package dk.overgang.privacy;

import dk.overgang.access.Caller;
import dk.overgang.access.VisiblePeople;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.Interaction;
import dk.overgang.access.OrgType;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.UseCases;
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
 * Issue 17: legal hold. While a person is held, the retention job erases nothing about them
 * ({@code retention_erase} checks it in the database). Auditors ({@code RetentionRun}) and prison
 * managers of the person's institution place and lift it; everyone who may see the person reads it.
 */
@Singleton
@io.micronaut.data.connection.annotation.Connectable // the use cases read with plain SQL; the pipeline opens no transaction for a read
public class LegalHoldService {

    /** The state; the rest is null when not held. */
    public record State(boolean held, @Nullable String reason, @Nullable Instant placedAt, @Nullable String orgType,
                        @Nullable String orgId) {
    }

    private final JdbcOperations jdbc;
    private final VisiblePeople people;
    private final UseCases useCases;
    private final Clock clock;

    LegalHoldService(JdbcOperations jdbc, VisiblePeople people, UseCases useCases, Clock clock) {
        this.jdbc = jdbc;
        this.people = people;
        this.useCases = useCases;
        this.clock = clock;
    }

    public State read(Caller caller, UUID inmateId) {
        var scope = new UseCases.Scope(caller.orgType() == OrgType.AUDITOR ? ResourceType.RetentionRun : ResourceType.Inmate,
                Interaction.READ);
        return useCases.read(caller, scope, ResourceType.Inmate, AuditAction.READ, inmateId, facts -> {
            if (!visible(caller, inmateId)) {
                throw new NotFoundException("No inmate with this id.");
            }
            return state(inmateId);
        });
    }

    public State set(Caller caller, UUID inmateId, boolean held, @Nullable String reason) {
        boolean auditor = caller.orgType() == OrgType.AUDITOR;
        var scope = new UseCases.Scope(auditor ? ResourceType.RetentionRun : ResourceType.Inmate, Interaction.UPDATE);
        return useCases.write(caller, scope, ResourceType.Inmate, AuditAction.UPDATE, inmateId, facts -> {
            if (!visible(caller, inmateId)) {
                throw new NotFoundException("No inmate with this id.");
            }
            if (!auditor && !InmateAccessPolicy.mayRestrict(caller)) {
                throw new ForbiddenException("Only auditors and managers of the person's institution place or lift a legal hold.");
            }
            if (held && (reason == null || reason.isBlank())) {
                throw new InvalidFieldException("reason", "is required when a legal hold is placed");
            }
            if (held) {
                jdbc.prepareStatement("""
                        INSERT INTO legal_hold (inmate_id, reason, placed_at, placed_by_sub, placed_by_org_type, placed_by_org_id)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (inmate_id) DO UPDATE SET reason = EXCLUDED.reason""", ps -> {
                    ps.setObject(1, inmateId);
                    ps.setString(2, reason);
                    ps.setTimestamp(3, Timestamp.from(clock.instant()));
                    ps.setString(4, caller.sub());
                    ps.setString(5, caller.orgType().claim());
                    ps.setString(6, caller.orgId());
                    return ps.executeUpdate();
                });
            } else {
                jdbc.prepareStatement("DELETE FROM legal_hold WHERE inmate_id = ?", ps -> {
                    ps.setObject(1, inmateId);
                    return ps.executeUpdate();
                });
            }
            return state(inmateId);
        });
    }

    /** Auditors reach every person; others those they may see (restricted persons only with the role). */
    private boolean visible(Caller caller, UUID inmateId) {
        return caller.orgType() == OrgType.AUDITOR ? people.visible(InmateAccessPolicy.InmateScope.UNRESTRICTED, inmateId)
                : people.visible(caller, inmateId);
    }

    private State state(UUID inmateId) {
        return jdbc.prepareStatement("SELECT reason, placed_at, placed_by_org_type, placed_by_org_id FROM legal_hold WHERE inmate_id = ?",
                ps -> {
                    ps.setObject(1, inmateId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new State(true, rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4))
                                : new State(false, null, null, null, null);
                    }
                });
    }
}
