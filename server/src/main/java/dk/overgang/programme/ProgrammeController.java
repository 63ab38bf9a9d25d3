package dk.overgang.programme;

import dk.overgang.web.PageLinks;
import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.ProgrammesApi;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.api.generated.model.Programme;
import dk.overgang.api.generated.model.ProgrammeDataItem;
import dk.overgang.api.generated.model.ProgrammeEligibility;
import dk.overgang.api.generated.model.ProgrammeEligibilityCriterion;
import dk.overgang.api.generated.model.ProgrammeEligibilityList;
import dk.overgang.api.generated.model.ProgrammeInput;
import dk.overgang.api.generated.model.ProgrammeKind;
import dk.overgang.api.generated.model.ProgrammeList;
import dk.overgang.web.ETags;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.ZoneOffset;
import java.util.UUID;

/** HTTP face of the programme catalogue and eligibility: implements the generated {@link ProgrammesApi}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ProgrammeController implements ProgrammesApi {

    private final ProgrammeService programmes;
    private final CallerProvider callers;

    ProgrammeController(ProgrammeService programmes, CallerProvider callers) {
        this.programmes = programmes;
        this.callers = callers;
    }

    @Override
    public ProgrammeList searchProgrammes(Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<ProgrammeRecord> page = programmes.search(callers.current(), Cursors.keyAfter(cursor), limit);
        return new ProgrammeList(page.items().stream().map(ProgrammeController::toApi).toList(),
                PageLinks.of("/api/v1/programmes", limit, cursor, page, p -> Cursors.afterKey(p.id())));
    }

    @Override
    public HttpResponse<Programme> readProgramme(String programmeId) {
        ProgrammeRecord p = programmes.read(callers.current(), programmeId);
        return HttpResponse.ok(toApi(p)).header(HttpHeaders.ETAG, ETags.of(p.version()));
    }

    @Override
    public ProgrammeList readProgrammeHistory(String programmeId, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/programmes/" + programmeId + "/_history", count, cursor,
                (before, limit) -> programmes.history(callers.current(), programmeId, before, limit), p -> p.version(), ProgrammeController::toApi);
        return new ProgrammeList(page.items(), page.links());
    }

    @Override
    public HttpResponse<Programme> updateProgramme(String programmeId, ProgrammeInput in, String ifMatch) {
        ProgrammeRecord p = programmes.update(callers.current(), programmeId, ETags.ifMatchVersion(ifMatch), in.getName(),
                in.getDescription(), in.getInstitutions().stream().sorted().toList(),
                in.getDataItems().stream().map(ProgrammeDataItem::getValue).sorted().toList());
        return HttpResponse.ok(toApi(p)).header(HttpHeaders.ETAG, ETags.of(p.version()));
    }

    @Override
    public ProgrammeEligibilityList readProgrammeEligibility(UUID id) {
        ProgrammeService.EligibilityList list = programmes.eligibility(callers.current(), id);
        return new ProgrammeEligibilityList(list.inmateId(), list.on(), list.items().stream()
                .map(e -> new ProgrammeEligibility(e.programme().id(), e.programme().name(),
                        ProgrammeKind.fromValue(e.programme().kind()), e.answer().eligible(),
                        ProgrammeEligibilityCriterion.fromValue(e.answer().criterion()), e.answer().reason(),
                        e.answer().prisonMentorFallback()))
                .toList());
    }

    static Programme toApi(ProgrammeRecord p) {
        Programme api = new Programme(p.id(), new Meta(Long.toString(p.version()), p.lastUpdated().atZone(ZoneOffset.UTC)),
                p.ngo(), ProgrammeKind.fromValue(p.kind()), p.name(), p.description(), p.institutions(),
                p.dataItems().stream().map(ProgrammeDataItem::fromValue)
                        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        api.setMinAge(p.minAge());
        api.setMaxAge(p.maxAge());
        api.setMonthsBeforeRelease(p.monthsBeforeRelease());
        api.setMonthsAfterRelease(p.monthsAfterRelease());
        return api;
    }
}
