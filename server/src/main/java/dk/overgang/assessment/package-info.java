/**
 * The LS/RNR assessment resource (R4): risk level and need scores of the "central eight", made at
 * reception by prison staff, versioned. Fulfils R4 and gives R11 its risk level (through
 * {@link dk.overgang.shared.CaseFactsChanged}). Visibility: {@link dk.overgang.access.AssessmentAccessPolicy}.
 */
package dk.overgang.assessment;
