package dk.overgang.gangexit;

import dk.overgang.web.PageLinks;
import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
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
    public GangExitCaseList listGangExitCases(Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<GangExitService.Case> page = cases.list(callers.current(), cursorOf(cursor), limit);
        return new GangExitCaseList(page.items().stream().map(GangExitController::toApi).toList(), PageLinks.of(
                "/api/v1/gang-exit-cases", limit, cursor, page,
                c -> Cursors.ofParts(c.active(), java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, c.lastUpdated()), c.inmateId())));
    }

    /** The case a page starts after: (active, last change in microseconds, person), the list's order. */
    private static GangExitService.After cursorOf(String cursor) {
        String[] parts = Cursors.parts(cursor, 3);
        if (parts == null) {
            return null;
        }
        try {
            long micros = Long.parseLong(parts[1]);
            return new GangExitService.After(Boolean.parseBoolean(parts[0]),
                    java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new dk.overgang.shared.InvalidFieldException("_cursor", "is not a cursor this server issued");
        }
    }

    @Override
    public HttpResponse<GangExitCase> readGangExitCase(UUID id) {
        return withETag(HttpStatus.OK, cases.read(callers.current(), id));
    }

    @Override
    public GangExitCaseList readGangExitCaseHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/inmates/" + id + "/gang-exit/_history", count, cursor,
                (before, limit) -> cases.history(callers.current(), id, before, limit), c -> c.version(), GangExitController::toApi);
        return new GangExitCaseList(page.items(), page.links());
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
