package dk.overgang.actionplan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The current version of an action plan, as stored; {@code version} is the API's versionId, from 1. */
@MappedEntity("action_plan")
record ActionPlanRecord(
        @Id UUID id,
        @Version Long version,
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

    static ActionPlanRecord of(UUID id, long version, Instant now, ActionPlanDraft d, String orgType, String orgId) {
        return new ActionPlanRecord(id, version, now, d.inmateId(), d.sentenceStart(), d.prisonSectionsJson(),
                d.municipalitySectionJson(), d.facts().housingRenewalBase(), d.facts().specialNeed(), d.facts().motivated(),
                d.facts().exitOrExtremism(), orgType, orgId);
    }

    ActionPlan toPlan() {
        return new ActionPlan(id, version, lastUpdated, inmateId, sentenceStart, prisonSections, municipalitySection);
    }
}
