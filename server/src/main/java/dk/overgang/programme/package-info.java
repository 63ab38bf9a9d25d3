/**
 * Civil-society programmes (issue 13; seed 000): the catalogue each NGO programme maintains (the Red
 * Cross visit service, Primus Motor, Kickstart) and which programmes a person is eligible for, with
 * the reason ({@link dk.overgang.rules.ProgrammeEligibility}). Depends on {@code access},
 * {@code audit}, {@code rules} and {@code shared}, and in its HTTP layer on {@code web} and the
 * generated API.
 */
@AllowedDependencies({"pipeline", "access", "audit", "rules", "shared", "web", "api"})
package dk.overgang.programme;

import dk.overgang.shared.AllowedDependencies;
