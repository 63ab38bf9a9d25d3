package dk.overgang.access;

import dk.overgang.rules.ObligationKind;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Facts about a person that only one unit may know, whatever else the caller's organisation may see
 * of the person. Seeing the person ({@link InmateVisibility}) is not enough: each compartment names
 * the role that opens it, and every channel asks here (the obligations API and worklists, the event
 * audience for webhooks and the feed, the subject-access export). A subscription holds no roles, so
 * no event reveals a compartment's facts to any subscriber.
 */
public enum Compartment {

    /**
     * R16 (seed 001 §3.3.7): a radicalisation concern and the notice to the Infohus are for the prison
     * service's security unit: contact "udelukkende ... Infohuset ... og ikke kommunen".
     */
    SECURITY_UNIT,

    /** R15: a gang-exit case is for the exit units ({@link GangExitAccessPolicy} says whose cases). */
    GANG_EXIT;

    /** Whether the caller holds the role that opens this compartment. */
    public boolean admits(Caller caller) {
        return switch (this) {
            case SECURITY_UNIT -> caller.orgType() == OrgType.PRISON && caller.hasRole(ObligationAccessPolicy.SECURITY_UNIT_ROLE);
            case GANG_EXIT -> caller.hasRole(GangExitAccessPolicy.EXIT_UNIT_ROLE) && switch (caller.orgType()) {
                case PRISON, MUNICIPALITY, POLICE -> true;
                case PROBATION, NGO, AUDITOR, OPERATOR -> false;
            };
        };
    }

    /**
     * Whether what the compartment holds may be shown to the caller: to those it admits, and to
     * auditors, whose oversight reads everything (the subject-access export, the reading log).
     */
    public boolean disclosedTo(Caller caller) {
        return admits(caller) || caller.orgType() == OrgType.AUDITOR;
    }

    /** The compartment an obligation belongs to: the security unit's own work is R16's. */
    public static Optional<Compartment> of(ObligationKind kind) {
        return kind.responsible() == ObligationKind.Party.PRISON_SECURITY_UNIT ? Optional.of(SECURITY_UNIT) : Optional.empty();
    }

    /** Whether the caller may know of an obligation of this kind (for a person it sees). */
    public static boolean admits(Caller caller, ObligationKind kind) {
        return of(kind).map(c -> c.admits(caller)).orElse(true);
    }

    /** The codes of the obligation kinds whose compartment is not {@link #disclosedTo} the caller. */
    public static String[] obligationKindsHiddenFrom(Caller caller) {
        return Arrays.stream(ObligationKind.values()).filter(k -> of(k).map(c -> !c.disclosedTo(caller)).orElse(false))
                .map(ObligationKind::code).toArray(String[]::new);
    }

    /**
     * The purposes of audit records the caller may not learn of, comma-joined for
     * {@code string_to_array}: an access for a compartment's work tells that the person has such a case
     * (a police district reading a person is an exit unit reading a gang-exit case).
     */
    public static String auditPurposesHiddenFrom(Caller caller) {
        return GANG_EXIT.disclosedTo(caller) ? "" : Purpose.GANG_EXIT.code();
    }

    /**
     * The condition on an audit record's purpose ({@code purposeColumn}: {@code purpose}, or qualified in a
     * join): not one of the hidden purposes (named parameter {@code :hiddenPurposes}, bound to
     * {@link #auditPurposesHiddenFrom}).
     */
    public static String auditPurposeNotHidden(String purposeColumn) {
        return "NOT (coalesce(" + purposeColumn + ", '') = ANY (string_to_array(:hiddenPurposes, ',')))";
    }

    /** The codes of the obligation kinds in some compartment, as an SQL list ({@code 'infohus-notice'}). */
    public static final String COMPARTMENTED_KINDS = Arrays.stream(ObligationKind.values())
            .filter(k -> of(k).isPresent()).map(k -> "'" + k.code() + "'").collect(Collectors.joining(", "));

    /**
     * For an event row {@code e}: the event names no compartmented obligation. Events are told to
     * subscriptions, which hold no roles, so such an event is told to nobody.
     */
    public static final String EVENT_OUTSIDE_EVERY_COMPARTMENT =
            "(e.obligation_kind IS NULL OR e.obligation_kind NOT IN (" + COMPARTMENTED_KINDS + "))";
}
