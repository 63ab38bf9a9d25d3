/**
 * The law as pure functions: deadlines, eligibility and date rules of the Prison and Probation
 * Service's cooperation guide ("God løsladelse"), each citing its rule id from
 * {@code shared/domain.md}. Dates in, decisions with reasons (in Danish, for caseworkers) out.
 * No Micronaut, no JDBC, no clock reads: "today" is always a parameter. ArchitectureTest keeps it so.
 */
@AllowedDependencies({})
package dk.overgang.rules;

import dk.overgang.shared.AllowedDependencies;
