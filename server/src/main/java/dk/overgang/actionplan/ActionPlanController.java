package dk.overgang.actionplan;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.ActionPlansApi;
import dk.overgang.api.generated.model.ActionPlanInput;
import dk.overgang.api.generated.model.ActionPlanList;
import dk.overgang.api.generated.model.Exchange;
import dk.overgang.api.generated.model.HousingSection;
import dk.overgang.api.generated.model.IncomeSection;
import dk.overgang.api.generated.model.InterventionsSection;
import dk.overgang.api.generated.model.MentorSection;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.api.generated.model.MunicipalitySection;
import dk.overgang.api.generated.model.TextSection;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.Slice;
import dk.overgang.web.Cursors;
import dk.overgang.web.ETags;
import dk.overgang.web.PageLinks;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * HTTP face of action plans: implements the generated {@link ActionPlansApi}; turns sections into
 * the JSON the service stores and back, and extracts the facts the deadline engine reads.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ActionPlanController implements ActionPlansApi {

    static final String COLLECTION = "/api/v1/action-plans";

    private final ActionPlanService plans;
    private final CallerProvider callers;
    private final JsonMapper json;

    ActionPlanController(ActionPlanService plans, CallerProvider callers, JsonMapper json) {
        this.plans = plans;
        this.callers = callers;
        this.json = json;
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.ActionPlan> createActionPlan(ActionPlanInput input, String idempotencyKey) {
        var created = plans.create(callers.current(), draft(input), Optional.ofNullable(idempotencyKey));
        var plan = created.view().plan();
        var response = HttpResponse.created(toApi(created.view()), URI.create(COLLECTION + "/" + plan.id()))
                .header(HttpHeaders.ETAG, ETags.of(plan.version()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.ActionPlan> readActionPlan(UUID id) {
        var view = plans.read(callers.current(), id);
        return HttpResponse.ok(toApi(view)).header(HttpHeaders.ETAG, ETags.of(view.plan().version()));
    }

    @Override
    public ActionPlanList readActionPlanHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history(COLLECTION + "/" + id + "/_history", count, cursor,
                (before, limit) -> plans.history(callers.current(), id, before, limit), v -> v.plan().version(), this::toApi);
        return new ActionPlanList(page.items(), page.links());
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.ActionPlan> readActionPlanVersion(UUID id, String versionId) {
        var view = plans.version(callers.current(), id, Long.parseLong(versionId));
        return HttpResponse.ok(toApi(view)).header(HttpHeaders.ETAG, ETags.of(view.plan().version()));
    }

    @Override
    public ActionPlanList searchActionPlans(UUID inmateId, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<ActionPlanService.PlanView> page = plans.forInmate(callers.current(), inmateId, Cursors.uuidAfter(cursor), limit);
        return new ActionPlanList(page.items().stream().map(this::toApi).toList(), PageLinks.of(
                COLLECTION, Map.of("inmateId", inmateId), limit, cursor, page, v -> Cursors.after(v.plan().id())));
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.ActionPlan> updateActionPlan(UUID id, ActionPlanInput input, String ifMatch) {
        var view = plans.update(callers.current(), id, ETags.ifMatchVersion(ifMatch), draft(input));
        return HttpResponse.ok(toApi(view)).header(HttpHeaders.ETAG, ETags.of(view.plan().version()));
    }

    private ActionPlanDraft draft(ActionPlanInput in) {
        List<Exchange> exchanges = in.getExchanges() == null ? List.of() : in.getExchanges();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange e = exchanges.get(i);
            // R5/R19: an inmate not told of an exchange needs a recorded reason.
            if (Boolean.FALSE.equals(e.getInmateInformed()) && (e.getNotInformedReason() == null || e.getNotInformedReason().isBlank())) {
                throw new InvalidFieldException("exchanges[" + i + "].notInformedReason",
                        "is required when the inmate was not informed (R5, R19)");
            }
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("interventions", in.getInterventions());
        sections.put("housing", in.getHousing());
        sections.put("educationEmployment", in.getEducationEmployment());
        sections.put("incomeOnRelease", in.getIncomeOnRelease());
        sections.put("healthTreatment", in.getHealthTreatment());
        sections.put("mentor", in.getMentor());
        sections.put("exchanges", in.getExchanges() == null || in.getExchanges().isEmpty() ? null : in.getExchanges());
        Map<String, String> prison = new LinkedHashMap<>();
        sections.forEach((name, value) -> {
            if (value != null) {
                prison.put(name, write(value));
            }
        });
        HousingSection housing = in.getHousing();
        LocalDate renewalBase = housing == null || housing.getRegistrations() == null ? null
                : housing.getRegistrations().stream()
                        .map(r -> r.getLastRenewedOn() != null ? r.getLastRenewedOn() : r.getRegisteredOn())
                        .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        MentorSection mentor = in.getMentor();
        var facts = new ActionPlanDraft.PlanFacts(renewalBase,
                mentor != null && Boolean.TRUE.equals(mentor.getSpecialNeed()),
                mentor != null && Boolean.TRUE.equals(mentor.getMotivated()),
                mentor != null && Boolean.TRUE.equals(mentor.getExitOrExtremismMentor()));
        return new ActionPlanDraft(in.getInmateId(), in.getSentenceStart(), prison,
                in.getMunicipality() == null ? "null" : write(in.getMunicipality()), facts);
    }

    private dk.overgang.api.generated.model.ActionPlan toApi(ActionPlanService.PlanView view) {
        ActionPlan p = view.plan();
        var api = new dk.overgang.api.generated.model.ActionPlan(p.inmateId(), p.sentenceStart(), p.id(),
                new Meta(Long.toString(p.version()), p.lastUpdated().atZone(ZoneOffset.UTC)), view.stayOverSixMonths().value());
        JsonNode sections = read(p.prisonSectionsJson(), JsonNode.class);
        api.setInterventions(section(sections, "interventions", InterventionsSection.class));
        api.setHousing(section(sections, "housing", HousingSection.class));
        api.setEducationEmployment(section(sections, "educationEmployment", TextSection.class));
        api.setIncomeOnRelease(section(sections, "incomeOnRelease", IncomeSection.class));
        api.setHealthTreatment(section(sections, "healthTreatment", TextSection.class));
        api.setMentor(section(sections, "mentor", MentorSection.class));
        JsonNode exchanges = sections.get("exchanges");
        if (exchanges != null) {
            api.setExchanges(readTree(exchanges, Argument.listOf(Exchange.class)));
        }
        if (!"null".equals(p.municipalitySectionJson())) {
            api.setMunicipality(read(p.municipalitySectionJson(), MunicipalitySection.class));
        }
        return api;
    }

    private <T> T section(JsonNode sections, String name, Class<T> type) {
        JsonNode node = sections.get(name);
        return node == null ? null : readTree(node, Argument.of(type));
    }

    private <T> T readTree(JsonNode node, Argument<T> type) {
        try {
            return json.readValueFromTree(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
