package dk.overgang.inmate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The current version of an inmate, as stored. {@link Version} makes every update conditional on
 * the version it was read at, so two concurrent writers cannot both win. The stored version is the
 * API's versionId: the first version is 1 (issue 26).
 */
@MappedEntity("inmate")
record InmateRecord(
        @Id UUID id,
        @Version Long version,
        Instant lastUpdated,
        String cpr,
        String name,
        LocalDate birthDate,
        String custodyStatus,
        boolean expelledByJudgment,
        String currentInstitution,
        @Nullable LocalDate sentenceStart,
        @Nullable Integer sentenceLengthDays,
        @Nullable LocalDate expectedParoleDate,
        @Nullable LocalDate expectedReleaseDate,
        @Nullable LocalDate actualReleaseDate,
        String actingMunicipality,
        String createdByOrgType,
        String createdByOrgId,
        boolean paroleRefused) {

    static InmateRecord of(UUID id, long version, Instant lastUpdated, InmateDetails d, String orgType, String orgId) {
        return new InmateRecord(id, version, lastUpdated, d.cpr().digits(), d.name(), d.birthDate(),
                d.custodyStatus().code(), d.expelledByJudgment(), d.currentInstitution(), d.sentenceStart(),
                d.sentenceLengthDays(), d.expectedParoleDate(), d.expectedReleaseDate(), d.actualReleaseDate(),
                d.actingMunicipality(), orgType, orgId, d.paroleRefused());
    }

    Inmate toInmate() {
        return new Inmate(id, version, lastUpdated, details());
    }

    InmateDetails details() {
        return new InmateDetails(Cpr.fromStored(cpr), name, birthDate, CustodyStatus.fromCode(custodyStatus),
                expelledByJudgment, currentInstitution, sentenceStart, sentenceLengthDays, expectedParoleDate,
                expectedReleaseDate, actualReleaseDate, actingMunicipality, paroleRefused);
    }

    @Override
    public String toString() {
        return "InmateRecord[id=" + id + ", version=" + version + "]";
    }
}
