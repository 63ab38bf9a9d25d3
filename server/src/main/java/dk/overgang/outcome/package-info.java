/**
 * Outcomes after release and the public statistics against the goal (issue 13, G1: at least 60 % in
 * activation, employment or education 3, 6 and 12 months after release). The acting municipality
 * records each checkpoint; the figures are published per municipality, release quarter and programme
 * participation, and NGO activity per institution, with small counts suppressed by
 * {@link dk.overgang.rules.SmallCountSuppression}. Depends on {@code access}, {@code audit},
 * {@code rules} and {@code shared}, and in its HTTP layer on {@code web} and the generated API.
 */
@AllowedDependencies({"database", "pipeline", "access", "audit", "rules", "shared", "web", "api"})
package dk.overgang.outcome;

import dk.overgang.shared.AllowedDependencies;
