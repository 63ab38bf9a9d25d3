package dk.overgang.supervision;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One past or current version of a supervision, written by the database trigger on every change. */
@MappedEntity("supervision_history")
record SupervisionVersionRecord(
        @Id @GeneratedValue Long historyId,
        UUID inmateId,
        Long version,
        Instant lastUpdated,
        String probationOffice,
        String status,
        LocalDate supervisionFrom,
        @Nullable LocalDate supervisionUntil,
        @Nullable String note,
        String updatedBySub,
        String updatedByOrgType,
        String updatedByOrgId) {

    Supervision toSupervision() {
        return new SupervisionRecord(inmateId, version, lastUpdated, probationOffice, status, supervisionFrom,
                supervisionUntil, note, updatedBySub, updatedByOrgType, updatedByOrgId).toSupervision();
    }
}
