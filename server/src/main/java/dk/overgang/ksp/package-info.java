/**
 * KSP (R6, R17, R18, R19): the cooperation of the prison service, the social authorities and the
 * police. A probation office is a forum's secretariat; it calls meetings and publishes each meeting's
 * list as immutable versions, which only the meeting's participants read. Participants propose cases;
 * exchanges about a person are recorded and noted on the action plan.
 */
package dk.overgang.ksp;
