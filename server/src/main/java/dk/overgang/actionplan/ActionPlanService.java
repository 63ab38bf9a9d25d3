package dk.overgang.actionplan;

import dk.overgang.shared.EventType;
import dk.overgang.access.ActionPlanAccessPolicy;
import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Facts;
import dk.overgang.pipeline.UseCases;
import dk.overgang.rules.Decision;
import dk.overgang.rules.InmateFacts;
import dk.overgang.rules.ObligationSchedule;
import dk.overgang.shared.Slice;
import dk.overgang.shared.CaseFactsChanged;
import dk.overgang.shared.ConflictException;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Action plan use cases. Visibility follows the plan's inmate (prison staff of its institution,
 * probation, the acting municipality). Writes: prison staff of the institution make and change the
 * plan; the acting municipality changes only its own section (R3). Every access is audited.
 */
@Singleton
public class ActionPlanService {

    private static final String NOT_FOUND = "No action plan with this id.";

    private final ActionPlanRepository plans;
    private final UseCases useCases;
    private final ApplicationEventPublisher<CaseFactsChanged> changes;
    private final JsonMapper json;
    private final Clock clock;

    ActionPlanService(ActionPlanRepository plans, UseCases useCases,
                      ApplicationEventPublisher<CaseFactsChanged> changes, JsonMapper json, Clock clock) {
        this.plans = plans;
        this.clock = clock;
        this.useCases = useCases;
        this.changes = changes;
        this.json = json;
    }

    /** A plan with the R7 flag computed from its inmate's current dates. */
    public record PlanView(ActionPlan plan, Decision<Boolean> stayOverSixMonths) {
    }

    /** The result of a create, and whether it repeats an earlier request with the same key. */
    public record Created(PlanView view, boolean replayed) {
    }

    public Created create(Caller caller, ActionPlanDraft draft, Optional<String> idempotencyKey) {
        return useCases.create(caller, ResourceType.ActionPlan, idempotencyKey,
                draft.inmateId() + "|" + draft.sentenceStart() + "|" + draft.prisonSectionsJson(),
                (facts, earlier) -> {
                    ActionPlanRepository.InmateSide inmate = planningFor(caller, draft);
                    facts.about(draft.inmateId());
                    return new Created(view(plans.findVersion(earlier, 1L).orElseThrow().toPlan(), inmate), true);
                }, facts -> {
                    ActionPlanRepository.InmateSide inmate = planningFor(caller, draft);
                    if (plans.existsByInmateIdAndSentenceStart(draft.inmateId(), draft.sentenceStart())) {
                        throw new ConflictException("conflict", "This sentence already has an action plan; update that one.");
                    }
                    ActionPlanRecord saved = plans.save(ActionPlanRecord.of(UUID.randomUUID(), 1L, now(), draft,
                            caller.orgType().claim(), caller.orgId()));
                    changes.publishEvent(new CaseFactsChanged(saved.inmateId()));
                    facts.resource(saved.id()).about(saved.inmateId()).tell(EventType.ACTION_PLAN_CHANGED, saved.version());
                    return new Created(view(saved.toPlan(), inmate), false);
                }, created -> created.view().plan().id());
    }

    /** The person a new plan is for (R1: prison staff of the institution); the municipality section stays empty (R3). */
    private ActionPlanRepository.InmateSide planningFor(Caller caller, ActionPlanDraft draft) {
        ActionPlanRepository.InmateSide inmate = inmateSide(caller, draft.inmateId())
                .orElseThrow(() -> new InvalidFieldException("inmateId", "names no inmate you may see"));
        if (!InmateAccessPolicy.mayWrite(caller, inmate.currentInstitution())) {
            throw new ForbiddenException("Only prison staff of the inmate's institution make its action plan (R1).");
        }
        if (!isAbsent(draft.municipalitySectionJson())) {
            throw new ForbiddenException("The municipality section is written by the acting municipality only (R3).");
        }
        return inmate;
    }

    public PlanView read(Caller caller, UUID id) {
        return useCases.read(caller, ResourceType.ActionPlan, AuditAction.READ, id, facts -> {
            ActionPlanRecord plan = found(caller, id, facts);
            return view(plan.toPlan(), inmateSide(caller, plan.inmateId()).orElseThrow());
        });
    }

    /** One page of the inmate's action plans the caller may see (newest sentence first), after the plan {@code after}. */
    public Slice<PlanView> forInmate(Caller caller, UUID inmateId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.ActionPlan, AuditAction.SEARCH, null, facts -> {
            Optional<InmateScope> scope = InmateAccessPolicy.visibleTo(caller);
            List<ActionPlanRecord> visible = scope.map(s -> plans.findVisibleByInmate(inmateId, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()))
                    .orElse(List.of());
            Slice<ActionPlanRecord> found = Slice.after(visible, ActionPlanRecord::id, after, limit);
            facts.disclosed(found.items().stream().map(ActionPlanRecord::id).toList(),
                    found.items().stream().map(ActionPlanRecord::inmateId).toList());
            if (found.items().isEmpty()) {
                return new Slice<PlanView>(List.of(), false);
            }
            ActionPlanRepository.InmateSide inmate = inmateSide(caller, inmateId).orElseThrow();
            return found.map(p -> view(p.toPlan(), inmate));
        });
    }

    /** One page of the plan's versions, newest first, below version {@code before}. */
    public Slice<PlanView> history(Caller caller, UUID id, long before, int limit) {
        return useCases.read(caller, ResourceType.ActionPlan, AuditAction.HISTORY, id, facts -> {
            ActionPlanRecord plan = found(caller, id, facts);
            ActionPlanRepository.InmateSide inmate = inmateSide(caller, plan.inmateId()).orElseThrow();
            return Slice.of(plans.findVersions(id, before, limit + 1), limit)
                    .map(v -> view(v.toPlan(), inmate));
        });
    }

    public PlanView version(Caller caller, UUID id, long versionId) {
        return useCases.read(caller, ResourceType.ActionPlan, AuditAction.HISTORY, id, facts -> {
            ActionPlanRecord plan = found(caller, id, facts);
            ActionPlanRecord version = plans.findVersion(id, versionId)
                    .orElseThrow(() -> new NotFoundException("No such version of this action plan."));
            return view(version.toPlan(), inmateSide(caller, plan.inmateId()).orElseThrow());
        });
    }

    private ActionPlanRecord found(Caller caller, UUID id, Facts facts) {
        ActionPlanRecord plan = visible(caller, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        facts.about(plan.inmateId());
        return plan;
    }

    /**
     * Replaces the plan, conditional on {@code ifMatchVersion}. R3: a municipality may change only its
     * own section, prison staff everything but it; a change to the other party's part is refused
     * (403) naming the section. The plan's inmate and sentence never change.
     */
    public PlanView update(Caller caller, UUID id, Optional<Long> ifMatchVersion, ActionPlanDraft draft) {
        return useCases.write(caller, ResourceType.ActionPlan, AuditAction.UPDATE, id, facts -> {
        ActionPlanRecord current = found(caller, id, facts);
        ActionPlanRepository.InmateSide inmate = inmateSide(caller, current.inmateId()).orElseThrow();
        if (!draft.inmateId().equals(current.inmateId())) {
            throw new InvalidFieldException("inmateId", "cannot change; an action plan belongs to one inmate");
        }
        if (!draft.sentenceStart().equals(current.sentenceStart())) {
            throw new InvalidFieldException("sentenceStart", "cannot change; an action plan belongs to one sentence");
        }
        // R3: each section has one writer (access/ActionPlanAccessPolicy); a change elsewhere is refused.
        switch (ActionPlanAccessPolicy.writableSection(caller, inmate.currentInstitution(), inmate.actingMunicipality())) {
            case PRISON_SECTIONS -> {
                if (!sameJson(draft.municipalitySectionJson(), current.municipalitySection())) {
                    throw new ForbiddenException("The municipality section is written by the acting municipality only (R3).");
                }
            }
            case MUNICIPALITY_SECTION -> {
                String changed = firstChangedSection(draft.prisonSectionsJson(), current.prisonSections());
                if (changed != null) {
                    throw new ForbiddenException("The section '" + changed + "' is written by the prison service; "
                            + "the municipality writes only its own section (R3).");
                }
            }
        }
        ActionPlanDraft allowed = draft;
        long expected = Preconditions.requireCurrentVersion(ifMatchVersion, current.version(), "the action plan");
        ActionPlanRecord updated;
        try {
            updated = plans.update(ActionPlanRecord.of(id, expected, now(), allowed,
                    current.createdByOrgType(), current.createdByOrgId()));
        } catch (OptimisticLockException e) {
            throw Preconditions.concurrentChange("the action plan");
        }
        changes.publishEvent(new CaseFactsChanged(updated.inmateId()));
        facts.tell(EventType.ACTION_PLAN_CHANGED, updated.version());
        return view(updated.toPlan(), inmate);
        });
    }

    private Optional<ActionPlanRecord> visible(Caller caller, UUID id) {
        return InmateAccessPolicy.visibleTo(caller).flatMap(s -> plans.findVisible(id, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()));
    }

    private Optional<ActionPlanRepository.InmateSide> inmateSide(Caller caller, UUID inmateId) {
        return InmateAccessPolicy.visibleTo(caller).flatMap(s -> plans.findInmateSide(inmateId, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()));
    }

    private static PlanView view(ActionPlan plan, ActionPlanRepository.InmateSide inmate) {
        // R7: computed from the inmate's current dates, so it follows a changed release date.
        return new PlanView(plan, ObligationSchedule.stayOverSixMonths(InmateFacts.sentenced(inmate.sentenceStart(),
                inmate.sentenceLengthDays(), inmate.expectedParoleDate(), inmate.expectedReleaseDate())
                .withParoleRefused(inmate.paroleRefused())));
    }

    private static boolean isAbsent(String sectionJson) {
        return sectionJson == null || sectionJson.equals("null");
    }

    private boolean sameJson(String a, String b) {
        return Objects.equals(tree(isAbsent(a) ? "null" : a), tree(isAbsent(b) ? "null" : b));
    }

    /** The first prison section whose content differs, or null when all are the same. */
    private String firstChangedSection(String proposed, String stored) {
        JsonNode a = tree(proposed);
        JsonNode b = tree(stored);
        for (String section : ActionPlanSections.PRISON_SECTIONS) {
            if (!Objects.equals(a.get(section), b.get(section))) {
                return section;
            }
        }
        return null;
    }

    private JsonNode tree(String jsonText) {
        try {
            return json.readValue(jsonText, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException("Stored action plan sections are not JSON", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
