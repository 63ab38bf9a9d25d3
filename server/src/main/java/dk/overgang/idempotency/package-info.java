/**
 * Idempotent create: the {@code Idempotency-Key} a client sends names, per organisation, the
 * resource its first request created. Used by every resource's create, inside its transaction.
 * Depends on {@code access} (the caller's organisation) and {@code shared}.
 */
@AllowedDependencies({"access", "database", "shared"})
package dk.overgang.idempotency;

import dk.overgang.shared.AllowedDependencies;
