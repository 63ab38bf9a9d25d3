/**
 * KSP (R6, R17, R18, R19): the cooperation of the prison service, the social authorities and the
 * police. A probation office is a forum's secretariat; it calls meetings and publishes each meeting's
 * list as immutable versions, which only the meeting's participants read. Participants propose cases;
 * exchanges about a person are recorded and noted on the action plan. Depends on {@code access},
 * {@code audit}, {@code pipeline} (scope, idempotency, audit and events of every operation), {@code rules}, {@code shared}, {@code actionplan} (the exchange
 * note), {@code inmate} (the CPR type), and in its HTTP layer on {@code web} and the generated API.
 */
@AllowedDependencies({"database", "pipeline", "access", "actionplan", "inmate", "audit", "rules", "shared", "web", "api"})
package dk.overgang.ksp;

import dk.overgang.shared.AllowedDependencies;
