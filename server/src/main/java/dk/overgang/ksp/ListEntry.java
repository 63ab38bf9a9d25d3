package dk.overgang.ksp;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One case on a published list version, exactly as published: name and CPR as they were then (R17),
 * the legal basis for sharing without consent (R6) and where the meeting fell in the release window (R18).
 */
@Serdeable
public record ListEntry(UUID entryId, @Nullable UUID inmateId, String name, String cpr, String reason, String legalBasis,
                        Org proposedBy, int addedInVersion, Window window, @Nullable Area area) {

    /** R18 as applied to this entry; an override names who decided it and why. */
    @Serdeable
    public record Window(String status, @Nullable LocalDate custodyFrom, @Nullable LocalDate releasedOn,
                         @Nullable LocalDate endsOn, @Nullable String overrideReason, @Nullable String overriddenBy) {
    }

    /** Whether the case belongs to the forum's area; null on entries published before the check existed. */
    @Serdeable
    public record Area(String status, @Nullable String overrideReason, @Nullable String overriddenBy) {
    }

    @Override
    public String toString() {
        return "ListEntry[entryId=" + entryId + "]";
    }
}
