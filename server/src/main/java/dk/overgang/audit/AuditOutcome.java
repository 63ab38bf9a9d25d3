package dk.overgang.audit;

/** Whether the access disclosed the resource, and if it was refused, why. */
public enum AuditOutcome {
    SUCCESS("success"),
    /** Nothing the caller may see matched: "not yours" and "missing" alike. */
    NOT_FOUND("not-found"),
    /** Refused: the token's scope or role does not cover the request. */
    FORBIDDEN("forbidden"),
    /** Refused: If-Match missing or stale. */
    PRECONDITION_FAILED("precondition-failed");

    private final String code;

    AuditOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
