/**
 * Data protection for the person (issue 17): restricted persons, the subject-access export, retention
 * with legal hold. Who may see a restricted person is decided by the one visibility predicate
 * ({@link dk.overgang.access.InmateVisibility}); this package sets the flag and keeps its history.
 * Depends on {@code access}, {@code audit} and {@code shared}, and in its HTTP layer on {@code web}
 * and the generated API.
 */
@AllowedDependencies({"database", "pipeline", "access", "audit", "shared", "web", "api"})
package dk.overgang.privacy;

import dk.overgang.shared.AllowedDependencies;
