package dk.overgang.access;

import dk.overgang.shared.ForbiddenException;

/**
 * Who writes which part of an action plan (R3). Who may see a plan at all is its person's
 * visibility ({@link InmateAccessPolicy}); this says what, of a plan the caller sees, it may change.
 */
public final class ActionPlanAccessPolicy {

    /** The parts of a plan, each with one writer. */
    public enum Section {
        /** Everything but the municipality's section: prison staff of the person's institution. */
        PRISON_SECTIONS,
        /** The municipality's own section: the acting municipality (R20) only. */
        MUNICIPALITY_SECTION
    }

    private ActionPlanAccessPolicy() {
    }

    /**
     * R3: the section {@code caller} writes in the plan of a person held at {@code institution} whose
     * acting municipality is {@code actingMunicipality}; 403 for anyone who writes none.
     */
    public static Section writableSection(Caller caller, String institution, String actingMunicipality) {
        if (InmateAccessPolicy.mayWrite(caller, institution)) {
            return Section.PRISON_SECTIONS;
        }
        if (caller.orgType() == OrgType.MUNICIPALITY && caller.orgId().equals(actingMunicipality)) {
            return Section.MUNICIPALITY_SECTION;
        }
        throw new ForbiddenException("Only prison staff of the institution and the acting municipality change this plan.");
    }
}
