/**
 * The release meeting (løsladelsesmøde, R10): called by the prison staff of the inmate's institution
 * at the latest 3 months before the expected release; the institution, the acting municipality and a
 * supervising probation office are invited because of the case, further authorities when the
 * institution adds them. Calling it fulfils R10; invitations show on the invitees' worklists.
 * Depends on {@code access}, {@code audit}, {@code pipeline} (scope, idempotency, audit and events of every operation), {@code rules} and {@code shared}, and
 * in its HTTP layer on {@code web} and the generated API.
 */
@AllowedDependencies({"pipeline", "access", "audit", "rules", "shared", "web", "api"})
package dk.overgang.releasemeeting;

import dk.overgang.shared.AllowedDependencies;
