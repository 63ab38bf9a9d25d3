package dk.overgang.gangexit;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.GangExitApi;
import dk.overgang.api.generated.model.GangExitCase;
import dk.overgang.api.generated.model.GangExitCaseInput;
import dk.overgang.api.generated.model.GangExitCaseList;
import dk.overgang.api.generated.model.GangExitNote;
import dk.overgang.api.generated.model.GangExitNoteInput;
import dk.overgang.api.generated.model.OrgRef;
import dk.overgang.api.generated.model.OrgType;
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

/** HTTP face of gang-exit cases (R15); maps to the generated model here only. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class GangExitController implements GangExitApi {

    private final GangExitService cases;
    private final CallerProvider callers;

    GangExitController(GangExitService cases, CallerProvider callers) {
        this.cases = cases;
        this.callers = callers;
    }

    @Override
    public GangExitCaseList listGangExitCases(Integer count) {
        return new GangExitCaseList(cases.list(callers.current(), count == null ? 50 : count).stream()
                .map(GangExitController::toApi).toList());
    }

    @Override
    public HttpResponse<GangExitCase> readGangExitCase(UUID id) {
        return withETag(HttpStatus.OK, cases.read(callers.current(), id));
    }

    @Override
    public HttpResponse<GangExitCase> recordGangExitCase(UUID id, GangExitCaseInput input, String ifMatch) {
        return withETag(HttpStatus.OK, cases.record(callers.current(), id, ETags.ifMatchVersion(ifMatch), input.getActive(),
                input.getPoliceDistrict()));
    }

    @Override
    public HttpResponse<GangExitCase> addGangExitNote(UUID id, GangExitNoteInput input) {
        return withETag(HttpStatus.CREATED, cases.addNote(callers.current(), id, input.getText()));
    }

    private static HttpResponse<GangExitCase> withETag(HttpStatus status, GangExitService.Case c) {
        return HttpResponse.<GangExitCase>status(status).body(toApi(c)).header(HttpHeaders.ETAG, ETags.of(c.version()));
    }

    private static GangExitCase toApi(GangExitService.Case c) {
        var api = new GangExitCase(c.inmateId(), c.name(), c.active(), c.institution(), c.municipality(),
                Long.toString(c.version()), c.lastUpdated().atZone(ZoneOffset.UTC), c.notes().stream()
                .map(n -> new GangExitNote(n.writtenAt().atZone(ZoneOffset.UTC), new OrgRef(OrgType.fromValue(n.orgType()),
                        n.orgId()), n.text())).toList());
        api.setPoliceDistrict(c.policeDistrict());
        return api;
    }
}
