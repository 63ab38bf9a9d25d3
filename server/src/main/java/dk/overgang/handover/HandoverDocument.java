package dk.overgang.handover;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the municipality receives and what is signed. Field names and order are the contract's
 * ({@code HandoverDocument}), so its JSON is canonical: the same document always gives the same bytes.
 */
@Serdeable
public record HandoverDocument(UUID inmateId, String inmateName, String actingMunicipality,
                               @Nullable LocalDate expectedReleaseDate, String riskLevel, String riskText,
                               List<Need> needs, List<String> priorities, String mentorRecommendation,
                               Provenance provenance) {

    /** One need domain, in plain Danish. */
    @Serdeable
    public record Need(String domain, String level, String text) {
    }

    /** The exact versions the handover was made from. */
    @Serdeable
    public record Provenance(UUID assessmentId, String assessmentVersion, UUID actionPlanId, String actionPlanVersion) {
    }
}
