package dk.overgang.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The current version of an assessment; {@code version} is the API's versionId, from 1. */
@MappedEntity("lsrnr_assessment")
record AssessmentRecord(
        @Id UUID id,
        @Version Long version,
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

    static AssessmentRecord of(UUID id, long version, Instant now, Assessment.Details d, String orgType, String orgId) {
        return new AssessmentRecord(id, version, now, d.inmateId(), d.assessedOn(), d.assessor(), d.riskLevel(), d.needsJson(),
                d.strengths(), d.responsivity(), orgType, orgId);
    }

    Assessment toAssessment() {
        return new Assessment(id, version, lastUpdated,
                new Assessment.Details(inmateId, assessedOn, assessor, riskLevel, needs, strengths, responsivity));
    }
}
