/**
 * What every resource shares over HTTP, written once: RFC 9457 problem+json for every error,
 * ETag/If-Match, keyset cursors and page links, the served contract and docs. May depend on
 * {@code shared} and generated API models; resources call it, never the reverse.
 */
package dk.overgang.web;
