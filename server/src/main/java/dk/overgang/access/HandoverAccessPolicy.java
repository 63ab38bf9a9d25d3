package dk.overgang.access;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.shared.ForbiddenException;
import java.util.Optional;

/**
 * Who may do what with a handover (R9, R12): prison staff of the inmate's institution draft it, an
 * LS/RNR-certified one of them approves and sends it, the acting municipality (R20) reads what was
 * sent and acknowledges it. Drafts are the prison's own: the municipality never sees one.
 */
public final class HandoverAccessPolicy {

    /** The role of staff certified in LS/RNR, who alone approve and send a handover (R9). */
    public static final String CERTIFIED_ROLE = "lsrnr-certified";

    /** The handovers a caller sees: those of the people in {@code people}, drafts only when {@code drafts}. */
    public record HandoverScope(InmateScope people, boolean drafts) {
    }

    private HandoverAccessPolicy() {
    }

    /** Reading and searching: the prison of the person (drafts too), the acting municipality (sent only). */
    public static Optional<HandoverScope> readScope(Caller caller) {
        return switch (caller.orgType()) {
            case PRISON -> Optional.of(new HandoverScope(InmateScope.of(caller, caller.orgId(), null, null), true));
            case MUNICIPALITY -> Optional.of(new HandoverScope(InmateScope.of(caller, null, caller.orgId(), null), false));
            case PROBATION, POLICE, NGO, AUDITOR, OPERATOR -> Optional.empty();
        };
    }

    /** Drafting and approving: the people of the caller's own institution; 403 for anyone but prison staff. */
    public static HandoverScope draftScope(Caller caller) {
        if (caller.orgType() != OrgType.PRISON) {
            throw new ForbiddenException("Handovers are drafted by prison staff of the inmate's institution.");
        }
        return new HandoverScope(InmateScope.of(caller, caller.orgId(), null, null), true);
    }

    /** R9: 403 unless the caller is LS/RNR-certified. */
    public static void requireApprover(Caller caller) {
        if (!caller.hasRole(CERTIFIED_ROLE)) {
            throw new ForbiddenException("Only an LS/RNR-certified user approves and sends a handover (R9).");
        }
    }

    /** Acknowledging: the acting municipality, of what was sent to it; 403 for anyone else. */
    public static HandoverScope acknowledgeScope(Caller caller) {
        if (caller.orgType() != OrgType.MUNICIPALITY) {
            throw new ForbiddenException("The acting municipality acknowledges a handover.");
        }
        return new HandoverScope(InmateScope.of(caller, null, caller.orgId(), null), false);
    }
}
