package dk.overgang.obligation;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.ObligationsApi;
import dk.overgang.api.generated.SecurityUnitApi;
import dk.overgang.api.generated.model.RadicalisationConcern;
import dk.overgang.api.generated.model.FulfilmentInput;
import dk.overgang.api.generated.model.ObligationKind;
import dk.overgang.api.generated.model.ObligationList;
import dk.overgang.api.generated.model.ObligationListExpectedReleaseBasis;
import dk.overgang.api.generated.model.ObligationResponsible;
import dk.overgang.api.generated.model.ObligationStatus;
import dk.overgang.api.generated.model.WorklistItem;
import dk.overgang.api.generated.model.WorklistPage;
import dk.overgang.rules.ExpectedRelease;
import dk.overgang.rules.Obligation;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.Slice;
import dk.overgang.web.Cursors;
import dk.overgang.web.PageLinks;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** HTTP face of obligations and worklists; maps the rules' Obligation to the generated model here only. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ObligationController implements ObligationsApi, SecurityUnitApi {

    private final ObligationService obligations;
    private final CallerProvider callers;

    ObligationController(ObligationService obligations, CallerProvider callers) {
        this.obligations = obligations;
        this.callers = callers;
    }

    @Override
    public ObligationList readObligations(UUID id, LocalDate date) {
        return toApi(obligations.forCase(callers.current(), id, date));
    }

    @Override
    public HttpResponse<ObligationList> recordFulfilment(UUID id, ObligationKind kind, FulfilmentInput input) {
        var result = obligations.fulfil(callers.current(), id, dk.overgang.rules.ObligationKind.fromCode(kind.getValue()),
                input.getDoneOn(), input.getNote());
        return HttpResponse.<ObligationList>status(HttpStatus.CREATED).body(toApi(result));
    }

    @Override
    public ObligationList recordRadicalisationConcern(UUID id, RadicalisationConcern concern) {
        return toApi(obligations.setRadicalisationConcern(callers.current(), id, concern.getSince()));
    }

    /**
     * 204 carries no body, so any {@code Accept} is served. The generated interface declares only the
     * error type (problem+json) as produced, which made {@code Accept: application/json} a 406.
     */
    @Override
    @Produces({MediaType.ALL, "application/problem+json"})
    public HttpResponse<Void> clearRadicalisationConcern(UUID id) {
        obligations.setRadicalisationConcern(callers.current(), id, null);
        return HttpResponse.noContent();
    }

    @Override
    public WorklistPage readWorklist(LocalDate from, LocalDate to, Integer count, String cursor) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidFieldException("to", "must not be before from");
        }
        int limit = PageLinks.limit(count);
        Cursors.DateAndId after = Cursors.dateAndIdAfter(cursor);
        var fetched = obligations.worklist(callers.current(), from, to, after == null ? null : after.date(),
                after == null ? 0 : after.id(), limit + 1);
        Slice<ObligationService.WorkItem> page = Slice.of(fetched, limit);
        String next = page.hasMore() ? Cursors.after(new Cursors.DateAndId(page.items().getLast().obligation().dueDate(),
                page.items().getLast().id())) : null;
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", from);
        query.put("to", to);
        query.put("_count", limit);
        List<WorklistItem> items = page.items().stream()
                .map(i -> {
                    var item = new WorklistItem(i.inmateId(), i.inmateName(), toApi(i.obligation()));
                    item.setReleaseMeetingId(i.releaseMeetingId());
                    return item;
                }).toList();
        return new WorklistPage(obligations.today(), items,
                PageLinks.of("/api/v1/worklist", query, cursor, next));
    }

    private static ObligationList toApi(ObligationService.CaseObligations c) {
        var list = new ObligationList(c.inmateId(), c.date(), c.obligations().stream().map(ObligationController::toApi).toList());
        ExpectedRelease release = c.expectedRelease();
        if (release != null) {
            list.setEffectiveReleaseDate(release.effectiveDate());
            list.setEffectiveReleaseReason(release.effective().reason());
            list.setExpectedReleaseDate(release.date());
            list.setExpectedReleaseBasis(ObligationListExpectedReleaseBasis.fromValue(release.basis().code()));
        }
        return list;
    }

    private static dk.overgang.api.generated.model.Obligation toApi(Obligation o) {
        var api = new dk.overgang.api.generated.model.Obligation(ObligationKind.fromValue(o.kind().code()),
                o.kind().rule().name(), o.kind().title(), ObligationResponsible.fromValue(o.kind().responsible().code()),
                ObligationStatus.fromValue(o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')), o.reason());
        api.setDueDate(o.dueDate());
        api.setDoneOn(o.doneOn());
        return api;
    }
}
