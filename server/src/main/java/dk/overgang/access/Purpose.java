package dk.overgang.access;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Why an access to person data happens (issue 17), recorded on every audit record so the person's
 * reading log says why, not only who. The token may name one in its {@code purpose} claim (a public
 * contract: the codes never change) when it is one its organisation type may have; otherwise the
 * organisation type's own purpose applies. An endpoint may set it too: the reading log and the
 * subject-access export read by prison staff are {@link #SUBJECT_ACCESS}.
 */
public enum Purpose {
    /** The prison service's work during the sentence: the action plan, handover, release (seed 001, §2). */
    SENTENCE_EXECUTION("sentence-execution"),
    /** The acting municipality's casework in the cooperation on the plan and the release (R20, seed 001). */
    MUNICIPAL_CASEWORK("municipal-casework"),
    /** Supervision after parole by Kriminalforsorgen i Frihed. */
    SUPERVISION("supervision"),
    /** Crime prevention in KSP (retsplejelovens § 115). */
    CRIME_PREVENTION("crime-prevention"),
    /** An NGO programme acting on the person's consent (R6). */
    CONSENT("consent"),
    /** Audit and oversight of the processing itself. */
    OVERSIGHT("oversight"),
    /** Running Overgang: clients, keys, subscriptions. */
    OPERATIONS("operations"),
    /** Answering the person's right of access (GDPR art. 15). */
    SUBJECT_ACCESS("subject-access"),
    /** The retention job erasing what has been kept as long as allowed; never claimed by a token. */
    RETENTION("retention"),
    /**
     * R15: an exit unit's work on a gang-exit case; set by the gang-exit operations, never claimed by a
     * token. Its records are in the {@link Compartment#GANG_EXIT} compartment: the reading log and the
     * export count them only for those the compartment admits (issue 26).
     */
    GANG_EXIT("gang-exit");

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Purpose> fromCode(String code) {
        for (Purpose p : values()) {
            if (p.code.equals(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The purpose of an organisation type's accesses when the token names none. */
    public static Purpose defaultFor(OrgType type) {
        return switch (type) {
            case PRISON -> SENTENCE_EXECUTION;
            case MUNICIPALITY -> MUNICIPAL_CASEWORK;
            case PROBATION -> SUPERVISION;
            case POLICE -> CRIME_PREVENTION;
            case NGO -> CONSENT;
            case AUDITOR -> OVERSIGHT;
            case OPERATOR -> OPERATIONS;
        };
    }

    /** The purposes a token of this organisation type may name. */
    public static Set<Purpose> allowedFor(OrgType type) {
        return switch (type) {
            case PRISON -> EnumSet.of(SENTENCE_EXECUTION, CRIME_PREVENTION, SUBJECT_ACCESS);
            case MUNICIPALITY -> EnumSet.of(MUNICIPAL_CASEWORK, CRIME_PREVENTION);
            case PROBATION -> EnumSet.of(SUPERVISION, SENTENCE_EXECUTION, CRIME_PREVENTION);
            case POLICE -> EnumSet.of(CRIME_PREVENTION);
            case NGO -> EnumSet.of(CONSENT);
            case AUDITOR -> EnumSet.of(OVERSIGHT, SUBJECT_ACCESS);
            case OPERATOR -> EnumSet.of(OPERATIONS);
        };
    }
}
