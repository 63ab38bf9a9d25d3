package dk.overgang.assessment;

import dk.overgang.shared.Slice;
import dk.overgang.access.AssessmentAccessPolicy;
import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Facts;
import dk.overgang.pipeline.UseCases;
import dk.overgang.shared.CaseFactsChanged;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * LS/RNR assessment use cases: prison staff of the institution record and correct, probation reads,
 * nobody else learns an assessment exists (404). Each change recomputes the case's obligations
 * (R4 done, R11's risk level) in the same transaction.
 */
@Singleton
public class AssessmentService {

    private static final String NOT_FOUND = "No LS/RNR assessment with this id.";

    private final AssessmentRepository assessments;
    private final UseCases useCases;
    private final ApplicationEventPublisher<CaseFactsChanged> changes;
    private final Clock clock;

    AssessmentService(AssessmentRepository assessments, UseCases useCases,
                      ApplicationEventPublisher<CaseFactsChanged> changes, Clock clock) {
        this.assessments = assessments;
        this.useCases = useCases;
        this.changes = changes;
        this.clock = clock;
    }

    /** The outcome of a create, and whether it repeats an earlier request with the same key. */
    public record Created(Assessment assessment, boolean replayed) {
    }

    public Created create(Caller caller, Assessment.Details details, Optional<String> idempotencyKey) {
        return useCases.create(caller, ResourceType.LsRnrAssessment, idempotencyKey,
                details.inmateId() + "|" + details.assessedOn() + "|" + details.riskLevel() + "|" + details.needsJson(),
                (facts, earlier) -> {
                    requireAssessorOf(caller, details.inmateId());
                    facts.about(details.inmateId());
                    return new Created(assessments.findVersion(earlier, 1L).orElseThrow().toAssessment(), true);
                }, facts -> {
                    requireAssessorOf(caller, details.inmateId());
                    AssessmentRecord saved = assessments.save(AssessmentRecord.of(UUID.randomUUID(), 1L, now(), details,
                            caller.orgType().claim(), caller.orgId()));
                    changes.publishEvent(new CaseFactsChanged(saved.inmateId()));
                    facts.resource(saved.id()).about(saved.inmateId());
                    return new Created(saved.toAssessment(), false);
                }, created -> created.assessment().id());
    }

    private void requireAssessorOf(Caller caller, UUID inmateId) {
        InmateScope assessor = AssessmentAccessPolicy.requireAssessor(caller);
        if (!assessments.inmateVisible(inmateId, assessor.institution(), assessor.municipality(), assessor.probationOffice(), assessor.restrictedAccess())) {
            throw new InvalidFieldException("inmateId", "names no inmate of your institution");
        }
    }

    public Assessment read(Caller caller, UUID id) {
        return useCases.read(caller, ResourceType.LsRnrAssessment, AuditAction.READ, id, facts -> found(caller, id, facts).toAssessment());
    }

    /** One page of the assessment's versions, newest first, below version {@code before}. */
    public Slice<Assessment> history(Caller caller, UUID id, long before, int limit) {
        return useCases.read(caller, ResourceType.LsRnrAssessment, AuditAction.HISTORY, id, facts -> {
            found(caller, id, facts);
            return Slice.of(assessments.findVersions(id, before, limit + 1), limit)
                    .map(AssessmentRecord::toAssessment);
        });
    }

    /** One page of the inmate's assessments the caller may see, after the assessment {@code after}. */
    public Slice<Assessment> forInmate(Caller caller, UUID inmateId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.LsRnrAssessment, AuditAction.SEARCH, null, facts -> {
            Slice<AssessmentRecord> found = Slice.after(AssessmentAccessPolicy.visibleTo(caller)
                    .map(s -> assessments.findVisibleByInmate(inmateId, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()))
                    .orElse(List.of()), AssessmentRecord::id, after, limit);
            facts.disclosed(found.items().stream().map(AssessmentRecord::id).toList(),
                    found.items().stream().map(AssessmentRecord::inmateId).toList());
            return found.map(AssessmentRecord::toAssessment);
        });
    }

    public Assessment update(Caller caller, UUID id, Optional<Long> ifMatchVersion, Assessment.Details details) {
        return useCases.write(caller, ResourceType.LsRnrAssessment, AuditAction.UPDATE, id, facts -> {
            AssessmentRecord current = visible(caller, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
            AssessmentAccessPolicy.requireAssessor(caller);
            if (!details.inmateId().equals(current.inmateId())) {
                throw new InvalidFieldException("inmateId", "cannot change; an assessment belongs to one inmate");
            }
            long expected = Preconditions.requireCurrentVersion(ifMatchVersion, current.version(), "the assessment");
            AssessmentRecord updated;
            try {
                updated = assessments.update(AssessmentRecord.of(id, expected, now(), details,
                        current.createdByOrgType(), current.createdByOrgId()));
            } catch (OptimisticLockException e) {
                throw Preconditions.concurrentChange("the assessment");
            }
            changes.publishEvent(new CaseFactsChanged(updated.inmateId()));
            facts.about(updated.inmateId());
            return updated.toAssessment();
        });
    }

    private AssessmentRecord found(Caller caller, UUID id, Facts facts) {
        AssessmentRecord found = visible(caller, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        facts.about(found.inmateId());
        return found;
    }

    private Optional<AssessmentRecord> visible(Caller caller, UUID id) {
        Optional<InmateScope> scope = AssessmentAccessPolicy.visibleTo(caller);
        return scope.flatMap(s -> assessments.findVisible(id, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
