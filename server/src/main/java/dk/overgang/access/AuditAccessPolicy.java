package dk.overgang.access;

import dk.overgang.shared.ForbiddenException;

/** Who reads the audit log: auditor organisations (the data protection authority, internal audit), with the search scope. */
public final class AuditAccessPolicy {

    private AuditAccessPolicy() {
    }

    /** 403 unless the caller is an auditor organisation holding {@code AuditEvent.s}. */
    public static void requireAuditor(Caller caller) {
        caller.require(ResourceType.AuditEvent, Interaction.SEARCH);
        if (caller.orgType() != OrgType.AUDITOR) {
            throw new ForbiddenException("Only auditor organisations read the audit log.");
        }
    }
}
