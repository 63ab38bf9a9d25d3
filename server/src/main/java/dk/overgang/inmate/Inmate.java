package dk.overgang.inmate;

import java.time.Instant;
import java.util.UUID;

/** An inmate at one version: the id and versionId (1, 2, ...) the server assigned, and what prison staff wrote. */
public record Inmate(UUID id, long version, Instant lastUpdated, InmateDetails details) {
}
