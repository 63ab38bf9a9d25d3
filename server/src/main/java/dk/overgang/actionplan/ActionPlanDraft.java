package dk.overgang.actionplan;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a caller sends: the plan's identity, its sections as JSON (prison sections keyed by name, in
 * the contract's order; absent sections left out) and the facts the deadline engine reads from it.
 */
public record ActionPlanDraft(UUID inmateId, LocalDate sentenceStart, Map<String, String> prisonSections,
                              String municipalitySectionJson, PlanFacts facts) {

    /** The facts of a plan that rules read (R8 housing renewal, R11 mentor). */
    public record PlanFacts(LocalDate housingRenewalBase, boolean specialNeed, boolean motivated, boolean exitOrExtremism) {
    }

    /** The prison sections as one JSON object; the values are JSON already, the keys fixed section names. */
    String prisonSectionsJson() {
        return prisonSections.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public String toString() {
        return "ActionPlanDraft[inmateId=" + inmateId + ", sentenceStart=" + sentenceStart + "]";
    }
}
