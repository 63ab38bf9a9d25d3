package dk.overgang.access;

import dk.overgang.shared.ForbiddenException;

/**
 * Who subscribes to events (issue 14): every organisation that sees something that can change. An
 * institution, a probation office or a municipality is told of the people it sees
 * ({@link InmateAccessPolicy}); a police district of the KSP meetings it takes part in; an NGO programme
 * of its own referrals while a consent covers them. Each subscribes for itself; what each is told is
 * decided per event at delivery time. Auditors have no event stream: they read the audit log.
 */
public final class SubscriptionAccessPolicy {

    private SubscriptionAccessPolicy() {
    }

    /** 403 unless the caller's organisation may subscribe. */
    public static void requireSubscriber(Caller caller) {
        if (caller.orgType() == OrgType.AUDITOR || caller.orgType() == OrgType.OPERATOR) {
            throw new ForbiddenException("Events are for the organisations that work with the people; auditors read the audit log.");
        }
    }
}
