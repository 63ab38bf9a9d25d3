/**
 * The one pipeline around every operation (issue 26): the scope check, the transaction, the
 * idempotency claim and its completion, the audit record (success, not found) and the events of
 * the outbox run here, in this order, for every use case. A service states its domain logic and
 * the facts the pipeline needs ({@link dk.overgang.pipeline.Facts}: whom the operation is about,
 * which resource, what it disclosed, what to tell); it does not call the audit log, the outbox or
 * the idempotency keys itself. Refusals of scope and preconditions are audited where the answer is
 * decided ({@code audit.RefusalAuditFilter}); a not-found is audited here. Depends on
 * {@code access}, {@code audit}, {@code idempotency} and {@code shared}; the outbox is reached
 * through {@link dk.overgang.pipeline.Outbox}, which {@code events} implements.
 */
@AllowedDependencies({"access", "audit", "idempotency", "shared"})
package dk.overgang.pipeline;

import dk.overgang.shared.AllowedDependencies;
