/**
 * Idempotent create: the {@code Idempotency-Key} a client sends names, per organisation, the
 * resource its first request created. Used by every resource's create, inside its transaction.
 */
package dk.overgang.idempotency;
