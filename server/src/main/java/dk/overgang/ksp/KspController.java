package dk.overgang.ksp;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.KspApi;
import dk.overgang.api.generated.model.KspDecision;
import dk.overgang.api.generated.model.KspDecisionInput;
import dk.overgang.api.generated.model.KspEntryChange;
import dk.overgang.api.generated.model.KspEntryInput;
import dk.overgang.api.generated.model.KspExchangeInput;
import dk.overgang.api.generated.model.KspExchangeList;
import dk.overgang.api.generated.model.KspForumInput;
import dk.overgang.api.generated.model.KspForumList;
import dk.overgang.api.generated.model.KspLegalBasis;
import dk.overgang.api.generated.model.KspListDiff;
import dk.overgang.api.generated.model.KspListHistory;
import dk.overgang.api.generated.model.KspListInput;
import dk.overgang.api.generated.model.KspMeetingInput;
import dk.overgang.api.generated.model.KspMeetingPage;
import dk.overgang.api.generated.model.KspOrgType;
import dk.overgang.api.generated.model.KspPerson;
import dk.overgang.api.generated.model.KspProposalInput;
import dk.overgang.api.generated.model.KspProposalList;
import dk.overgang.api.generated.model.KspProposalStatus;
import dk.overgang.api.generated.model.KspArea;
import dk.overgang.api.generated.model.KspAreaStatus;
import dk.overgang.api.generated.model.KspWindow;
import dk.overgang.api.generated.model.KspWindowStatus;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.inmate.Cpr;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * HTTP face of KSP: implements the generated {@link KspApi} and maps between generated models and the
 * domain here. A list version answers JSON or, for {@code Accept: text/html}, the meeting's print page
 * ({@link KspListPageWriter}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class KspController implements KspApi {

    private static final String MEETINGS = "/api/v1/ksp-meetings";

    private final KspService ksp;
    private final CallerProvider callers;

    KspController(KspService ksp, CallerProvider callers) {
        this.ksp = ksp;
        this.callers = callers;
    }

    // ---- forums -------------------------------------------------------------------------------

    @Override
    public HttpResponse<dk.overgang.api.generated.model.KspForum> createKspForum(KspForumInput in, String idempotencyKey) {
        var created = ksp.createForum(callers.current(), in.getName(), in.getPoliceDistrict(), list(in.getMunicipalities()),
                list(in.getInstitutions()), list(in.getProbationOffices()), Optional.ofNullable(idempotencyKey));
        var response = HttpResponse.created(toApi(created.value()), URI.create("/api/v1/ksp-forums/" + created.value().id()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public dk.overgang.api.generated.model.KspForum readKspForum(UUID id) {
        return toApi(ksp.readForum(callers.current(), id));
    }

    @Override
    public KspForumList searchKspForums(Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<Forum> page = ksp.forums(callers.current(), Cursors.uuidAfter(cursor), limit);
        return new KspForumList(page.items().stream().map(KspController::toApi).toList(),
                PageLinks.of("/api/v1/ksp-forums", limit, cursor, page, f -> Cursors.after(f.id())));
    }

    // ---- meetings -----------------------------------------------------------------------------

    @Override
    public HttpResponse<dk.overgang.api.generated.model.KspMeeting> createKspMeeting(KspMeetingInput in, String idempotencyKey) {
        Set<Org> participants = in.getParticipants() == null ? null : in.getParticipants().stream()
                .map(o -> new Org(o.getOrgType().getValue(), o.getOrgId())).collect(Collectors.toCollection(LinkedHashSet::new));
        var created = ksp.createMeeting(callers.current(), in.getForumId(), in.getDate(), in.getPlace(), participants,
                Optional.ofNullable(idempotencyKey));
        var response = HttpResponse.created(toApi(created.value()), URI.create(MEETINGS + "/" + created.value().id()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public dk.overgang.api.generated.model.KspMeeting readKspMeeting(UUID id) {
        return toApi(ksp.readMeeting(callers.current(), id));
    }

    @Override
    public KspMeetingPage searchKspMeetings(UUID forumId, LocalDate from, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Cursors.DateAndUuid after = Cursors.dateAndUuidAfter(cursor);
        Slice<Meeting> page = ksp.meetings(callers.current(), forumId, from, after == null ? null : after.date(),
                after == null ? null : after.id(), limit);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("forumId", forumId);
        query.put("from", from);
        query.put("_count", limit);
        String next = page.hasMore()
                ? Cursors.after(new Cursors.DateAndUuid(page.items().getLast().date(), page.items().getLast().id())) : null;
        return new KspMeetingPage(page.items().stream().map(KspController::toApi).toList(),
                PageLinks.of(MEETINGS, query, cursor, next));
    }

    // ---- lists --------------------------------------------------------------------------------

    @Override
    public HttpResponse<dk.overgang.api.generated.model.KspList> readKspList(UUID id) {
        return withETag(ksp.readList(callers.current(), id));
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.KspList> readKspListVersion(UUID id, String versionId) {
        return withETag(ksp.readListVersion(callers.current(), id, Long.parseLong(versionId)));
    }

    @Override
    public KspListHistory readKspListHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/ksp-meetings/" + id + "/list/_history", count, cursor,
                (before, limit) -> ksp.history(callers.current(), id, before, limit), v -> v.versionId(), KspController::toApi);
        return new KspListHistory(page.items(), page.links());
    }

    @Override
    public KspListDiff diffKspList(UUID id, Integer from, Integer to) {
        KspService.Diff d = ksp.diff(callers.current(), id, from, to);
        List<KspEntryChange> changed = d.changed().stream()
                .map(c -> new KspEntryChange(c.entryId(), c.fields(), toApi(c.before()), toApi(c.after()))).toList();
        return new KspListDiff(d.meetingId(), d.from(), d.to(), d.added().stream().map(KspController::toApi).toList(),
                d.removed().stream().map(KspController::toApi).toList(), changed);
    }

    @Override
    public HttpResponse<dk.overgang.api.generated.model.KspList> publishKspList(UUID id, KspListInput in, String ifMatch) {
        List<KspEntryInput> entries = in.getEntries();
        List<EntryDraft> drafts = new java.util.ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            KspEntryInput e = entries.get(i);
            drafts.add(new EntryDraft(e.getEntryId(), e.getInmateId(), person(e.getPerson(), "entries[" + i + "].person.cpr"),
                    e.getReason(), e.getLegalBasis().getValue(), e.getWindowOverrideReason(), e.getAreaOverrideReason()));
        }
        ListVersion published = ksp.publish(callers.current(), id, ETags.ifMatchVersion(ifMatch), drafts, in.getChangeNote());
        return withETag(published);
    }

    // ---- proposals ----------------------------------------------------------------------------

    @Override
    public HttpResponse<dk.overgang.api.generated.model.KspProposal> createKspProposal(UUID id, KspProposalInput in,
                                                                                      String idempotencyKey) {
        EntryDraft draft = new EntryDraft(null, in.getInmateId(), person(in.getPerson(), "person.cpr"), in.getReason(),
                in.getLegalBasis().getValue(), null, null);
        var created = ksp.propose(callers.current(), id, draft, Optional.ofNullable(idempotencyKey));
        var response = HttpResponse.created(toApi(created.value()),
                URI.create("/api/v1/ksp-meetings/" + id + "/proposals"));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public KspProposalList searchKspProposals(UUID id, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<dk.overgang.ksp.Proposal> page = ksp.proposals(callers.current(), id, Cursors.uuidAfter(cursor), limit);
        return new KspProposalList(page.items().stream().map(KspController::toApi).toList(), PageLinks.of(
                "/api/v1/ksp-meetings/" + id + "/proposals", limit, cursor, page, p -> Cursors.after(p.id())));
    }

    @Override
    public dk.overgang.api.generated.model.KspProposal decideKspProposal(UUID id, KspDecisionInput in) {
        return toApi(ksp.decide(callers.current(), id, in.getDecision() == KspDecision.ACCEPT, in.getReason(),
                in.getWindowOverrideReason(), in.getAreaOverrideReason()));
    }

    // ---- exchanges ----------------------------------------------------------------------------

    @Override
    public HttpResponse<dk.overgang.api.generated.model.KspExchange> recordKspExchange(UUID id, KspExchangeInput in) {
        ExchangeRecord e = ksp.recordExchange(callers.current(), id, in.getEntryId(), in.getSummary(), in.getInmateInformed(),
                in.getProtectionExceptionReason());
        return HttpResponse.created(toApi(e), URI.create("/api/v1/ksp-meetings/" + id + "/exchanges"));
    }

    @Override
    public KspExchangeList searchKspExchanges(UUID id, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<ExchangeRecord> page = ksp.exchanges(callers.current(), id, Cursors.uuidAfter(cursor), limit);
        return new KspExchangeList(page.items().stream().map(KspController::toApi).toList(), PageLinks.of(
                "/api/v1/ksp-meetings/" + id + "/exchanges", limit, cursor, page, x -> Cursors.after(x.id())));
    }

    // ---- mapping ------------------------------------------------------------------------------

    private static HttpResponse<dk.overgang.api.generated.model.KspList> withETag(ListVersion v) {
        return HttpResponse.ok(toApi(v)).header(HttpHeaders.ETAG, ETags.of(v.versionId()));
    }

    private static Person person(KspPerson p, String cprField) {
        return p == null ? null
                : new Person(p.getName(), Cpr.parse(p.getCpr(), cprField).digits(), p.getCustodyFrom(), p.getReleasedOn(),
                        p.getMunicipality());
    }

    private static List<String> list(Set<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private static ZonedDateTime utc(Instant at) {
        return at == null ? null : at.atZone(ZoneOffset.UTC);
    }

    private static String formatted(String cprDigits) {
        return cprDigits.substring(0, 6) + "-" + cprDigits.substring(6);
    }

    private static dk.overgang.api.generated.model.KspOrg toApi(Org o) {
        return new dk.overgang.api.generated.model.KspOrg(KspOrgType.fromValue(o.orgType()), o.orgId());
    }

    static dk.overgang.api.generated.model.KspForum toApi(Forum f) {
        var api = new dk.overgang.api.generated.model.KspForum(f.name(), f.policeDistrict(),
                new LinkedHashSet<>(f.municipalities()), f.id(), f.secretariat(), utc(f.createdAt()));
        api.setInstitutions(new LinkedHashSet<>(f.institutions()));
        api.setProbationOffices(new LinkedHashSet<>(f.probationOffices()));
        return api;
    }

    static dk.overgang.api.generated.model.KspMeeting toApi(Meeting m) {
        var api = new dk.overgang.api.generated.model.KspMeeting(m.id(), m.forumId(), m.forumName(), m.date(), m.place(),
                m.secretariat(), m.participants().stream().map(KspController::toApi).toList(), utc(m.createdAt()));
        api.setLatestListVersion(m.latestVersion());
        return api;
    }

    static dk.overgang.api.generated.model.KspList toApi(ListVersion v) {
        Meeting m = v.meeting();
        var api = new dk.overgang.api.generated.model.KspList(m.id(), new Meta(Integer.toString(v.versionId()),
                utc(v.publishedAt())), m.date(), m.place(), m.forumName(), v.publishedBy(),
                v.entries().stream().map(KspController::toApi).toList());
        api.setChangeNote(v.changeNote());
        return api;
    }

    static dk.overgang.api.generated.model.KspEntry toApi(ListEntry e) {
        ListEntry.Window w = e.window();
        var window = new KspWindow(KspWindowStatus.fromValue(w.status()));
        window.setCustodyFrom(w.custodyFrom());
        window.setReleasedOn(w.releasedOn());
        window.setEndsOn(w.endsOn());
        window.setOverrideReason(w.overrideReason());
        window.setOverriddenBy(w.overriddenBy());
        var api = new dk.overgang.api.generated.model.KspEntry(e.entryId(), e.name(), formatted(e.cpr()), e.reason(),
                KspLegalBasis.fromValue(e.legalBasis()), toApi(e.proposedBy()), e.addedInVersion(), window);
        api.setInmateId(e.inmateId());
        if (e.area() != null) {
            var area = new KspArea(KspAreaStatus.fromValue(e.area().status()));
            area.setOverrideReason(e.area().overrideReason());
            area.setOverriddenBy(e.area().overriddenBy());
            api.setArea(area);
        }
        return api;
    }

    static dk.overgang.api.generated.model.KspProposal toApi(Proposal p) {
        EntryDraft d = p.entry();
        var api = new dk.overgang.api.generated.model.KspProposal(p.id(), p.meetingId(),
                KspProposalStatus.fromValue(p.status()), toApi(p.proposedBy()), utc(p.proposedAt()), d.reason(),
                KspLegalBasis.fromValue(d.legalBasis()));
        api.setInmateId(d.inmateId());
        if (d.person() != null) {
            Person person = d.person();
            var apiPerson = new KspPerson(person.name(), formatted(person.cpr()));
            apiPerson.setCustodyFrom(person.custodyFrom());
            apiPerson.setReleasedOn(person.releasedOn());
            api.setPerson(apiPerson);
        }
        api.setDecidedAt(utc(p.decidedAt()));
        api.setDecisionReason(p.decisionReason());
        api.setAcceptedInVersion(p.acceptedInVersion());
        return api;
    }

    static dk.overgang.api.generated.model.KspExchange toApi(ExchangeRecord e) {
        var api = new dk.overgang.api.generated.model.KspExchange(e.id(), e.meetingId(), e.entryId(), e.summary(),
                e.inmateInformed(), e.recordedBy(), utc(e.recordedAt()));
        api.setInmateId(e.inmateId());
        api.setProtectionExceptionReason(e.protectionReason());
        api.setApprovedBy(e.approvedBy());
        api.setNotedOnActionPlan(e.notedOnPlan());
        return api;
    }
}
