package dk.overgang.access;

import java.util.Optional;

/**
 * Which inmates an organisation may see and write (foundation rules):
 * <ul>
 *   <li>prison staff: inmates of their own institution, read and write;</li>
 *   <li>probation (KiF): the people it supervises or is assigned to supervise (supervision not
 *       ended), read only; KSP grants it its meetings' lists besides ({@link KspAccessPolicy});</li>
 *   <li>municipality: inmates whose acting municipality (R20) is its own code, read only;</li>
 *   <li>police, NGO, auditor: no inmate (NGOs never see CPR, R6).</li>
 * </ul>
 * A restricted person (issue 17) is outside every scope unless the caller holds
 * {@link #RESTRICTED_ACCESS_ROLE}: not in any list or search, and a direct read answers as for a
 * person who does not exist.
 */
public final class InmateAccessPolicy {

    /**
     * The role that sees restricted persons (issue 17: protected address, protection concern). A
     * public contract: the name never changes.
     */
    public static final String RESTRICTED_ACCESS_ROLE = "restricted-access";

    /**
     * The rows a caller may see: null fields are unrestricted (see {@link InmateVisibility});
     * {@code restrictedAccess} says whether restricted persons are among them.
     */
    public record InmateScope(String institution, String municipality, String probationOffice, boolean restrictedAccess) {

        /** Everything: for the server's own derived work (deadlines after a change), never for a caller. */
        public static final InmateScope UNRESTRICTED = new InmateScope(null, null, null, true);

        /** The scope of {@code caller} limited by the given organisation fields. */
        public static InmateScope of(Caller caller, String institution, String municipality, String probationOffice) {
            return new InmateScope(institution, municipality, probationOffice, InmateAccessPolicy.restrictedAccess(caller));
        }
    }

    /** Issue 17: whether the caller holds the role that sees restricted persons. */
    public static boolean restrictedAccess(Caller caller) {
        return caller.hasRole(RESTRICTED_ACCESS_ROLE);
    }

    private InmateAccessPolicy() {
    }

    /** The caller's scope, or empty when the caller may see no inmate at all. */
    public static Optional<InmateScope> visibleTo(Caller caller) {
        return switch (caller.orgType()) {
            case PRISON -> Optional.of(InmateScope.of(caller, caller.orgId(), null, null));
            case PROBATION -> Optional.of(InmateScope.of(caller, null, null, caller.orgId()));
            case MUNICIPALITY -> Optional.of(InmateScope.of(caller, null, caller.orgId(), null));
            case POLICE, NGO, AUDITOR, OPERATOR -> Optional.empty();
        };
    }

    /**
     * Issue 17: managers of the prison service restrict a person or lift it; callers see only their
     * own institution's people, so the institution is checked by visibility.
     */
    public static boolean mayRestrict(Caller caller) {
        return caller.orgType() == OrgType.PRISON && caller.hasRole(KspAccessPolicy.MANAGER_ROLE);
    }

    /** Only prison staff register and change inmates, and only for their own institution. */
    public static boolean mayWrite(Caller caller, String institution) {
        return caller.orgType() == OrgType.PRISON && caller.orgId().equals(institution);
    }
}
