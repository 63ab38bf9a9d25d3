package dk.overgang.audit;

/** What was done to a resource; stored lower-case. */
public enum AuditAction {
    CREATE, READ, UPDATE, SEARCH, HISTORY, LOOKUP, FULFIL, DELETE, APPROVE, ACKNOWLEDGE, EXPORT;

    public String code() {
        return name().toLowerCase();
    }
}
