/**
 * {@code deploy/keys}: the operator's tool for the key sets the server signs with (issue 15): the
 * access-token keys ({@code OVERGANG_TOKEN_SIGNING_KEYS}) and the handover keys
 * ({@code OVERGANG_HANDOVER_SIGNING_KEYS}). Depends on nothing else of the server.
 */
@AllowedDependencies({"shared"})
package dk.overgang.keys;

import dk.overgang.shared.AllowedDependencies;
