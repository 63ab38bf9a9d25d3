package dk.overgang.actionplan;

import java.util.List;

/** The sections of an action plan, as named in the contract. */
final class ActionPlanSections {

    /** Written by prison staff (R1, R5, R7, R8, R11, R12, R23), in the contract's order. */
    static final List<String> PRISON_SECTIONS = List.of("interventions", "housing", "educationEmployment",
            "incomeOnRelease", "healthTreatment", "mentor", "exchanges");

    /** Written by the acting municipality only (R3). */
    static final String MUNICIPALITY_SECTION = "municipality";

    private ActionPlanSections() {
    }
}
