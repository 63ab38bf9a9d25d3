package dk.overgang.actionplan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One version of an action plan, written by the database trigger. */
@MappedEntity("action_plan_history")
record ActionPlanVersionRecord(
        @Id @GeneratedValue Long historyId,
        UUID planId,
        Long version,
        Instant lastUpdated,
        UUID inmateId,
        LocalDate sentenceStart,
        String prisonSections,
        String municipalitySection,
        @Nullable LocalDate housingRenewalBase,
        boolean mentorSpecialNeed,
        boolean mentorMotivated,
        boolean mentorExitOrExtremism,
        String createdByOrgType,
        String createdByOrgId) {

    ActionPlan toPlan() {
        return new ActionPlan(planId, version, lastUpdated, inmateId, sentenceStart, prisonSections, municipalitySection);
    }
}
