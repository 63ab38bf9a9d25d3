package dk.overgang.access;

import java.util.Optional;

/**
 * R15: gang-exit cases are for the local exit units only: the {@code exit-unit} role of the prison
 * service (the person's institution), the municipality (the acting municipality) and the police (the
 * district the case names). Everyone else, whatever their other rights to the person, is answered as if
 * there were no case. A restricted person's case needs the restricted-access role too (issue 17).
 */
public final class GangExitAccessPolicy {

    /** The role of an exit-unit member (a public contract: the name never changes). */
    public static final String EXIT_UNIT_ROLE = "exit-unit";

    /**
     * Which cases a caller's exit unit sees: the SQL condition on the case {@code g} and its person
     * {@code i} (named parameter {@code :exitUnit}: the caller's organisation id), and whether restricted persons are included.
     */
    public record Scope(String condition, String orgId, boolean restrictedAccess) {
    }

    private GangExitAccessPolicy() {
    }

    public static Optional<Scope> scope(Caller caller) {
        if (!caller.hasRole(EXIT_UNIT_ROLE)) {
            return Optional.empty();
        }
        String condition = switch (caller.orgType()) {
            case PRISON -> "i.current_institution = :exitUnit";
            case MUNICIPALITY -> "i.acting_municipality = :exitUnit";
            case POLICE -> "g.police_district = :exitUnit";
            case PROBATION, NGO, AUDITOR, OPERATOR -> null;
        };
        return Optional.ofNullable(condition)
                .map(c -> new Scope(c, caller.orgId(), InmateAccessPolicy.restrictedAccess(caller)));
    }

    /**
     * Who may open a case for a person it does not have one for: the exit unit of the person's
     * institution or acting municipality (the police learns of the person through the case). Named
     * parameter {@code :exitUnit}: the caller's organisation id.
     */
    public static Optional<String> openingCondition(Caller caller) {
        if (!caller.hasRole(EXIT_UNIT_ROLE)) {
            return Optional.empty();
        }
        return switch (caller.orgType()) {
            case PRISON -> Optional.of("i.current_institution = :exitUnit");
            case MUNICIPALITY -> Optional.of("i.acting_municipality = :exitUnit");
            default -> Optional.empty();
        };
    }
}
