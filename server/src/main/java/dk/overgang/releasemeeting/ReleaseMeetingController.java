package dk.overgang.releasemeeting;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.ReleaseMeetingsApi;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.api.generated.model.OrgRef;
import dk.overgang.api.generated.model.OrgType;
import dk.overgang.api.generated.model.ReleaseMeetingHistory;
import dk.overgang.api.generated.model.ReleaseMeetingInput;
import dk.overgang.api.generated.model.ReleaseMeetingInvitee;
import dk.overgang.api.generated.model.ReleaseMeetingOrgType;
import dk.overgang.api.generated.model.ReleaseMeetingPage;
import dk.overgang.api.generated.model.ReleaseMeetingStatus;
import dk.overgang.rules.ReleaseMeetingInvitees;
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

/** HTTP face of release meetings: implements the generated {@link ReleaseMeetingsApi}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ReleaseMeetingController implements ReleaseMeetingsApi {

    static final String COLLECTION = "/api/v1/release-meetings";

    private final ReleaseMeetingService meetings;
    private final CallerProvider callers;

    ReleaseMeetingController(ReleaseMeetingService meetings, CallerProvider callers) {
        this.meetings = meetings;
        this.callers = callers;
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.ReleaseMeeting> createReleaseMeeting(ReleaseMeetingInput input,
                                                                                             String idempotencyKey) {
        var created = meetings.create(callers.current(), details(input), Optional.ofNullable(idempotencyKey));
        ReleaseMeeting m = created.view().meeting();
        var response = HttpResponse.created(toApi(created.view()), URI.create(COLLECTION + "/" + m.id()))
                .header(HttpHeaders.ETAG, ETags.of(m.version()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.ReleaseMeeting> readReleaseMeeting(UUID id) {
        var view = meetings.read(callers.current(), id);
        return HttpResponse.ok(toApi(view)).header(HttpHeaders.ETAG, ETags.of(view.meeting().version()));
    }

    @Override
    public ReleaseMeetingHistory readReleaseMeetingHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/release-meetings/" + id + "/_history", count, cursor,
                (before, limit) -> meetings.history(callers.current(), id, before, limit), v -> v.meeting().version(), ReleaseMeetingController::toApi);
        return new ReleaseMeetingHistory(page.items(), page.links());
    }

    @Override
    public ReleaseMeetingPage searchReleaseMeetings(UUID inmateId, LocalDate from, LocalDate to, Integer count, String cursor) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidFieldException("to", "must not be before from");
        }
        int limit = PageLinks.limit(count);
        Cursors.DateAndUuid after = Cursors.dateAndUuidAfter(cursor);
        Slice<ReleaseMeetingService.View> page = meetings.search(callers.current(),
                new ReleaseMeetingService.SearchFilter(inmateId, from, to), after == null ? null : after.date(),
                after == null ? null : after.id(), limit);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("inmateId", inmateId);
        query.put("from", from);
        query.put("to", to);
        query.put("_count", limit);
        String next = page.hasMore() ? Cursors.after(new Cursors.DateAndUuid(
                page.items().getLast().meeting().details().meetingDate(), page.items().getLast().meeting().id())) : null;
        return new ReleaseMeetingPage(page.items().stream().map(ReleaseMeetingController::toApi).toList(),
                PageLinks.of(COLLECTION, query, cursor, next));
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.ReleaseMeeting> updateReleaseMeeting(UUID id, ReleaseMeetingInput input,
                                                                                             String ifMatch) {
        var view = meetings.update(callers.current(), id, ETags.ifMatchVersion(ifMatch), details(input));
        return HttpResponse.ok(toApi(view)).header(HttpHeaders.ETAG, ETags.of(view.meeting().version()));
    }

    private static ReleaseMeeting.Details details(ReleaseMeetingInput in) {
        List<ReleaseMeetingInvitees.Added> added = in.getAdditionalInvitees() == null ? List.of()
                : in.getAdditionalInvitees().stream()
                        .map(o -> new ReleaseMeetingInvitees.Added(o.getOrgType().getValue(), o.getOrgId())).toList();
        return new ReleaseMeeting.Details(in.getInmateId(), in.getStartsAt().toOffsetDateTime(), in.getPlace(),
                in.getVideoLink(), !Boolean.FALSE.equals(in.getInmateInvited()),
                added, in.getStatus() == null ? ReleaseMeeting.Status.PLANNED : ReleaseMeeting.Status.fromCode(in.getStatus().getValue()),
                in.getOutcomeNotes());
    }

    static dk.overgang.api.generated.model.ReleaseMeeting toApi(ReleaseMeetingService.View view) {
        ReleaseMeeting m = view.meeting();
        var d = m.details();
        var api = new dk.overgang.api.generated.model.ReleaseMeeting(m.id(),
                new Meta(Long.toString(m.version()), m.lastUpdated().atZone(ZoneOffset.UTC)), d.inmateId(), view.inmateName(),
                d.startsAt().atZoneSameInstant(ReleaseMeeting.DENMARK).toOffsetDateTime().toZonedDateTime(), d.inmateInvited(),
                view.invitees().stream().map(i -> new ReleaseMeetingInvitee(ReleaseMeetingOrgType.fromValue(i.orgType()),
                        i.orgId(), i.reason())).toList(),
                ReleaseMeetingStatus.fromValue(d.status().code()), m.calledOn(),
                new OrgRef(OrgType.fromValue(m.calledByOrgType()), m.calledByOrgId()));
        api.setPlace(d.place());
        api.setVideoLink(d.videoLink());
        api.setOutcomeNotes(d.outcomeNotes());
        return api;
    }
}
