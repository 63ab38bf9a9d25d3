package dk.overgang.access;

import dk.overgang.shared.ForbiddenException;

/**
 * Who maintains a programme's catalogue entry: the NGO programme itself (its tokens' {@code org_id}
 * is the programme's id). The catalogue holds no person data: every organisation with the scope
 * reads it. Which programmes a person is eligible for is read under the person's visibility
 * ({@link InmateAccessPolicy}): NGOs see no person through it.
 */
public final class ProgrammeAccessPolicy {

    private ProgrammeAccessPolicy() {
    }

    /** 403 unless the caller is the programme itself. */
    public static void requireMaintainer(Caller caller, String programmeId) {
        if (caller.orgType() != OrgType.NGO || !caller.orgId().equals(programmeId)) {
            throw new ForbiddenException("A programme's catalogue entry is maintained by the programme itself.");
        }
    }
}
