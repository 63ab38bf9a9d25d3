package dk.overgang.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The thin CloudEvents 1.0 document of an event (structured JSON mode): what happened to which
 * resource in which version, and where to fetch it. Never a CPR number, a name or free text; the
 * receiver fetches what it may see.
 */
final class CloudEvents {

    static final String SOURCE = "/api/v1";

    private CloudEvents() {
    }

    static Map<String, Object> of(SubscriptionStore.EventRow e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resourceType", e.resourceType());
        data.put("id", e.resourceId().toString());
        data.put("versionId", Long.toString(e.resourceVersion()));
        data.put("href", href(e));
        if (e.inmateId() != null && !e.inmateId().equals(e.resourceId())) {
            data.put("inmateId", e.inmateId().toString());
        }
        if (e.previousMunicipality() != null) {
            data.put("previousMunicipality", e.previousMunicipality());
        }
        if (e.municipality() != null) {
            data.put("municipality", e.municipality());
        }
        if (e.obligationKind() != null) {
            data.put("obligationKind", e.obligationKind());
            data.put("dueDate", e.dueDate().toString());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", e.eventId().toString());
        event.put("type", EventType.fromCode(e.type()).cloudEventType());
        event.put("source", SOURCE);
        event.put("time", e.occurredAt().toString());
        event.put("subject", subject(e));
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return event;
    }

    static String subject(SubscriptionStore.EventRow e) {
        return e.resourceType() + "/" + e.resourceId() + "/_history/" + e.resourceVersion();
    }

    /** Where the receiver reads what changed (with its own token and rights). */
    static String href(SubscriptionStore.EventRow e) {
        return switch (e.resourceType()) {
            case "Inmate" -> e.obligationKind() != null ? "/api/v1/inmates/" + e.resourceId() + "/obligations"
                    : "/api/v1/inmates/" + e.resourceId();
            case "ActionPlan" -> "/api/v1/action-plans/" + e.resourceId();
            case "Handover" -> "/api/v1/handovers/" + e.resourceId();
            case "ReleaseMeeting" -> "/api/v1/release-meetings/" + e.resourceId();
            case "Consent" -> "/api/v1/consents?inmateId=" + e.inmateId();
            case "Referral" -> "/api/v1/referrals?inmateId=" + e.inmateId();
            case "Outcome" -> "/api/v1/inmates/" + e.inmateId() + "/outcomes";
            default -> "/api/v1/inmates/" + e.inmateId();
        };
    }
}
