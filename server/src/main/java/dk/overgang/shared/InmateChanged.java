package dk.overgang.shared;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Published, inside the writing transaction, when an inmate is created or changed, so that derived
 * state (the obligations of the deadline engine) follows in the same transaction.
 *
 * @param previousMunicipality the acting municipality before the change (null on create)
 * @param municipality         the acting municipality after it (R20)
 */
public record InmateChanged(UUID inmateId, String previousMunicipality, String municipality, LocalDate on) {

    /** The inmate was just registered: nothing derived from it exists yet. */
    public boolean created() {
        return previousMunicipality == null;
    }

    public boolean actingMunicipalityChanged() {
        return previousMunicipality != null && !previousMunicipality.equals(municipality);
    }
}
