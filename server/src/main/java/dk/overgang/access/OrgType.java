package dk.overgang.access;

import java.util.Arrays;
import java.util.Optional;

/** The kind of organisation a token speaks for: the {@code org_type} claim. */
public enum OrgType {
    /** An institution of the Prison and Probation Service (prison, local jail, halfway house). */
    PRISON("prison"),
    /** A probation office (Kriminalforsorgen i Frihed). */
    PROBATION("probation"),
    /** A municipality, by its 3-digit code. */
    MUNICIPALITY("municipality"),
    /** A police district. */
    POLICE("police"),
    /** An NGO programme. */
    NGO("ngo"),
    /** An auditor or data-protection officer: reads the audit log only. */
    AUDITOR("auditor"),
    /** Overgang's operators: keep the client registry (issue 15); see no person. */
    OPERATOR("operator");

    private final String claim;

    OrgType(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static Optional<OrgType> fromClaim(Object value) {
        return Arrays.stream(values()).filter(t -> t.claim.equals(value)).findFirst();
    }
}
