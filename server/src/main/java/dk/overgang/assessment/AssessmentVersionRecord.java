package dk.overgang.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One version of an assessment, written by the database trigger. */
@MappedEntity("lsrnr_assessment_history")
record AssessmentVersionRecord(
        @Id @GeneratedValue Long historyId,
        UUID assessmentId,
        Long version,
        Instant lastUpdated,
        UUID inmateId,
        LocalDate assessedOn,
        String assessor,
        String riskLevel,
        String needs,
        @Nullable String strengths,
        @Nullable String responsivity,
        String createdByOrgType,
        String createdByOrgId) {

    Assessment toAssessment() {
        return new Assessment(assessmentId, version, lastUpdated,
                new Assessment.Details(inmateId, assessedOn, assessor, riskLevel, needs, strengths, responsivity));
    }
}
