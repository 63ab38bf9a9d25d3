package dk.overgang.access;

/** The SMART v2 scope resource names (a public contract: names never change). */
public enum ResourceType {
    Inmate, ActionPlan, Handover, KspList, Consent, Referral, Outcome, Subscription, AuditEvent, LsRnrAssessment, ReleaseMeeting,
    Programme, Municipality, Client, RetentionRun
}
