package dk.overgang.access;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.shared.ForbiddenException;
import java.util.Optional;

/**
 * Who sees LS/RNR assessments (R4, R9): prison staff of the inmate's institution (read and write)
 * and the probation office that supervises the person (read). A municipality learns the assessment only through a handover, translated
 * (R9); police and NGOs never (NGOs never see LS/RNR data).
 */
public final class AssessmentAccessPolicy {

    private AssessmentAccessPolicy() {
    }

    /** R4: assessments are made and corrected by prison staff (of the person's institution: the store's scope); 403 otherwise. */
    public static InmateScope requireAssessor(Caller caller) {
        if (caller.orgType() != OrgType.PRISON) {
            throw new ForbiddenException("LS/RNR assessments are made and corrected by prison staff of the inmate's institution (R4).");
        }
        return InmateScope.of(caller, caller.orgId(), null, null);
    }

    public static Optional<InmateScope> visibleTo(Caller caller) {
        return switch (caller.orgType()) {
            case PRISON, PROBATION -> InmateAccessPolicy.visibleTo(caller);
            case MUNICIPALITY, POLICE, NGO, AUDITOR, OPERATOR -> Optional.empty();
        };
    }
}
