/**
 * The append-only audit log. Every resource records each access to person data through
 * {@link dk.overgang.audit.AuditLog}, inside the transaction of the access itself, naming the people
 * it concerned; refusals are recorded as refusals; auditors list it through {@code /api/v1/audit-events}.
 * Depends on {@code access} (the caller) and {@code shared}, and in its HTTP layer on {@code web} and
 * the generated API.
 */
@AllowedDependencies({"access", "database", "shared", "web", "api"})
package dk.overgang.audit;

import dk.overgang.shared.AllowedDependencies;
