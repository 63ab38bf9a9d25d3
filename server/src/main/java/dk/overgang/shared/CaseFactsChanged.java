package dk.overgang.shared;

import java.util.UUID;

/**
 * Published, inside the writing transaction, when a fact the deadline engine reads changes: the
 * inmate's action plan, or a radicalisation concern (R16).
 */
public record CaseFactsChanged(UUID inmateId) {
}
