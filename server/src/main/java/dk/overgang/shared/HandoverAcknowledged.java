package dk.overgang.shared;

import java.time.LocalDate;
import java.util.UUID;

/** Published, inside the acknowledging transaction, when the municipality acknowledges a handover. */
public record HandoverAcknowledged(UUID inmateId, LocalDate on) {
}
