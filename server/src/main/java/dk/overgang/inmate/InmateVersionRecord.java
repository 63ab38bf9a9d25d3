package dk.overgang.inmate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One past or current version of an inmate, written by the database trigger on every change. */
@MappedEntity("inmate_history")
record InmateVersionRecord(
        @Id @GeneratedValue Long historyId,
        UUID inmateId,
        Long version,
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

    Inmate toInmate() {
        return new Inmate(inmateId, version, lastUpdated,
                new InmateDetails(Cpr.fromStored(cpr), name, birthDate, CustodyStatus.fromCode(custodyStatus),
                        expelledByJudgment, currentInstitution, sentenceStart, sentenceLengthDays,
                        expectedParoleDate, expectedReleaseDate, actualReleaseDate, actingMunicipality,
                        paroleRefused));
    }

    @Override
    public String toString() {
        return "InmateVersionRecord[id=" + inmateId + ", version=" + version + "]";
    }
}
