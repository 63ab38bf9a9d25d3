package dk.overgang.supervision;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The current supervision of a person; {@code version} is the API's versionId, from 1. */
@MappedEntity("supervision")
record SupervisionRecord(
        @Id UUID inmateId,
        @Version Long version,
        Instant lastUpdated,
        String probationOffice,
        String status,
        LocalDate supervisionFrom,
        @Nullable LocalDate supervisionUntil,
        @Nullable String note,
        String updatedBySub,
        String updatedByOrgType,
        String updatedByOrgId) {

    static SupervisionRecord of(UUID inmateId, long version, Instant now, Supervision.Details d, String sub,
                                String orgType, String orgId) {
        return new SupervisionRecord(inmateId, version, now, d.probationOffice(), d.status().code(), d.from(), d.until(),
                d.note(), sub, orgType, orgId);
    }

    Supervision toSupervision() {
        return new Supervision(inmateId, version, lastUpdated, new Supervision.Details(probationOffice,
                Supervision.Status.fromCode(status), supervisionFrom, supervisionUntil, note), updatedByOrgType, updatedByOrgId);
    }
}
