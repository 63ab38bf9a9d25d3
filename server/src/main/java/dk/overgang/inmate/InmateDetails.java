package dk.overgang.inmate;

import dk.overgang.shared.InvalidFieldException;
import java.time.LocalDate;

/**
 * What prison staff write about an inmate: every field but the server-assigned id and version.
 * The constructor enforces the rules that span fields, naming the offending field.
 */
public record InmateDetails(
        Cpr cpr,
        String name,
        LocalDate birthDate,
        CustodyStatus custodyStatus,
        boolean expelledByJudgment,
        String currentInstitution,
        LocalDate sentenceStart,
        Integer sentenceLengthDays,
        LocalDate expectedParoleDate,
        LocalDate expectedReleaseDate,
        LocalDate actualReleaseDate,
        String actingMunicipality,
        boolean paroleRefused) {

    public InmateDetails {
        if (!cpr.birthDate().equals(birthDate)) {
            throw new InvalidFieldException("birthDate", "must be the date of birth given by the CPR number");
        }
        if (sentenceStart != null && sentenceStart.isBefore(birthDate)) {
            throw new InvalidFieldException("sentenceStart", "must not be before the date of birth");
        }
        if (expectedReleaseDate != null && sentenceStart != null && expectedReleaseDate.isBefore(sentenceStart)) {
            throw new InvalidFieldException("expectedReleaseDate", "must not be before sentenceStart");
        }
        if (expectedParoleDate != null && sentenceStart != null && expectedParoleDate.isBefore(sentenceStart)) {
            throw new InvalidFieldException("expectedParoleDate", "must not be before sentenceStart");
        }
        if (expectedParoleDate != null && expectedReleaseDate != null && expectedParoleDate.isAfter(expectedReleaseDate)) {
            // A parole ends the sentence early; one after the full term is a typing error that would put
            // every deadline counted from it (R2, R10, R13) after the person has left.
            throw new InvalidFieldException("expectedParoleDate", "must not be after expectedReleaseDate");
        }
        if (actualReleaseDate != null && sentenceStart != null && actualReleaseDate.isBefore(sentenceStart)) {
            throw new InvalidFieldException("actualReleaseDate", "must not be before sentenceStart");
        }
        if (custodyStatus == CustodyStatus.RELEASED && actualReleaseDate == null) {
            throw new InvalidFieldException("actualReleaseDate", "is required when custodyStatus is released");
        }
        if (custodyStatus != CustodyStatus.RELEASED && actualReleaseDate != null) {
            throw new InvalidFieldException("custodyStatus", "must be released when actualReleaseDate is set");
        }
    }

    @Override
    public String toString() {
        return "InmateDetails[redacted]";
    }
}
