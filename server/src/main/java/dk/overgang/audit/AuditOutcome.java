package dk.overgang.audit;

/** Whether the access disclosed the resource. */
public enum AuditOutcome {
    SUCCESS("success"), NOT_FOUND("not-found");

    private final String code;

    AuditOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
