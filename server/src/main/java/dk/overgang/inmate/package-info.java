/**
 * The inmate resource (indsat): registration by prison staff, scoped reads and searches, FHIR-style
 * versions and history, lookup by CPR in a request body. Depends on {@code access}, {@code audit},
 * {@code pipeline} (scope, idempotency, audit and events of every operation) and {@code shared}; the controller is the only class that sees generated API
 * types (and {@code web}).
 */
@AllowedDependencies({"pipeline", "access", "audit", "shared", "web", "api"})
package dk.overgang.inmate;

import dk.overgang.shared.AllowedDependencies;
