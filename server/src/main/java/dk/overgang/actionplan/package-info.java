/**
 * The action plan resource (handleplan, R1): one per sentence, shared by the prison service and the
 * acting municipality, versioned like every resource. Field-level write rights (R3): the
 * municipality writes only its own section, prison staff everything else. Depends on {@code access},
 * {@code audit}, {@code idempotency}, {@code rules} (R7) and {@code shared}; announces changes with
 * {@link dk.overgang.shared.CaseFactsChanged} so obligations follow in the same transaction.
 */
package dk.overgang.actionplan;
