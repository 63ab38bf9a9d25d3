/**
 * The action plan resource (handleplan, R1): one per sentence, shared by the prison service and the
 * acting municipality, versioned like every resource. Field-level write rights (R3): the
 * municipality writes only its own section, prison staff everything else. Depends on {@code access},
 * {@code audit}, {@code pipeline} (scope, idempotency, audit and events of every operation), {@code rules} (R7) and {@code shared}, and in its HTTP layer on
 * {@code web} and the generated API; announces changes with {@link dk.overgang.shared.CaseFactsChanged}
 * so obligations follow in the same transaction.
 */
@AllowedDependencies({"pipeline", "access", "audit", "rules", "shared", "web", "api"})
package dk.overgang.actionplan;

import dk.overgang.shared.AllowedDependencies;
