package dk.overgang.supervision;

import dk.overgang.web.PageLinks;
import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.SupervisionApi;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.api.generated.model.OrgRef;
import dk.overgang.api.generated.model.OrgType;
import dk.overgang.api.generated.model.SupervisionHistory;
import dk.overgang.api.generated.model.SupervisionInput;
import dk.overgang.api.generated.model.SupervisionStatus;
import dk.overgang.web.ETags;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.ZoneOffset;
import java.util.UUID;

/** HTTP face of supervision: implements the generated {@link SupervisionApi}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SupervisionController implements SupervisionApi {

    private final SupervisionService supervisions;
    private final CallerProvider callers;

    SupervisionController(SupervisionService supervisions, CallerProvider callers) {
        this.supervisions = supervisions;
        this.callers = callers;
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.Supervision> readSupervision(UUID id) {
        Supervision s = supervisions.read(callers.current(), id);
        return HttpResponse.ok(toApi(s)).header(HttpHeaders.ETAG, ETags.of(s.version()));
    }

    @Override
    public SupervisionHistory readSupervisionHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/inmates/" + id + "/supervision/_history", count, cursor,
                (before, limit) -> supervisions.history(callers.current(), id, before, limit), s -> s.version(), SupervisionController::toApi);
        return new SupervisionHistory(page.items(), page.links());
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.Supervision> recordSupervision(UUID id, SupervisionInput in,
                                                                                       String ifMatch) {
        var recorded = supervisions.record(callers.current(), id, ETags.ifMatchVersion(ifMatch),
                new Supervision.Details(in.getProbationOffice(), Supervision.Status.fromCode(in.getStatus().getValue()),
                        in.getFrom(), in.getUntil(), in.getNote()));
        Supervision s = recorded.supervision();
        return HttpResponse.<dk.overgang.api.generated.model.Supervision>status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(toApi(s)).header(HttpHeaders.ETAG, ETags.of(s.version()));
    }

    static dk.overgang.api.generated.model.Supervision toApi(Supervision s) {
        var d = s.details();
        var api = new dk.overgang.api.generated.model.Supervision(s.inmateId(),
                new Meta(Long.toString(s.version()), s.lastUpdated().atZone(ZoneOffset.UTC)), d.probationOffice(),
                SupervisionStatus.fromValue(d.status().code()), d.from(),
                new OrgRef(OrgType.fromValue(s.updatedByOrgType()), s.updatedByOrgId()));
        api.setUntil(d.until());
        api.setNote(d.note());
        return api;
    }
}
