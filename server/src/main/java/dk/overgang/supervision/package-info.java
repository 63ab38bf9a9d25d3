/**
 * Supervision (tilsyn): which probation office (KiF) supervises, or is assigned to supervise, a person
 * paroled with supervision. The assignment is what lets a probation office see the person
 * ({@link dk.overgang.access.InmateVisibility}) and puts it on the release meeting's invitees (R10).
 * Depends on {@code access}, {@code audit} and {@code shared}, and in its HTTP layer on {@code web}
 * and the generated API.
 */
@AllowedDependencies({"pipeline", "access", "audit", "shared", "web", "api"})
package dk.overgang.supervision;

import dk.overgang.shared.AllowedDependencies;
