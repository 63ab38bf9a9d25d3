package dk.overgang.handover;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A handover as stored; {@code document} is the canonical JSON that is (or will be) signed. */
@MappedEntity("handover")
record HandoverRecord(
        @Id UUID id,
        UUID inmateId,
        String status,
        String document,
        @Nullable UUID supersedes,
        @Nullable UUID supersededBy,
        String draftedBy,
        Instant draftedAt,
        @Nullable String approvedBy,
        @Nullable Instant sentAt,
        @Nullable String signature,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy,
        @Nullable String jargonConfirmation) {

    @Override
    public String toString() {
        return "HandoverRecord[id=" + id + ", status=" + status + "]";
    }
}
