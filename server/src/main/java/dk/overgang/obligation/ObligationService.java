package dk.overgang.obligation;

import dk.overgang.access.Caller;
import dk.overgang.access.Compartment;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.ObligationAccessPolicy;
import dk.overgang.access.Interaction;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Facts;
import dk.overgang.pipeline.UseCases;
import dk.overgang.rules.ExpectedRelease;
import dk.overgang.rules.Obligation;
import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.ObligationSchedule;
import dk.overgang.shared.CaseFactsChanged;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.HandoverAcknowledged;
import dk.overgang.shared.HandoverSent;
import dk.overgang.shared.InmateChanged;
import dk.overgang.rules.WorkingDays;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Obligations of the deadline engine: kept current on every change (same transaction, through the
 * inmate and action-plan events), shown per case, fulfilled by the responsible party, and listed on
 * each organisation's worklist.
 */
@Singleton
public class ObligationService {

    private static final int NOTICE_DAYS = 30;

    private final ObligationStore store;
    private static final UseCases.Scope PLANS_READ = new UseCases.Scope(ResourceType.ActionPlan, Interaction.READ);

    private final UseCases useCases;
    private final Clock clock;

    ObligationService(ObligationStore store, UseCases useCases, Clock clock) {
        this.store = store;
        this.useCases = useCases;
        this.clock = clock;
    }

    /** A case's obligations on a day, as the caller may see them. */
    public record CaseObligations(UUID inmateId, LocalDate date, ExpectedRelease expectedRelease, List<Obligation> obligations) {
    }

    public CaseObligations forCase(Caller caller, UUID inmateId, LocalDate date) {
        return useCases.read(caller, PLANS_READ, ResourceType.Inmate, AuditAction.READ, inmateId,
                facts -> evaluate(caller, visibleCase(caller, inmateId), date == null ? today() : date));
    }

    /** Records that the responsible party fulfilled an obligation, and recomputes the case. */
    public CaseObligations fulfil(Caller caller, UUID inmateId, ObligationKind kind, LocalDate doneOn, String note) {
        return useCases.write(caller, new UseCases.Scope(ResourceType.ActionPlan, Interaction.UPDATE), ResourceType.Inmate,
                AuditAction.FULFIL, inmateId, facts -> recordFulfilment(caller, inmateId, kind, doneOn, note));
    }

    private CaseObligations recordFulfilment(Caller caller, UUID inmateId, ObligationKind kind, LocalDate doneOn, String note) {
        ObligationStore.Case c = store.load(inmateId, scope(caller))
                .filter(found -> scopeVisible(caller))
                .orElseThrow(() -> new NotFoundException("No inmate with this id."));
        if (kind.isOutcome()) {
            // G1: the checkpoint is done when its outcome is recorded, which says where the person is.
            throw new InvalidFieldException("kind", "an outcome checkpoint is fulfilled by recording the outcome: "
                    + "PUT /api/v1/inmates/{id}/outcomes/" + kind.outcomeMonths() + "-months");
        }
        if (!ObligationAccessPolicy.responsibleFor(caller, kind)) {
            throw new ForbiddenException("Only the responsible party records this obligation as fulfilled ("
                    + kind.responsible().code() + ").");
        }
        if (doneOn.isAfter(today())) {
            throw new InvalidFieldException("doneOn", "must not be in the future");
        }
        if (c.facts().sentenceStart() != null && doneOn.isBefore(c.facts().sentenceStart())) {
            // Nothing the law asks of a sentence can be done before the sentence began (R2: contact after the start).
            throw new InvalidFieldException("doneOn", "must not be before the sentence started (sentenceStart)");
        }
        store.recordFulfilment(inmateId, kind, doneOn, note, caller);
        recompute(c);
        return evaluate(caller, c, today());
    }

    /**
     * R16: the security unit records (since != null) or clears a radicalisation concern. Anyone but
     * prison staff with the security-unit role gets 403 before anything is looked up, so nobody
     * learns whether a concern exists.
     */
    public CaseObligations setRadicalisationConcern(Caller caller, UUID inmateId, LocalDate since) {
        return useCases.write(caller, ResourceType.Inmate, AuditAction.UPDATE, inmateId, facts -> {
        if (!ObligationAccessPolicy.seesSecurityUnitWork(caller)) {
            throw new ForbiddenException("Only the prison service's security unit records radicalisation concerns (R16).");
        }
        ObligationStore.Case c = store.load(inmateId, InmateAccessPolicy.InmateScope.of(caller, caller.orgId(), null, null))
                .orElseThrow(() -> new NotFoundException("No inmate with this id."));
        if (since != null && since.isAfter(today())) {
            throw new InvalidFieldException("since", "must not be in the future");
        }
        store.setRadicalisationConcern(inmateId, since, caller);
        recompute(store.load(inmateId, InmateAccessPolicy.InmateScope.UNRESTRICTED).orElseThrow());
        facts.recordedAs(since == null ? AuditAction.DELETE : AuditAction.UPDATE);
        return evaluate(caller, store.load(inmateId, InmateAccessPolicy.InmateScope.UNRESTRICTED).orElse(c), today());
        });
    }

    /** One worklist row, evaluated on a day. */
    public record WorkItem(long id, UUID inmateId, String inmateName, Obligation obligation, UUID releaseMeetingId) {
    }

    /** A page of the caller's worklist; {@code afterDate}/{@code afterId} is the keyset (null for the first page). */
    public List<WorkItem> worklist(Caller caller, LocalDate from, LocalDate to, LocalDate afterDate, long afterId, int limit) {
        return useCases.read(caller, new UseCases.Scope(ResourceType.ActionPlan, Interaction.SEARCH), ResourceType.Inmate,
                AuditAction.SEARCH, null, facts -> worklist(caller, from, to, afterDate, afterId, limit, facts));
    }

    private List<WorkItem> worklist(Caller caller, LocalDate from, LocalDate to, LocalDate afterDate, long afterId, int limit,
                                    Facts facts) {
        LocalDate today = today();
        Optional<ObligationAccessPolicy.WorklistScope> scope = ObligationAccessPolicy.worklistScope(caller);
        List<ObligationStore.WorklistRow> rows = scope.isEmpty() ? List.of() : store.worklist(scope.get(), from,
                to == null ? today.plusDays(30) : to, today.minusDays(NOTICE_DAYS), today,
                afterDate == null ? LocalDate.MIN : afterDate, afterId, limit);
        List<UUID> people = rows.stream().map(ObligationStore.WorklistRow::inmateId).distinct().toList();
        facts.disclosed(people, people);
        return rows.stream().map(r -> new WorkItem(r.id(), r.inmateId(), r.inmateName(),
                new Obligation(r.kind(), r.dueDate(), Obligation.statusOn(r.kind(), r.dueDate(), null, today), r.reason(), null),
                r.releaseMeetingId()))
                .toList();
    }

    /** Keeps the stored obligations in step with the inmate; R20: a new acting municipality notifies both. */
    @EventListener
    void onInmateChanged(InmateChanged change) {
        ObligationStore.Case c = store.load(change.inmateId(), InmateAccessPolicy.InmateScope.UNRESTRICTED).orElseThrow();
        if (change.created()) {
            // Nothing derived from a just-registered inmate exists yet: no fulfilments, nothing to replace.
            store.insert(c, ObligationSchedule.compute(c.facts(), Map.of(), today()), Map.of());
            return;
        }
        if (change.actingMunicipalityChanged()) {
            String reason = c.name() + ": handlekommunen er ændret fra " + change.previousMunicipality() + " til "
                    + change.municipality() + " den " + change.on() + " (R20, vejledningen §3.2.1).";
            store.notice(c.inmateId(), c.institution(), change.previousMunicipality(), change.on(), reason);
            store.notice(c.inmateId(), c.institution(), change.municipality(), change.on(), reason);
        }
        recompute(c);
    }

    /** R9 follow-up: a sent handover not acknowledged within 5 working days shows on the prison's worklist. */
    @EventListener
    void onHandoverSent(HandoverSent sent) {
        ObligationStore.Case c = store.load(sent.inmateId(), InmateAccessPolicy.InmateScope.UNRESTRICTED).orElseThrow();
        LocalDate due = WorkingDays.plus(sent.sentOn(), 5);
        store.expectAcknowledgement(c.inmateId(), c.institution(), c.municipality(), due, c.name()
                + ": overleveringen blev sendt " + sent.sentOn() + "; kommunen skal kvittere senest " + due
                + " (5 arbejdsdage) (R9, vejledningen §3.3.1).");
    }

    @EventListener
    void onHandoverAcknowledged(HandoverAcknowledged acknowledged) {
        store.acknowledged(acknowledged.inmateId(), acknowledged.on());
    }

    @EventListener
    void onCaseFactsChanged(CaseFactsChanged change) {
        recompute(store.load(change.inmateId(), InmateAccessPolicy.InmateScope.UNRESTRICTED).orElseThrow());
    }

    private void recompute(ObligationStore.Case c) {
        Map<ObligationKind, LocalDate> done = store.fulfilments(c);
        store.replace(c, ObligationSchedule.compute(c.facts(), done, today()), done, today());
    }

    private CaseObligations evaluate(Caller caller, ObligationStore.Case c, LocalDate date) {
        List<Obligation> visible = ObligationSchedule.compute(c.facts(), store.fulfilments(c), date).stream()
                // R16: a radicalisation concern is never shown outside the prison service's security unit.
                .filter(o -> Compartment.admits(caller, o.kind()))
                .toList();
        return new CaseObligations(c.inmateId(), date, c.facts().expectedRelease(), visible);
    }

    private ObligationStore.Case visibleCase(Caller caller, UUID inmateId) {
        return (scopeVisible(caller) ? store.load(inmateId, scope(caller)) : Optional.<ObligationStore.Case>empty())
                .orElseThrow(() -> new NotFoundException("No inmate with this id."));
    }

    private static InmateAccessPolicy.InmateScope scope(Caller caller) {
        return InmateAccessPolicy.visibleTo(caller).orElse(InmateAccessPolicy.InmateScope.UNRESTRICTED);
    }

    private static boolean scopeVisible(Caller caller) {
        return InmateAccessPolicy.visibleTo(caller).isPresent();
    }

    /** Today in Denmark, from the one clock the server has. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
