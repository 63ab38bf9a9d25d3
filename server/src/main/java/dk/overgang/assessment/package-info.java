/**
 * The LS/RNR assessment resource (R4): risk level and need scores of the "central eight", made at
 * reception by prison staff, versioned. Fulfils R4 and gives R11 its risk level (through
 * {@link dk.overgang.shared.CaseFactsChanged}). Visibility: {@link dk.overgang.access.AssessmentAccessPolicy}.
 * Depends on {@code access}, {@code audit}, {@code pipeline} (scope, idempotency, audit and events of every operation) and {@code shared}, and in its HTTP layer
 * on {@code web} and the generated API.
 */
@AllowedDependencies({"pipeline", "access", "audit", "shared", "web", "api"})
package dk.overgang.assessment;

import dk.overgang.shared.AllowedDependencies;
