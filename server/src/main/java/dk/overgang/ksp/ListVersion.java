package dk.overgang.ksp;

import java.time.Instant;
import java.util.List;

/** A published, immutable version of a meeting's list. */
public record ListVersion(Meeting meeting, int versionId, Instant publishedAt, String publishedBy, String changeNote,
                          List<ListEntry> entries) {
}
