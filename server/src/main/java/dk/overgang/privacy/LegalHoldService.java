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
import dk.overgang.database.Sql;
import jakarta.inject.Singleton;
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

    private final Sql sql;
    private final VisiblePeople people;
    private final UseCases useCases;
    private final Clock clock;

    LegalHoldService(Sql sql, VisiblePeople people, UseCases useCases, Clock clock) {
        this.sql = sql;
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
                sql.use(h -> h.createUpdate("""
                        INSERT INTO legal_hold (inmate_id, reason, placed_at, placed_by_sub, placed_by_org_type, placed_by_org_id)
                        VALUES (:inmate, :reason, :at, :sub, :orgType, :orgId)
                        ON CONFLICT (inmate_id) DO UPDATE SET reason = EXCLUDED.reason""")
                        .bind("inmate", inmateId).bind("reason", reason).bind("at", clock.instant()).bind("sub", caller.sub())
                        .bind("orgType", caller.orgType().claim()).bind("orgId", caller.orgId())
                        .execute());
            } else {
                sql.use(h -> h.createUpdate("DELETE FROM legal_hold WHERE inmate_id = :inmate").bind("inmate", inmateId).execute());
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
        return sql.run(h -> h.createQuery("""
                        SELECT reason, placed_at, placed_by_org_type, placed_by_org_id FROM legal_hold WHERE inmate_id = :inmate""")
                .bind("inmate", inmateId)
                .map((rs, ctx) -> new State(true, rs.getString("reason"), rs.getTimestamp("placed_at").toInstant(),
                        rs.getString("placed_by_org_type"), rs.getString("placed_by_org_id")))
                .findOne()
                .orElse(new State(false, null, null, null, null)));
    }
}
