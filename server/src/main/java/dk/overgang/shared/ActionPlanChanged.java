package dk.overgang.shared;

import java.util.UUID;

/** Published, inside the writing transaction, when an inmate's action plan is created or changed. */
public record ActionPlanChanged(UUID inmateId) {
}
