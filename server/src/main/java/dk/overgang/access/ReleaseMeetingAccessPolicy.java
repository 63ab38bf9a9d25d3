package dk.overgang.access;

/**
 * Who calls and changes a release meeting (R10): "Den handleplansansvarlige medarbejder i
 * kriminalforsorgen", so prison staff of the inmate's institution. Who reads it: everyone who may see
 * the inmate ({@link InmateVisibility}: the institution, the acting municipality, the supervising
 * probation office) and the organisations the institution added as invitees. Police, NGOs and
 * auditors are never invited through Overgang (an NGO mentor needs recorded consent first).
 */
public final class ReleaseMeetingAccessPolicy {

    private ReleaseMeetingAccessPolicy() {
    }

    /** R10: 403 unless the caller is prison staff (who call meetings for the people of their own institution). */
    public static void requireCaller(Caller caller) {
        if (caller.orgType() != OrgType.PRISON) {
            throw new dk.overgang.shared.ForbiddenException(
                    "Release meetings are called by the prison staff of the inmate's institution (R10).");
        }
    }

    public static boolean mayWrite(Caller caller, String institution) {
        return caller.orgType() == OrgType.PRISON && caller.orgId().equals(institution);
    }

    /** Whether the caller may be an invitee at all (the org types a meeting invites). */
    public static boolean mayBeInvited(Caller caller) {
        return switch (caller.orgType()) {
            case PRISON, PROBATION, MUNICIPALITY -> true;
            case POLICE, NGO, AUDITOR, OPERATOR -> false;
        };
    }
}
