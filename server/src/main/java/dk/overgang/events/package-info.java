/**
 * Events (issue 14): the transactional outbox every change writes to ({@link dk.overgang.events.EventOutbox}),
 * subscriptions with signed webhooks (Standard Webhooks signatures over thin CloudEvents), the
 * delivery workers, and the event feed. Depends on {@code access}, {@code audit}, {@code pipeline} (scope, idempotency, audit and events of every operation) and {@code shared},
 * and in its HTTP layer on {@code web} and the generated API.
 */
@AllowedDependencies({"database", "access", "audit", "outbound", "pipeline", "shared", "web", "api"})
package dk.overgang.events;

import dk.overgang.shared.AllowedDependencies;
