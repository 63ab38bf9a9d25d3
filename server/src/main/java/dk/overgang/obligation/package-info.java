/**
 * The deadline engine at work: keeps each inmate's obligations (computed by {@code rules}) current
 * in the same transaction as every change of the inmate, its action plan or a fulfilment; serves
 * the per-case view, fulfilments and each organisation's worklist. Depends on {@code rules},
 * {@code access}, {@code audit} and {@code shared} (and {@code web} and the generated API in its
 * HTTP layer); listens to inmate and action-plan events.
 */
@AllowedDependencies({"database", "pipeline", "access", "audit", "rules", "shared", "web", "api", "events"})
package dk.overgang.obligation;

import dk.overgang.shared.AllowedDependencies;
