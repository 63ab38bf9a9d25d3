package dk.overgang.outcome;

import dk.overgang.shared.Slice;
import dk.overgang.shared.EventType;
import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.Interaction;
import dk.overgang.access.OutcomeAccessPolicy;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.UseCases;
import dk.overgang.rules.Obligation;
import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.ObligationStatus;
import dk.overgang.shared.CaseFactsChanged;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * G1 (seed 003): the acting municipality records where a released person is 3, 6 and 12 months
 * after the release. Recording fulfils the checkpoint on the municipality's worklist (the obligation
 * engine recomputes on {@link CaseFactsChanged}). Every access is audited on the person.
 */
@Singleton
public class OutcomeService {

    private static final String NO_INMATE = "No inmate with this id.";
    private static final List<ObligationKind> CHECKPOINTS = List.of(ObligationKind.OUTCOME_3_MONTHS,
            ObligationKind.OUTCOME_6_MONTHS, ObligationKind.OUTCOME_12_MONTHS);

    private final OutcomeStore store;
    private final UseCases useCases;
    private final ApplicationEventPublisher<CaseFactsChanged> changes;
    private final Clock clock;

    OutcomeService(OutcomeStore store, UseCases useCases, ApplicationEventPublisher<CaseFactsChanged> changes, Clock clock) {
        this.store = store;
        this.useCases = useCases;
        this.changes = changes;
        this.clock = clock;
    }

    /** One checkpoint: when it falls, where it stands today, and the outcome once recorded. */
    public record Checkpoint(ObligationKind kind, LocalDate dueDate, ObligationStatus status, OutcomeStore.OutcomeRow outcome) {
    }

    /** The checkpoints of the person's latest release; empty before a release. */
    public record Checkpoints(UUID inmateId, LocalDate releasedOn, List<Checkpoint> items) {
    }

    /** A recorded outcome, and whether this request recorded it first (201) or corrected it (200). */
    public record Recorded(OutcomeStore.OutcomeRow row, boolean created) {
    }

    public Checkpoints checkpoints(Caller caller, UUID inmateId) {
        return useCases.read(caller, ResourceType.Outcome, AuditAction.READ, null, facts -> {
            facts.about(inmateId);
            OutcomeStore.Person person = InmateAccessPolicy.visibleTo(caller).flatMap(scope -> store.person(inmateId, scope))
                    .orElseThrow(() -> new NotFoundException(NO_INMATE));
            if (person.releasedOn() == null) {
                return new Checkpoints(inmateId, null, List.of());
            }
            Map<Integer, OutcomeStore.OutcomeRow> recorded = store.outcomes(inmateId, person.releasedOn()).stream()
                    .collect(Collectors.toMap(OutcomeStore.OutcomeRow::months, Function.identity()));
            LocalDate today = LocalDate.now(clock);
            List<Checkpoint> items = CHECKPOINTS.stream().map(kind -> {
                LocalDate due = person.releasedOn().plusMonths(kind.outcomeMonths());
                OutcomeStore.OutcomeRow row = recorded.get(kind.outcomeMonths());
                return new Checkpoint(kind, due, Obligation.statusOn(kind, due, row == null ? null : row.recordedOn(), today), row);
            }).toList();
            if (!recorded.isEmpty()) {
                facts.disclosed(recorded.values().stream().map(OutcomeStore.OutcomeRow::id).toList(), List.of(inmateId));
            }
            return new Checkpoints(inmateId, person.releasedOn(), items);
        });
    }

    /**
     * One page of the versions of the outcome at one checkpoint of the person's latest release, newest
     * first, below version {@code before}: for whoever may read the person's outcomes.
     */
    public Slice<OutcomeStore.OutcomeRow> history(Caller caller, UUID inmateId, ObligationKind checkpoint, long before, int limit) {
        return useCases.read(caller, ResourceType.Outcome, AuditAction.HISTORY, null, facts -> {
            facts.about(inmateId);
            OutcomeStore.Person person = InmateAccessPolicy.visibleTo(caller).flatMap(scope -> store.person(inmateId, scope))
                    .orElseThrow(() -> new NotFoundException(NO_INMATE));
            OutcomeStore.OutcomeRow current = person.releasedOn() == null ? null : store.outcomes(inmateId, person.releasedOn())
                    .stream().filter(o -> o.months() == checkpoint.outcomeMonths()).findFirst().orElse(null);
            if (current == null) {
                throw new NotFoundException("No outcome is recorded at this checkpoint.");
            }
            facts.resource(current.id());
            return Slice.of(store.versions(current.id(), before, limit + 1), limit);
        });
    }

    /**
     * Records (first time) or corrects (with If-Match) the status at one checkpoint of the person's
     * latest release. Only the acting municipality; not before the checkpoint.
     */
    public Recorded record(Caller caller, UUID inmateId, ObligationKind checkpoint, String status, Optional<Long> ifMatchVersion) {
        Interaction interaction = ifMatchVersion.isPresent() ? Interaction.UPDATE : Interaction.CREATE;
        AuditAction action = ifMatchVersion.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE;
        return useCases.write(caller, ResourceType.Outcome, interaction, action, null, facts -> {
            facts.about(inmateId);
            OutcomeStore.Person person = store.person(inmateId, OutcomeAccessPolicy.recorderScope(caller))
                    .orElseThrow(() -> new NotFoundException(NO_INMATE));
            if (person.releasedOn() == null) {
                throw new InvalidFieldException("checkpoint", "the person has not been released; outcomes count from the release");
            }
            LocalDate today = LocalDate.now(clock);
            LocalDate due = person.releasedOn().plusMonths(checkpoint.outcomeMonths());
            if (today.isBefore(due)) {
                throw new InvalidFieldException("checkpoint", "is not reached until " + due + " ("
                        + checkpoint.outcomeMonths() + " months after the release on " + person.releasedOn() + ")");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Optional<OutcomeStore.OutcomeRow> current = store.forUpdate(inmateId, person.releasedOn(), checkpoint.outcomeMonths());
            if (current.isEmpty() && ifMatchVersion.isEmpty()) {
                var row = new OutcomeStore.OutcomeRow(UUID.randomUUID(), 1, now, inmateId, checkpoint.outcomeMonths(), status,
                        person.releasedOn(), caller.orgId(), today);
                if (!store.insert(row, caller.orgType().claim(), caller.orgId(), caller.sub())) {
                    // Recorded by someone else a moment ago: correcting it needs the version they wrote.
                    throw Preconditions.concurrentChange("the outcome");
                }
                facts.resource(row.id()).tell(EventType.OUTCOME_RECORDED, 1);
                changes.publishEvent(new CaseFactsChanged(inmateId));
                return new Recorded(row, true);
            }
            OutcomeStore.OutcomeRow existing = current.orElseThrow(() -> Preconditions.concurrentChange("the outcome"));
            long version = Preconditions.requireCurrentVersion(ifMatchVersion, existing.version(), "the outcome");
            if (!store.update(existing.id(), version, now, status, caller.orgId(), today, caller.orgType().claim(),
                    caller.orgId(), caller.sub())) {
                throw Preconditions.concurrentChange("the outcome");
            }
            facts.resource(existing.id()).tell(EventType.OUTCOME_RECORDED, version + 1);
            changes.publishEvent(new CaseFactsChanged(inmateId));
            return new Recorded(new OutcomeStore.OutcomeRow(existing.id(), existing.version() + 1, now, inmateId,
                    checkpoint.outcomeMonths(), status, person.releasedOn(), caller.orgId(), today), false);
        });
    }
}
