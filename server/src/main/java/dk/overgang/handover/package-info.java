/**
 * The handover (R9, R12): the LS/RNR assessment and the action plan's priorities translated into
 * plain Danish from reviewable texts ({@code handover/texts_da.properties}), approved and sent by an
 * LS/RNR-certified user, signed as a JWS, immutable once sent, acknowledged by the municipality.
 * Depends on {@code access}, {@code audit}, {@code shared}, {@code rules} (working days).
 */
package dk.overgang.handover;
