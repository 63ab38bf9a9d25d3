package dk.overgang.access;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import java.util.Optional;

/**
 * Who sees LS/RNR assessments (R4, R9): prison staff of the inmate's institution (read and write)
 * and the probation office that supervises the person (read). A municipality learns the assessment only through a handover, translated
 * (R9); police and NGOs never (NGOs never see LS/RNR data).
 */
public final class AssessmentAccessPolicy {

    private AssessmentAccessPolicy() {
    }

    public static Optional<InmateScope> visibleTo(Caller caller) {
        return switch (caller.orgType()) {
            case PRISON, PROBATION -> InmateAccessPolicy.visibleTo(caller);
            case MUNICIPALITY, POLICE, NGO, AUDITOR -> Optional.empty();
        };
    }
}
