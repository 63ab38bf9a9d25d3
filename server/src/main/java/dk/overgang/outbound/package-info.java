/**
 * Where the server itself may connect (issue 26: the SSRF address policy, one for every outbound
 * call): webhook endpoints and the key sets (JWKS URLs) of registered clients. Depends on
 * {@code shared} only.
 */
@AllowedDependencies({"shared"})
package dk.overgang.outbound;

import dk.overgang.shared.AllowedDependencies;
