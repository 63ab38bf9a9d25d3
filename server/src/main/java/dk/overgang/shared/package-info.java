/**
 * The few typed failures every service may raise (not found, forbidden, precondition, conflict,
 * invalid field). Plain Java: no HTTP or framework types; {@code web} turns them into problem+json.
 */
@AllowedDependencies({})
package dk.overgang.shared;

import dk.overgang.shared.AllowedDependencies;
