/**
 * The handover (R9, R12): the LS/RNR assessment and the action plan's priorities translated into
 * plain Danish from reviewable texts ({@code handover/texts_da.properties}), approved and sent by an
 * LS/RNR-certified user, signed as a JWS, immutable once sent, acknowledged by the municipality.
 * Depends on {@code access}, {@code audit}, {@code pipeline} (scope, idempotency, audit and events of every operation), {@code shared}, {@code rules} (working
 * days), and in its HTTP layer on {@code web} and the generated API.
 */
@AllowedDependencies({"database", "pipeline", "access", "audit", "rules", "shared", "web", "api"})
package dk.overgang.handover;

import dk.overgang.shared.AllowedDependencies;
