package dk.overgang.access;

import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.ObligationKind.Party;
import java.util.Optional;

/**
 * Who acts on an obligation and whose worklist holds it (R2, R10, R13, R16, R20). Which people a
 * caller may see at all is {@link InmateAccessPolicy}; this says what, of those, is the caller's work.
 */
public final class ObligationAccessPolicy {

    /** The role of prison staff in the security unit (R16: Infohus notices, radicalisation concerns). */
    public static final String SECURITY_UNIT_ROLE = "security-unit";

    /**
     * What a caller's worklist holds: obligations the law puts on {@code party} for the organisation
     * {@code orgId} (none when {@code party} is null), the security unit's work only when
     * {@code securityUnit}, and release meetings {@code invitee} ("org_type:org_id") is invited to;
     * restricted persons only when {@code restrictedAccess} (issue 17).
     */
    public record WorklistScope(Party party, String orgId, boolean securityUnit, String invitee, boolean restrictedAccess) {
    }

    private ObligationAccessPolicy() {
    }

    /** R16: the security unit of the prison service, and only it, sees and records its work. */
    public static boolean seesSecurityUnitWork(Caller caller) {
        return Compartment.SECURITY_UNIT.admits(caller);
    }

    /**
     * Only the party the law makes responsible records an obligation as fulfilled; R20 notices and R10
     * invitations are facts, fulfilled by no caller.
     */
    public static boolean responsibleFor(Caller caller, ObligationKind kind) {
        return switch (kind.responsible()) {
            case PRISON -> caller.orgType() == OrgType.PRISON;
            case PRISON_SECURITY_UNIT -> seesSecurityUnitWork(caller);
            case MUNICIPALITY -> caller.orgType() == OrgType.MUNICIPALITY && kind != ObligationKind.ACTING_MUNICIPALITY_CHANGED;
            case INVITEE -> false;
        };
    }

    /** What each organisation's worklist holds; empty for police, NGOs and auditors, who have none. */
    public static Optional<WorklistScope> worklistScope(Caller caller) {
        String invitee = caller.orgType().claim() + ":" + caller.orgId();
        return switch (caller.orgType()) {
            case MUNICIPALITY -> Optional.of(new WorklistScope(Party.MUNICIPALITY, caller.orgId(), false, invitee,
                    InmateAccessPolicy.restrictedAccess(caller)));
            case PRISON -> Optional.of(new WorklistScope(Party.PRISON, caller.orgId(), seesSecurityUnitWork(caller), invitee,
                    InmateAccessPolicy.restrictedAccess(caller)));
            // R10: a probation office has no deadline of its own here; it sees the release meetings it is invited to.
            case PROBATION -> Optional.of(new WorklistScope(null, caller.orgId(), false, invitee,
                    InmateAccessPolicy.restrictedAccess(caller)));
            case POLICE, NGO, AUDITOR, OPERATOR -> Optional.empty();
        };
    }
}
