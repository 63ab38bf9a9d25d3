/**
 * Mints tokens signed with the committed DEV-ONLY key, for local runs and tests
 * ({@code deploy/dev-token}). The private key is not in the server jar; a server outside the dev
 * and test environments refuses to trust its public half. Depends on Nimbus only.
 */
@AllowedDependencies({})
package dk.overgang.devtoken;

import dk.overgang.shared.AllowedDependencies;
