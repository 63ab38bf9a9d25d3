package dk.overgang.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An LS/RNR assessment at one version. Need scores travel as the contract's JSON array. */
public record Assessment(UUID id, long version, Instant lastUpdated, Details details) {

    /** What prison staff record. {@code riskLevel} is the contract's code (very-low ... very-high). */
    public record Details(UUID inmateId, LocalDate assessedOn, String assessor, String riskLevel, String needsJson,
                          String strengths, String responsivity) {

        @Override
        public String toString() {
            return "Assessment.Details[inmateId=" + inmateId + "]";
        }
    }
}
