package dk.overgang.shared;

import java.util.Locale;

/** What happened, as subscribers name it (the CloudEvents type is {@code dk.overgang.<code>}). A public contract. */
public enum EventType {
    ADMITTED, SENTENCE_STARTED, TRANSFERRED, RELEASE_DATE_CHANGED, RELEASED, ACTING_MUNICIPALITY_CHANGED,
    ACTION_PLAN_CHANGED, HANDOVER_SENT, HANDOVER_ACKNOWLEDGED, KSP_LIST_PUBLISHED, RELEASE_MEETING_SCHEDULED, CONSENT_GIVEN,
    CONSENT_WITHDRAWN, REFERRAL_CREATED, REFERRAL_STATUS_CHANGED, OUTCOME_RECORDED, OBLIGATION_DUE_SOON, OBLIGATION_OVERDUE, OUTCOME_DUE;

    /** {@code RELEASE_DATE_CHANGED} is {@code release-date-changed}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static EventType fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The CloudEvents {@code type}. */
    public String cloudEventType() {
        return "dk.overgang." + code();
    }
}
