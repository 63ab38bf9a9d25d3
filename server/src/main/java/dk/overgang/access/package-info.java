/**
 * Who may see what. Verifies tokens (trusted keys, algorithms, required claims), turns the verified
 * claims into a {@link dk.overgang.access.Caller}, and holds every access rule: one policy per
 * resource (which people a caller sees: {@link dk.overgang.access.InmateVisibility}, the one SQL
 * predicate every store uses; who writes which action-plan section; handover roles; whose work an
 * obligation is; who reads the audit log). Depends on {@code shared}, {@code rules} (who the law makes
 * responsible), micronaut-security and Nimbus; resources depend on it, never the reverse.
 */
@AllowedDependencies({"database", "shared", "rules"})
package dk.overgang.access;

import dk.overgang.shared.AllowedDependencies;
