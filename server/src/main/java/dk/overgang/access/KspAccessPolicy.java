package dk.overgang.access;

/**
 * Who takes part in KSP (R6, R17): the prison service (institutions and probation offices), the
 * municipalities and the police; never NGOs or auditors, for whom no legal basis allows sharing. Which
 * forum and meeting a participant sees is a matter of membership, decided by the KSP store's queries;
 * the forum's secretariat is the probation office that set it up.
 */
public final class KspAccessPolicy {

    private KspAccessPolicy() {
    }

    public static boolean mayTakePart(Caller caller) {
        return switch (caller.orgType()) {
            case PRISON, PROBATION, MUNICIPALITY, POLICE -> true;
            case NGO, AUDITOR -> false;
        };
    }

    public static boolean isSecretariat(Caller caller, String secretariat) {
        return caller.orgType() == OrgType.PROBATION && caller.orgId().equals(secretariat);
    }

    /** R19: exchanges are noted by the prison service, which keeps the action plan. */
    public static boolean keepsExchangeRecords(Caller caller) {
        return caller.orgType() == OrgType.PROBATION || caller.orgType() == OrgType.PRISON;
    }
}
