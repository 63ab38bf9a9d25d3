package dk.overgang.events;

import dk.overgang.shared.EventType;
import dk.overgang.access.ContractOperations;
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

    static CloudEvent of(SubscriptionStore.EventRow e, Receiver receiver, ContractOperations operations) {
        EventData data = new EventData(ResourceType.fromValue(e.resourceType()), e.resourceId(),
                Long.toString(e.resourceVersion()), href(e, receiver, operations));
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

    /**
     * Where the receiver reads what changed (with its own token and rights): the operation the contract
     * marks as the event link ({@link ContractOperations}); an NGO programme reads its own referral.
     */
    static String href(SubscriptionStore.EventRow e, Receiver receiver, ContractOperations operations) {
        String link = receiver.isNgo() ? "ProgrammeReferral" : e.obligationKind() != null ? "Obligation" : e.resourceType();
        return operations.eventHref(link, e.resourceId(), e.resourceVersion(), e.inmateId(), receiver.orgId());
    }
}
