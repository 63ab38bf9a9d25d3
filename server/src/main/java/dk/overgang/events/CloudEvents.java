package dk.overgang.events;

import dk.overgang.api.generated.model.CloudEvent;
import dk.overgang.api.generated.model.CloudEventDatacontenttype;
import dk.overgang.api.generated.model.CloudEventSpecversion;
import dk.overgang.api.generated.model.EventData;
import dk.overgang.api.generated.model.ObligationKind;
import dk.overgang.api.generated.model.ResourceType;
import java.time.ZoneOffset;

/**
 * The thin CloudEvents 1.0 document of an event (structured JSON mode), the same in a webhook and in
 * the feed: what happened to which resource in which version, and where to fetch it. Never a CPR
 * number, a name or free text; the receiver fetches what it may see. What an event says depends on
 * who receives it: an NGO programme is given its own referral's address and no person id (it knows
 * the person only through the referral).
 */
final class CloudEvents {

    static final String SOURCE = "/api/v1";

    /** The receiving organisation. */
    record Receiver(String orgType, String orgId) {

        boolean isNgo() {
            return "ngo".equals(orgType);
        }
    }

    private CloudEvents() {
    }

    static CloudEvent of(SubscriptionStore.EventRow e, Receiver receiver) {
        EventData data = new EventData(ResourceType.fromValue(e.resourceType()), e.resourceId(),
                Long.toString(e.resourceVersion()), href(e, receiver));
        if (e.inmateId() != null && !e.inmateId().equals(e.resourceId()) && !receiver.isNgo()) {
            data.inmateId(e.inmateId());
        }
        data.previousMunicipality(e.previousMunicipality()).municipality(e.municipality()).dueDate(e.dueDate());
        if (e.obligationKind() != null) {
            data.obligationKind(ObligationKind.fromValue(e.obligationKind()));
        }
        return new CloudEvent(CloudEventSpecversion._1_0, e.eventId(), EventType.fromCode(e.type()).cloudEventType(), SOURCE,
                e.occurredAt().atZone(ZoneOffset.UTC), subject(e), CloudEventDatacontenttype.APPLICATION_JSON, data);
    }

    static String subject(SubscriptionStore.EventRow e) {
        return e.resourceType() + "/" + e.resourceId() + "/_history/" + e.resourceVersion();
    }

    /** Where the receiver reads what changed (with its own token and rights). */
    static String href(SubscriptionStore.EventRow e, Receiver receiver) {
        if (receiver.isNgo()) {
            return "/api/v1/programmes/" + receiver.orgId() + "/referrals/" + e.resourceId();
        }
        return switch (e.resourceType()) {
            case "Inmate" -> e.obligationKind() != null ? "/api/v1/inmates/" + e.resourceId() + "/obligations"
                    : "/api/v1/inmates/" + e.resourceId();
            case "ActionPlan" -> "/api/v1/action-plans/" + e.resourceId();
            case "Handover" -> "/api/v1/handovers/" + e.resourceId();
            case "KspList" -> "/api/v1/ksp-meetings/" + e.resourceId() + "/list/_history/" + e.resourceVersion();
            case "ReleaseMeeting" -> "/api/v1/release-meetings/" + e.resourceId();
            case "Consent" -> "/api/v1/consents?inmateId=" + e.inmateId();
            case "Referral" -> "/api/v1/referrals?inmateId=" + e.inmateId();
            case "Outcome" -> "/api/v1/inmates/" + e.inmateId() + "/outcomes";
            default -> "/api/v1/inmates/" + e.inmateId();
        };
    }
}
