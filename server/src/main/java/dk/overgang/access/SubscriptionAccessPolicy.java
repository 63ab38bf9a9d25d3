package dk.overgang.access;

import dk.overgang.shared.ForbiddenException;

/**
 * Who subscribes to events (issue 14): the organisations that see people through
 * {@link InmateAccessPolicy} (an institution, a probation office, a municipality), each for itself.
 * Events are delivered only about people the subscriber may see at delivery time
 * ({@link InmateVisibility#FOR_ORGANISATION}). Police, NGOs and auditors have no event stream yet.
 */
public final class SubscriptionAccessPolicy {

    private SubscriptionAccessPolicy() {
    }

    /** 403 unless the caller's organisation may subscribe. */
    public static void requireSubscriber(Caller caller) {
        if (InmateAccessPolicy.visibleTo(caller).isEmpty()) {
            throw new ForbiddenException("Events are for institutions, probation offices and municipalities.");
        }
    }
}
