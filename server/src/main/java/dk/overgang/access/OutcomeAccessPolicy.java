package dk.overgang.access;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.shared.ForbiddenException;

/**
 * Who records where a released person is 3, 6 and 12 months after release (G1, issue 13): the
 * acting municipality, for its own people only. Whoever may read the person reads the outcomes
 * ({@link InmateAccessPolicy}).
 */
public final class OutcomeAccessPolicy {

    private OutcomeAccessPolicy() {
    }

    /** The people the caller may record outcomes for; 403 for anyone but a municipality. */
    public static InmateScope recorderScope(Caller caller) {
        if (caller.orgType() != OrgType.MUNICIPALITY) {
            throw new ForbiddenException("Outcomes after release are recorded by the acting municipality.");
        }
        return InmateScope.of(caller, null, caller.orgId(), null);
    }
}
