/**
 * Issue 15: the client registry and the SMART Backend Services token endpoint. Operators register
 * client systems (the organisation each acts for, the scopes it may have, its public keys); a client
 * gets short-lived access tokens with a signed assertion (RFC 7523), and Overgang's own keys
 * ({@code access.TokenSigningKeys}) sign them. Depends on {@code access}, {@code audit},
 * {@code pipeline} (scope, idempotency, audit and events of every operation), {@code shared}, {@code outbound} (the endpoint address policy for key URLs), and
 * in its HTTP layer on {@code web} and the generated API.
 */
@AllowedDependencies({"database", "pipeline", "access", "audit", "shared", "outbound", "web", "api"})
package dk.overgang.auth;

import dk.overgang.shared.AllowedDependencies;
