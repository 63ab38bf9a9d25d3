/**
 * Gang-exit cases (R15): whether a person is in an exit programme and the exit unit's notes, visible
 * only to the exit-unit roles that {@link dk.overgang.access.GangExitAccessPolicy} names. Depends on
 * {@code access}, {@code audit} and {@code shared}, and in its HTTP layer on {@code web} and the
 * generated API.
 */
@AllowedDependencies({"database", "pipeline", "access", "audit", "shared", "web", "api"})
package dk.overgang.gangexit;

import dk.overgang.shared.AllowedDependencies;
