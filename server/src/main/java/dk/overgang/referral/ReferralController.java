package dk.overgang.referral;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.ReferralsApi;
import dk.overgang.api.generated.model.Consent;
import dk.overgang.api.generated.model.ConsentInput;
import dk.overgang.api.generated.model.ConsentList;
import dk.overgang.api.generated.model.ConsentPurpose;
import dk.overgang.api.generated.model.ConsentWithdrawal;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.api.generated.model.NgoNote;
import dk.overgang.api.generated.model.NgoNoteInput;
import dk.overgang.api.generated.model.NgoNoteList;
import dk.overgang.api.generated.model.NgoPerson;
import dk.overgang.api.generated.model.NgoReferral;
import dk.overgang.api.generated.model.NgoReferralPage;
import dk.overgang.api.generated.model.OrgRef;
import dk.overgang.api.generated.model.OrgType;
import dk.overgang.api.generated.model.ProgrammeDataItem;
import dk.overgang.api.generated.model.Referral;
import dk.overgang.api.generated.model.ReferralInput;
import dk.overgang.api.generated.model.ReferralList;
import dk.overgang.api.generated.model.ReferralStatus;
import dk.overgang.api.generated.model.ReferralStatusInput;
import dk.overgang.api.generated.model.SharedNgoNote;
import dk.overgang.api.generated.model.SharedNgoNoteList;
import dk.overgang.shared.Slice;
import dk.overgang.web.Cursors;
import dk.overgang.web.ETags;
import dk.overgang.web.PageLinks;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** HTTP face of consent and referrals: implements the generated {@link ReferralsApi}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ReferralController implements ReferralsApi {


    private final ReferralService referrals;
    private final CallerProvider callers;
    private final Clock clock;

    ReferralController(ReferralService referrals, CallerProvider callers, Clock clock) {
        this.referrals = referrals;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    public HttpResponse<Consent> createConsent(ConsentInput in, String idempotencyKey) {
        var created = referrals.recordConsent(callers.current(), new ReferralService.ConsentDetails(in.getInmateId(),
                in.getProgrammeId(), in.getPurpose().getValue(), in.getDataItems().stream().map(ProgrammeDataItem::getValue).toList(),
                in.getValidFrom(), in.getValidUntil()), Optional.ofNullable(idempotencyKey));
        var response = HttpResponse.<Consent>status(HttpStatus.CREATED).body(toApi(created.value()))
                .header(HttpHeaders.ETAG, ETags.of(created.value().version()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public ConsentList searchConsents(UUID inmateId, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<ReferralStore.ConsentRow> page = referrals.consents(callers.current(), inmateId, Cursors.uuidAfter(cursor), limit);
        return new ConsentList(page.items().stream().map(this::toApi).toList(), PageLinks.of(
                "/api/v1/consents", Map.of("inmateId", inmateId), limit, cursor, page, c -> Cursors.after(c.id())));
    }

    @Override
    public ConsentList readConsentHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/consents/" + id + "/_history", count, cursor,
                (before, limit) -> referrals.consentHistory(callers.current(), id, before, limit), c -> c.version(), this::toApi);
        return new ConsentList(page.items(), page.links());
    }

    @Override
    public Consent withdrawConsent(UUID id, ConsentWithdrawal withdrawal) {
        return toApi(referrals.withdraw(callers.current(), id, withdrawal == null ? null : withdrawal.getNote()));
    }

    @Override
    public HttpResponse<Referral> createReferral(ReferralInput in, String idempotencyKey) {
        var created = referrals.refer(callers.current(), in.getInmateId(), in.getProgrammeId(), Optional.ofNullable(idempotencyKey));
        var response = HttpResponse.<Referral>status(HttpStatus.CREATED).body(toApi(created.value()))
                .header(HttpHeaders.ETAG, ETags.of(created.value().version()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public ReferralList searchReferrals(UUID inmateId, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<ReferralStore.ReferralRow> page = referrals.referrals(callers.current(), inmateId, Cursors.uuidAfter(cursor), limit);
        return new ReferralList(page.items().stream().map(ReferralController::toApi).toList(), PageLinks.of(
                "/api/v1/referrals", Map.of("inmateId", inmateId), limit, cursor, page, r -> Cursors.after(r.id())));
    }

    @Override
    public ReferralList readReferralHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/referrals/" + id + "/_history", count, cursor,
                (before, limit) -> referrals.referralHistory(callers.current(), id, before, limit), r -> r.version(), ReferralController::toApi);
        return new ReferralList(page.items(), page.links());
    }

    @Override
    public NgoReferralPage searchProgrammeReferrals(String programmeId, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<ReferralStore.NgoRow> page = Slice.of(referrals.programmeReferrals(callers.current(), programmeId,
                Cursors.uuidAfter(cursor), limit + 1), limit);
        return new NgoReferralPage(page.items().stream().map(this::toNgo).toList(), PageLinks.of(
                "/api/v1/programmes/" + programmeId + "/referrals", limit, cursor, page, r -> Cursors.after(r.referral().id())));
    }

    @Override
    public HttpResponse<NgoReferral> readProgrammeReferral(String programmeId, UUID id) {
        ReferralStore.NgoRow row = referrals.programmeReferral(callers.current(), programmeId, id);
        return HttpResponse.ok(toNgo(row)).header(HttpHeaders.ETAG, ETags.of(row.referral().version()));
    }

    @Override
    public HttpResponse<NgoReferral> updateReferralStatus(String programmeId, UUID id, ReferralStatusInput in, String ifMatch) {
        ReferralStore.NgoRow row = referrals.report(callers.current(), programmeId, id, ETags.ifMatchVersion(ifMatch),
                new ReferralService.StatusReport(in.getStatus().getValue(), in.getVolunteer(), in.getNextVisit(),
                        in.getVisitsHeld(), in.getMentorPairAssigned(), in.getReason()));
        return HttpResponse.ok(toNgo(row)).header(HttpHeaders.ETAG, ETags.of(row.referral().version()));
    }

    @Override
    public HttpResponse<NgoNote> createNgoNote(String programmeId, UUID id, NgoNoteInput in, String idempotencyKey) {
        var created = referrals.writeNote(callers.current(), programmeId, id, in.getText(),
                Boolean.TRUE.equals(in.getShareWithAuthorities()), Optional.ofNullable(idempotencyKey));
        var response = HttpResponse.<NgoNote>status(HttpStatus.CREATED).body(toApi(created.value()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public NgoNoteList searchNgoNotes(String programmeId, UUID id, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<ReferralStore.NoteRow> page = referrals.notes(callers.current(), programmeId, id, Cursors.uuidAfter(cursor), limit);
        return new NgoNoteList(page.items().stream().map(ReferralController::toApi).toList(), PageLinks.of(
                "/api/v1/programmes/" + programmeId + "/referrals/" + id + "/notes", limit, cursor, page, n -> Cursors.after(n.id())));
    }

    @Override
    public SharedNgoNoteList searchSharedNgoNotes(UUID id, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<ReferralStore.NoteRow> page = referrals.sharedNotes(callers.current(), id, Cursors.uuidAfter(cursor), limit);
        return new SharedNgoNoteList(page.items().stream()
                .map(n -> new SharedNgoNote(n.id(), n.programmeId(), n.writtenAt().atZone(ZoneOffset.UTC), n.text())).toList(),
                PageLinks.of("/api/v1/inmates/" + id + "/ngo-notes", limit, cursor, page, n -> Cursors.after(n.id())));
    }

    private static NgoNote toApi(ReferralStore.NoteRow n) {
        return new NgoNote(n.id(), n.referralId(), n.programmeId(), n.writtenAt().atZone(ZoneOffset.UTC), n.text(),
                n.shareWithAuthorities());
    }

    private Consent toApi(ReferralStore.ConsentRow c) {
        Consent api = new Consent(c.id(), new Meta(Long.toString(c.version()), c.lastUpdated().atZone(ZoneOffset.UTC)),
                c.inmateId(), c.programmeId(), ConsentPurpose.fromValue(c.purpose()),
                c.dataItems().stream().map(ProgrammeDataItem::fromValue).collect(Collectors.toCollection(LinkedHashSet::new)),
                c.validFrom(), new OrgRef(OrgType.fromValue(c.orgType()), c.orgId()), c.activeOn(LocalDate.now(clock)));
        api.setValidUntil(c.validUntil());
        api.setWithdrawnAt(c.withdrawnAt() == null ? null : c.withdrawnAt().atZone(ZoneOffset.UTC));
        return api;
    }

    static Referral toApi(ReferralStore.ReferralRow r) {
        Referral api = new Referral(r.id(), new Meta(Long.toString(r.version()), r.lastUpdated().atZone(ZoneOffset.UTC)),
                r.inmateId(), r.programmeId(), ReferralStatus.fromValue(r.status()),
                new OrgRef(OrgType.fromValue(r.orgType()), r.orgId()), r.referredAt().atZone(ZoneOffset.UTC),
                r.visitsHeld(), r.mentorPairAssigned());
        api.setVolunteer(r.volunteer());
        api.setNextVisit(r.nextVisit());
        api.setStatusReason(r.statusReason());
        return api;
    }

    /** The programme's view: only the data items both consented and needed by the programme; nothing else of the person. */
    private NgoReferral toNgo(ReferralStore.NgoRow row) {
        Set<String> shown = new LinkedHashSet<>(row.consentedItems());
        shown.retainAll(row.programmeItems());
        NgoPerson person = new NgoPerson();
        if (shown.contains("first-name") && row.name() != null) {
            person.setFirstName(row.name().trim().split("\\s+")[0]);
        }
        if (shown.contains("age-band") && row.birthDate() != null) {
            person.setAgeBand(dk.overgang.api.generated.model.NgoPersonAgeBand.fromValue(ageBand(Period.between(row.birthDate(), LocalDate.now(clock)).getYears())));
        }
        if (shown.contains("institution") && !"released".equals(row.custodyStatus())) {
            person.setInstitution(row.institution());
        }
        if (shown.contains("release-municipality")) {
            person.setReleaseMunicipality(row.municipality());
        }
        if (shown.contains("release-date")) {
            person.setReleaseDate(row.release());
        }
        ReferralStore.ReferralRow r = row.referral();
        NgoReferral api = new NgoReferral(r.id(), new Meta(Long.toString(r.version()), r.lastUpdated().atZone(ZoneOffset.UTC)),
                r.programmeId(), ReferralStatus.fromValue(r.status()), person, r.visitsHeld(), r.mentorPairAssigned());
        api.setVolunteer(r.volunteer());
        api.setNextVisit(r.nextVisit());
        return api;
    }

    static String ageBand(int age) {
        if (age < 18) {
            return "under-18";
        }
        if (age < 25) {
            return "18-24";
        }
        if (age < 30) {
            return "25-29";
        }
        if (age < 60) {
            return (age / 10 * 10) + "-" + (age / 10 * 10 + 9);
        }
        return "60-plus";
    }
}
