/**
 * What every resource shares over HTTP, written once: RFC 9457 problem+json for every error,
 * ETag/If-Match, keyset cursors and page links, the served contract and docs. Depends on
 * {@code shared}, the generated API models and {@code access} (the organisation types the capability
 * statement lists); resources call it, never the reverse.
 */
@AllowedDependencies({"access", "shared", "api"})
package dk.overgang.web;

import dk.overgang.shared.AllowedDependencies;
