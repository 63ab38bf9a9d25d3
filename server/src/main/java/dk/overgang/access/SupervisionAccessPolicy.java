package dk.overgang.access;

/**
 * Who records a person's supervision: prison staff of the person's institution (they assign the
 * probation office before a parole with supervision), and the probation office the current
 * supervision names while it has not ended (it starts, ends or hands over its own supervision).
 * Everyone who may see the person reads it ({@link InmateVisibility}).
 */
public final class SupervisionAccessPolicy {

    private SupervisionAccessPolicy() {
    }

    /**
     * @param institution     the person's current institution
     * @param currentOffice   the probation office of the current supervision (null when none)
     * @param currentEnded    whether the current supervision has ended
     */
    public static boolean mayWrite(Caller caller, String institution, String currentOffice, boolean currentEnded) {
        return switch (caller.orgType()) {
            case PRISON -> caller.orgId().equals(institution);
            case PROBATION -> caller.orgId().equals(currentOffice) && !currentEnded;
            case MUNICIPALITY, POLICE, NGO, AUDITOR, OPERATOR -> false;
        };
    }
}
