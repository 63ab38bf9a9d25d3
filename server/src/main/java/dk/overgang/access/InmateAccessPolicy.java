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
 */
public final class InmateAccessPolicy {

    /** The rows a caller may see: null fields are unrestricted (see {@link InmateVisibility}). */
    public record InmateScope(String institution, String municipality, String probationOffice) {

        /** Everything: for the server's own derived work (deadlines after a change), never for a caller. */
        public static final InmateScope UNRESTRICTED = new InmateScope(null, null, null);
    }

    private InmateAccessPolicy() {
    }

    /** The caller's scope, or empty when the caller may see no inmate at all. */
    public static Optional<InmateScope> visibleTo(Caller caller) {
        return switch (caller.orgType()) {
            case PRISON -> Optional.of(new InmateScope(caller.orgId(), null, null));
            case PROBATION -> Optional.of(new InmateScope(null, null, caller.orgId()));
            case MUNICIPALITY -> Optional.of(new InmateScope(null, caller.orgId(), null));
            case POLICE, NGO, AUDITOR, OPERATOR -> Optional.empty();
        };
    }

    /** Only prison staff register and change inmates, and only for their own institution. */
    public static boolean mayWrite(Caller caller, String institution) {
        return caller.orgType() == OrgType.PRISON && caller.orgId().equals(institution);
    }
}
