package dk.overgang.events;

import dk.overgang.shared.EventType;
import dk.overgang.access.Compartment;
import dk.overgang.access.ConsentCheck;
import dk.overgang.access.InmateVisibility;
import dk.overgang.access.OrgType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may learn of an event: the one SQL predicate used when an event is written (which subscriptions
 * get a delivery), when a delivery is due (checked again: a transfer or a withdrawn consent stops it)
 * and when the feed is read. The event row is aliased {@code e}, the subscriber's organisation
 * {@code sub} (columns {@code org_type}, {@code org_id}). An organisation sees an event when
 * <ul>
 *   <li>it is named in the event's extra audience (R20: the old acting municipality), or</li>
 *   <li>a KSP list event: it is the forum's secretariat or takes part in the meeting (R17), or</li>
 *   <li>an NGO programme: the event is about one of its referrals and a referral consent is valid
 *       today (R6: no consent, nothing), or</li>
 *   <li>any other event: it sees the person now ({@link InmateVisibility#FOR_ORGANISATION}).</li>
 * </ul>
 * and never when the event is about a restricted person (issue 17) or names an obligation of a
 * {@link Compartment} (R16: an Infohus notice; issue 26): a subscription holds no roles, so no
 * subscriber holds the restricted-access or security-unit role.
 */
final class EventAudience {

    static final String VISIBLE = "(" + InmateVisibility.notRestricted("e.inmate_id")
            + " AND " + Compartment.EVENT_OUTSIDE_EVERY_COMPARTMENT + " AND (sub.org_type || ':' || sub.org_id = ANY (e.extra_audience) OR CASE"
            + " WHEN e.resource_type = 'KspList' THEN EXISTS (SELECT 1 FROM ksp_meeting m JOIN ksp_forum f ON f.id = m.forum_id"
            + " WHERE m.id = e.resource_id AND ((sub.org_type = 'probation' AND f.secretariat = sub.org_id)"
            + " OR EXISTS (SELECT 1 FROM ksp_meeting_participant p WHERE p.meeting_id = m.id AND p.org_type = sub.org_type"
            + " AND p.org_id = sub.org_id)))"
            + " WHEN sub.org_type = 'ngo' THEN e.resource_type = 'Referral' AND EXISTS (SELECT 1 FROM referral r"
            + " WHERE r.id = e.resource_id AND r.programme_id = sub.org_id AND " + ConsentCheck.REFERRAL_CONSENT_VALID_NOW + ")"
            + " ELSE EXISTS (SELECT 1 FROM inmate i WHERE i.id = e.inmate_id AND " + InmateVisibility.FOR_ORGANISATION + ")"
            + " END))";

    /** What police districts and NGO programmes may subscribe to; the others may have every type. */
    private static final Set<EventType> POLICE = EnumSet.of(EventType.KSP_LIST_PUBLISHED);
    private static final Set<EventType> NGO = EnumSet.of(EventType.REFERRAL_CREATED, EventType.REFERRAL_STATUS_CHANGED);

    private EventAudience() {
    }

    /** The event types an organisation of {@code type} could ever be told of. */
    static Set<EventType> typesFor(OrgType type) {
        return switch (type) {
            case POLICE -> POLICE;
            case NGO -> NGO;
            case AUDITOR, OPERATOR -> Set.of();
            default -> EnumSet.allOf(EventType.class);
        };
    }

    /** The codes of {@code requested} that {@code type} may not subscribe to. */
    static List<String> refused(OrgType type, List<String> requested) {
        Set<EventType> allowed = typesFor(type);
        return requested.stream().filter(code -> !allowed.contains(EventType.fromCode(code))).toList();
    }
}
