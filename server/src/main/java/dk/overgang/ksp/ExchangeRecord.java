package dk.overgang.ksp;

import java.time.Instant;
import java.util.UUID;

/** R19: what was exchanged in KSP about one entry, whether the person was told, and if not why and by whose decision. */
public record ExchangeRecord(UUID id, UUID meetingId, UUID entryId, UUID inmateId, String summary, boolean inmateInformed,
                             String protectionReason, String approvedBy, UUID notedOnPlan, String recordedBy,
                             Instant recordedAt) {
}
