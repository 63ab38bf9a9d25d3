package dk.overgang.actionplan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An action plan at one version. The sections travel as JSON documents: the prison service's as one
 * object keyed by section name, the municipality's on its own; the controller maps them to the API.
 */
public record ActionPlan(UUID id, long version, Instant lastUpdated, UUID inmateId, LocalDate sentenceStart,
                         String prisonSectionsJson, String municipalitySectionJson) {
}
