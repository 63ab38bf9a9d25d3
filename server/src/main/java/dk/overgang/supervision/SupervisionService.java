package dk.overgang.supervision;

import dk.overgang.shared.Slice;
import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.ResourceType;
import dk.overgang.access.SupervisionAccessPolicy;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.UseCases;
import dk.overgang.shared.CaseFactsChanged;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.PreconditionFailedException;
import dk.overgang.shared.Preconditions;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Supervision use cases. Audited on the person (resource type {@code Inmate}, the inmate's id), so
 * an auditor finds every access to a person's case from the person.
 */
@Singleton
public class SupervisionService {

    private static final String NOT_FOUND = "No supervision of an inmate with this id.";

    private final SupervisionRepository supervisions;
    private final UseCases useCases;
    private final ApplicationEventPublisher<CaseFactsChanged> changes;
    private final Clock clock;

    SupervisionService(SupervisionRepository supervisions, UseCases useCases,
                       ApplicationEventPublisher<CaseFactsChanged> changes, Clock clock) {
        this.supervisions = supervisions;
        this.clock = clock;
        this.useCases = useCases;
        this.changes = changes;
    }

    public Supervision read(Caller caller, UUID inmateId) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.READ, inmateId, facts -> visible(caller, inmateId).toSupervision());
    }

    /** One page of the supervision's versions, newest first, below version {@code before}. */
    public Slice<Supervision> history(Caller caller, UUID inmateId, long before, int limit) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.HISTORY, inmateId, facts -> {
            visible(caller, inmateId);
            return Slice.of(supervisions.findVersions(inmateId, before, limit + 1), limit)
                    .map(SupervisionRecord::toSupervision);
        });
    }

    /** The outcome of a write: the supervision, and whether it was the first assignment (201). */
    public record Recorded(Supervision supervision, boolean created) {
    }

    /**
     * Assigns (no supervision yet: no If-Match needed) or replaces (If-Match must name the current
     * version) the person's supervision.
     */
    public Recorded record(Caller caller, UUID inmateId, Optional<Long> ifMatchVersion, Supervision.Details details) {
        return useCases.write(caller, ResourceType.Inmate, AuditAction.UPDATE, inmateId, facts -> {
            SupervisionRepository.Case c = scope(caller)
                    .flatMap(s -> supervisions.findCase(inmateId, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()))
                    .orElseThrow(() -> new NotFoundException("No inmate with this id."));
            boolean ended = "ended".equals(c.status());
            if (!SupervisionAccessPolicy.mayWrite(caller, c.currentInstitution(), c.probationOffice(), ended)) {
                throw new ForbiddenException("Only prison staff of the inmate's institution, or the probation office that "
                        + "supervises the person, record the supervision.");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (c.probationOffice() == null) {
                if (ifMatchVersion.isPresent()) {
                    throw new PreconditionFailedException("There is no supervision to replace yet; send no If-Match to assign one.");
                }
                SupervisionRecord saved = supervisions.save(SupervisionRecord.of(inmateId, 1, now, details, caller.sub(),
                        caller.orgType().claim(), caller.orgId()));
                // R10: the release meetings' invitees (and so the worklists) follow the supervision.
                changes.publishEvent(new CaseFactsChanged(inmateId));
                facts.recordedAs(AuditAction.CREATE);
                return new Recorded(saved.toSupervision(), true);
            }
            SupervisionRecord current = supervisions.findVisible(inmateId, null, null, null, true).orElseThrow();
            long expected = Preconditions.requireCurrentVersion(ifMatchVersion, current.version(), "the supervision");
            SupervisionRecord updated;
            try {
                updated = supervisions.update(SupervisionRecord.of(inmateId, expected, now, details, caller.sub(),
                        caller.orgType().claim(), caller.orgId()));
            } catch (OptimisticLockException e) {
                throw Preconditions.concurrentChange("the supervision");
            }
            changes.publishEvent(new CaseFactsChanged(inmateId));
            return new Recorded(updated.toSupervision(), false);
        });
    }

    private SupervisionRecord visible(Caller caller, UUID inmateId) {
        return scope(caller)
                .flatMap(s -> supervisions.findVisible(inmateId, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()))
                .orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private static Optional<InmateScope> scope(Caller caller) {
        return InmateAccessPolicy.visibleTo(caller);
    }
}
