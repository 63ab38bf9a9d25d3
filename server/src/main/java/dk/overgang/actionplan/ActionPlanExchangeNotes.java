package dk.overgang.actionplan;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Facts;
import dk.overgang.shared.ForbiddenException;
import io.micronaut.core.type.Argument;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * R5/R19: notes an exchange made outside the plan (in KSP) on the inmate's latest action plan, as a
 * new plan version with one more item in {@code exchanges}. Runs inside the caller's use case, so
 * the note and the exchange record are stored (and audited, through {@link Facts}) together or not at all.
 */
@Singleton
public class ActionPlanExchangeNotes {

    private static final int ATTEMPTS = 3;

    private final ActionPlanRepository plans;
    private final JsonMapper json;
    private final Clock clock;

    ActionPlanExchangeNotes(ActionPlanRepository plans, JsonMapper json, Clock clock) {
        this.plans = plans;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The plan noted on, or empty when the inmate has no action plan. {@code scope} is whose plans
     * the caller may note on (from the access policy); a person outside it is refused before anything
     * is written, so a KSP participant can never append to another institution's plan.
     */
    public Optional<UUID> note(Facts facts, Optional<InmateScope> scopeOfCaller, UUID inmateId, String direction,
                               LocalDate on, String summary, boolean inmateInformed, String notInformedReason) {
        InmateScope scope = scopeOfCaller
                .filter(s -> plans.findInmateSide(inmateId, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()).isPresent())
                .orElseThrow(() -> new ForbiddenException("The exchange is noted on the person's action plan by the "
                        + "forum's secretariat or by the institution or probation office that holds the person, "
                        + "not by another participant (R19)."));
        for (int attempt = 1; ; attempt++) {
            List<ActionPlanRecord> found = plans.findVisibleByInmate(inmateId, scope.institution(), scope.municipality(),
                    scope.probationOffice(), scope.restrictedAccess());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            ActionPlanRecord current = found.getFirst();
            Map<String, Object> sections = read(current.prisonSections());
            List<Object> exchanges = new ArrayList<>();
            if (sections.get("exchanges") instanceof List<?> earlier) {
                exchanges.addAll(earlier);
            }
            Map<String, Object> exchange = new LinkedHashMap<>();
            exchange.put("date", on.toString());
            exchange.put("direction", direction);
            exchange.put("summary", summary);
            exchange.put("inmateInformed", inmateInformed);
            if (notInformedReason != null) {
                exchange.put("notInformedReason", notInformedReason);
            }
            exchanges.add(exchange);
            sections.put("exchanges", exchanges);
            try {
                plans.update(new ActionPlanRecord(current.id(), current.version(), now(), current.inmateId(),
                        current.sentenceStart(), write(sections), current.municipalitySection(), current.housingRenewalBase(),
                        current.mentorSpecialNeed(), current.mentorMotivated(), current.mentorExitOrExtremism(),
                        current.createdByOrgType(), current.createdByOrgId()));
            } catch (OptimisticLockException e) {
                if (attempt < ATTEMPTS) {
                    continue; // someone saved the plan in between: note on their version
                }
                throw e;
            }
            facts.alsoChanged(ResourceType.ActionPlan, current.id(), current.inmateId(), AuditAction.UPDATE);
            return Optional.of(current.id());
        }
    }

    private Map<String, Object> read(String sectionsJson) {
        try {
            Map<String, Object> parsed = json.readValue(sectionsJson, Argument.mapOf(String.class, Object.class));
            return parsed == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parsed);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored action plan sections are not JSON", e);
        }
    }

    private String write(Map<String, Object> sections) {
        try {
            return json.writeValueAsString(sections);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
