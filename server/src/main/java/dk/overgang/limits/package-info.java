/**
 * How much each client may ask of the server (issue 12 §4): one token bucket per client and
 * organisation, operation classes that cost more (searches, the worklist), and a bound on the rows
 * of searches a client has in flight. Depends on {@code access} (who the caller is) and
 * {@code shared} (the refusal); nothing depends on it.
 */
@AllowedDependencies({"access", "shared"})
package dk.overgang.limits;

import dk.overgang.shared.AllowedDependencies;
