package dk.overgang.shared;

import java.time.LocalDate;
import java.util.UUID;

/** Published, inside the sending transaction, when a handover is sent to the acting municipality. */
public record HandoverSent(UUID inmateId, LocalDate sentOn) {
}
