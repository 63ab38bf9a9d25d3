package dk.overgang.inmate;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.InmatesApi;
import dk.overgang.api.generated.model.CprLookup;
import dk.overgang.api.generated.model.InmateHistory;
import dk.overgang.api.generated.model.InmateInput;
import dk.overgang.api.generated.model.InmatePage;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.Slice;
import dk.overgang.web.Cursors;
import dk.overgang.web.ETags;
import dk.overgang.web.PageLinks;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * HTTP face of the inmate resource: implements the generated {@link InmatesApi} and maps between
 * generated models and the domain in this one place.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class InmateController implements InmatesApi {

    static final String COLLECTION = "/api/v1/inmates";

    private final InmateService inmates;
    private final CallerProvider callers;

    InmateController(InmateService inmates, CallerProvider callers) {
        this.inmates = inmates;
        this.callers = callers;
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.Inmate> createInmate(InmateInput input, String idempotencyKey) {
        var created = inmates.create(callers.current(), details(input), Optional.ofNullable(idempotencyKey),
                Boolean.TRUE.equals(input.getConfirmNewCustodyRecord()));
        Inmate inmate = created.inmate();
        var response = HttpResponse.created(toApi(inmate), URI.create(COLLECTION + "/" + inmate.id()))
                .header(HttpHeaders.ETAG, ETags.of(inmate.version()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public InmatePage lookupInmatesByCpr(CprLookup lookup) {
        List<Inmate> found = inmates.lookup(callers.current(), Cpr.parse(lookup.getCpr(), "cpr"));
        return new InmatePage(found.stream().map(InmateController::toApi).toList(),
                new dk.overgang.api.generated.model.PageLinks(COLLECTION + "/_lookup"));
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.Inmate> readInmate(UUID id) {
        Inmate inmate = inmates.read(callers.current(), id);
        return HttpResponse.ok(toApi(inmate)).header(HttpHeaders.ETAG, ETags.of(inmate.version()));
    }

    @Override
    public InmateHistory readInmateHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history(COLLECTION + "/" + id + "/_history", count, cursor,
                (before, limit) -> inmates.history(callers.current(), id, before, limit), i -> i.version(), InmateController::toApi);
        return new InmateHistory(page.items(), page.links());
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.Inmate> readInmateVersion(UUID id, String versionId) {
        Inmate inmate = inmates.version(callers.current(), id, Long.parseLong(versionId));
        return HttpResponse.ok(toApi(inmate)).header(HttpHeaders.ETAG, ETags.of(inmate.version()));
    }

    @Override
    public InmatePage searchInmates(String institution, String actingMunicipality,
                                    dk.overgang.api.generated.model.CustodyStatus custodyStatus,
                                    LocalDate releaseFrom, LocalDate releaseTo, Integer count, String cursor) {
        if (releaseFrom != null && releaseTo != null && releaseTo.isBefore(releaseFrom)) {
            throw new InvalidFieldException("releaseTo", "must not be before releaseFrom");
        }
        var filter = new InmateService.SearchFilter(institution, actingMunicipality,
                custodyStatus == null ? null : CustodyStatus.fromCode(custodyStatus.getValue()), releaseFrom, releaseTo);
        int limit = PageLinks.limit(count);
        Slice<Inmate> page = inmates.search(callers.current(), filter, Cursors.uuidAfter(cursor), limit);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("institution", institution);
        query.put("actingMunicipality", actingMunicipality);
        query.put("custodyStatus", custodyStatus == null ? null : custodyStatus.getValue());
        query.put("releaseFrom", releaseFrom);
        query.put("releaseTo", releaseTo);
        query.put("_count", limit);
        String next = page.hasMore() ? Cursors.after(page.items().getLast().id()) : null;
        return new InmatePage(page.items().stream().map(InmateController::toApi).toList(),
                PageLinks.of(COLLECTION, query, cursor, next));
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.Inmate> updateInmate(UUID id, InmateInput input, String ifMatch) {
        Inmate inmate = inmates.update(callers.current(), id, ETags.ifMatchVersion(ifMatch), details(input));
        return HttpResponse.ok(toApi(inmate)).header(HttpHeaders.ETAG, ETags.of(inmate.version()));
    }

    private static InmateDetails details(InmateInput in) {
        return new InmateDetails(Cpr.parse(in.getCpr(), "cpr"), in.getName(), in.getBirthDate(),
                CustodyStatus.fromCode(in.getCustodyStatus().getValue()),
                Boolean.TRUE.equals(in.getExpelledByJudgment()), in.getCurrentInstitution(), in.getSentenceStart(),
                in.getSentenceLengthDays(), in.getExpectedParoleDate(), in.getExpectedReleaseDate(),
                in.getActualReleaseDate(), in.getActingMunicipality(), Boolean.TRUE.equals(in.getParoleRefused()));
    }

    static dk.overgang.api.generated.model.Inmate toApi(Inmate inmate) {
        InmateDetails d = inmate.details();
        var api = new dk.overgang.api.generated.model.Inmate(inmate.id(),
                new Meta(Long.toString(inmate.version()), inmate.lastUpdated().atZone(ZoneOffset.UTC)),
                d.cpr().formatted(), d.name(), d.birthDate(),
                dk.overgang.api.generated.model.CustodyStatus.fromValue(d.custodyStatus().code()),
                d.expelledByJudgment(), d.currentInstitution(), d.actingMunicipality());
        api.setSentenceStart(d.sentenceStart());
        api.setSentenceLengthDays(d.sentenceLengthDays());
        api.setExpectedParoleDate(d.expectedParoleDate());
        api.setExpectedReleaseDate(d.expectedReleaseDate());
        api.setActualReleaseDate(d.actualReleaseDate());
        api.setParoleRefused(d.paroleRefused());
        return api;
    }
}
