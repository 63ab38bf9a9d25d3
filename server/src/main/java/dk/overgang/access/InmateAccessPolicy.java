package dk.overgang.access;

import java.util.Optional;

/**
 * Which inmates an organisation may see and write (foundation rules):
 * <ul>
 *   <li>prison staff: inmates of their own institution, read and write;</li>
 *   <li>probation: every inmate, read only (supervision assignments come with a later issue);</li>
 *   <li>municipality: inmates whose acting municipality (R20) is its own code, read only;</li>
 *   <li>police, NGO, auditor: no inmate (NGOs never see CPR, R6).</li>
 * </ul>
 */
public final class InmateAccessPolicy {

    /** The rows a caller may see: null fields are unrestricted. */
    public record InmateScope(String institution, String municipality) {
    }

    private InmateAccessPolicy() {
    }

    /** The caller's scope, or empty when the caller may see no inmate at all. */
    public static Optional<InmateScope> visibleTo(Caller caller) {
        return switch (caller.orgType()) {
            case PRISON -> Optional.of(new InmateScope(caller.orgId(), null));
            case PROBATION -> Optional.of(new InmateScope(null, null));
            case MUNICIPALITY -> Optional.of(new InmateScope(null, caller.orgId()));
            case POLICE, NGO, AUDITOR -> Optional.empty();
        };
    }

    /** Only prison staff register and change inmates, and only for their own institution. */
    public static boolean mayWrite(Caller caller, String institution) {
        return caller.orgType() == OrgType.PRISON && caller.orgId().equals(institution);
    }
}
