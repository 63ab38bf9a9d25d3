package dk.overgang.ksp;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * A list entry as asked for (by the secretariat's list or a participant's proposal): exactly one of
 * {@code inmateId} and {@code person}; {@code legalBasis} is the R6 code.
 */
@Serdeable
public record EntryDraft(@Nullable UUID entryId, @Nullable UUID inmateId, @Nullable Person person, String reason,
                         String legalBasis, @Nullable String windowOverrideReason, @Nullable String areaOverrideReason) {

    @Override
    public String toString() {
        return "EntryDraft[entryId=" + entryId + ", inmateId=" + inmateId + "]";
    }
}
