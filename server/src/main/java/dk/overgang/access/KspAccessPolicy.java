package dk.overgang.access;

import java.util.Optional;

/**
 * Who takes part in KSP (R6, R17): the prison service (institutions and probation offices), the
 * municipalities and the police; never NGOs or auditors, for whom no legal basis allows sharing. Which
 * forum and meeting a participant sees is a matter of membership, decided by the KSP store's queries;
 * the forum's secretariat is the probation office that set it up.
 */
public final class KspAccessPolicy {

    private KspAccessPolicy() {
    }

    /** R19: the role of a manager, who alone decides that a person is not told of an exchange. */
    public static final String MANAGER_ROLE = "manager";

    /** R17: 403 unless the caller is a probation office, which sets up the forum it will be the secretariat of. */
    public static void requireForumFounder(Caller caller) {
        if (caller.orgType() != OrgType.PROBATION) {
            throw new dk.overgang.shared.ForbiddenException(
                    "A KSP forum is set up by the probation office that will be its secretariat (R17).");
        }
    }

    /** R19: 403 unless the caller is a manager (keeping an exchange from the person it concerns). */
    public static void requireManager(Caller caller) {
        if (!caller.hasRole(MANAGER_ROLE)) {
            throw new dk.overgang.shared.ForbiddenException(
                    "Only a manager decides that the person is not told of the exchange (R19).");
        }
    }

    public static boolean mayTakePart(Caller caller) {
        return switch (caller.orgType()) {
            case PRISON, PROBATION, MUNICIPALITY, POLICE -> true;
            case NGO, AUDITOR, OPERATOR -> false;
        };
    }

    public static boolean isSecretariat(Caller caller, String secretariat) {
        return caller.orgType() == OrgType.PROBATION && caller.orgId().equals(secretariat);
    }

    /** R19: exchanges are noted by the prison service, which keeps the action plan. */
    public static boolean keepsExchangeRecords(Caller caller) {
        return caller.orgType() == OrgType.PROBATION || caller.orgType() == OrgType.PRISON;
    }

    /**
     * R19: whose action plans a caller may note a KSP exchange on. The forum's secretariat keeps the
     * meeting's exchange records (R17), so it notes on the plan of any person it listed; any other
     * participant only on the plans of the people it holds (its own inmates, the people it
     * supervises), never on another institution's plan. Empty: on no one's.
     */
    public static Optional<InmateAccessPolicy.InmateScope> exchangeNoteScope(Caller caller, String secretariat) {
        if (!keepsExchangeRecords(caller)) {
            return Optional.empty();
        }
        return isSecretariat(caller, secretariat) ? Optional.of(InmateAccessPolicy.InmateScope.UNRESTRICTED)
                : InmateAccessPolicy.visibleTo(caller);
    }
}
