package dk.overgang.ksp;

import java.time.Instant;
import java.util.UUID;

/** A participant's proposal of a case for a meeting, and the secretariat's decision on it. */
public record Proposal(UUID id, UUID meetingId, String status, Org proposedBy, String proposedBySub, Instant proposedAt,
                       EntryDraft entry, Instant decidedAt, String decisionReason, Integer acceptedInVersion) {
}
