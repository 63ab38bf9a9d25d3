package dk.overgang.privacy;

import dk.overgang.web.PageLinks;
import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.PrivacyApi;
import dk.overgang.api.generated.model.OrgRef;
import dk.overgang.api.generated.model.OrgType;
import dk.overgang.api.generated.model.Restriction;
import dk.overgang.api.generated.model.RestrictionInput;
import dk.overgang.api.generated.model.RestrictionReason;
import dk.overgang.access.Caller;
import dk.overgang.access.Interaction;
import dk.overgang.access.ResourceType;
import dk.overgang.api.generated.model.AccessSummary;
import dk.overgang.api.generated.model.InformationNotice;
import dk.overgang.api.generated.model.InformationNoticeInput;
import dk.overgang.api.generated.model.InformationNoticeList;
import dk.overgang.api.generated.model.InformationMethod;
import dk.overgang.api.generated.model.InformationTopic;
import dk.overgang.api.generated.model.LegalHold;
import dk.overgang.api.generated.model.LegalHoldInput;
import dk.overgang.api.generated.model.RetentionRun;
import dk.overgang.api.generated.model.RetentionRunList;
import dk.overgang.api.generated.model.SubjectAccessSection;
import dk.overgang.shared.ForbiddenException;
import io.micronaut.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.ZoneOffset;
import java.util.UUID;

/** HTTP face of the person's data protection (issue 17); maps to the generated model here only. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class PrivacyController implements PrivacyApi {

    private final RestrictionService restrictions;
    private final SubjectAccessExport exports;
    private final LegalHoldService holds;
    private final InformationNotices notices;
    private final RetentionJob retention;
    private final CallerProvider callers;
    private final JsonMapper json;

    PrivacyController(RestrictionService restrictions, SubjectAccessExport exports, LegalHoldService holds, RetentionJob retention,
                      InformationNotices notices, CallerProvider callers, JsonMapper json) {
        this.notices = notices;
        this.holds = holds;
        this.retention = retention;
        this.restrictions = restrictions;
        this.exports = exports;
        this.callers = callers;
        this.json = json;
    }

    @Override
    public dk.overgang.api.generated.model.SubjectAccessExport exportSubjectAccess(UUID id) {
        SubjectAccessExport.Export export = exports.export(callers.current(), id);
        List<SubjectAccessSection> sections = new ArrayList<>();
        for (SubjectAccessExport.Filled f : export.sections()) {
            List<Map<String, Object>> records = new ArrayList<>(f.rows().size());
            for (String row : f.rows()) {
                records.add(parse(row));
            }
            var section = new SubjectAccessSection(f.section().key(), f.section().title(), records);
            section.setNote(f.section().note());
            sections.add(section);
        }
        var api = new dk.overgang.api.generated.model.SubjectAccessExport(export.inmateId(),
                export.generatedAt().atZone(ZoneOffset.UTC), export.accessCount(), sections);
        api.setAccessesByOrganisation(export.byOrganisation().stream()
                .map(a -> new AccessSummary(a.orgType(), a.orgId(), a.count())).toList());
        return api;
    }

    @Override
    public InformationNoticeList listInformationNotices(UUID id, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<InformationNotices.Notice> page = notices.list(callers.current(), id, Cursors.instantAndKeyAfter(cursor), limit);
        return new InformationNoticeList(page.items().stream().map(PrivacyController::toApi).toList(), PageLinks.of(
                "/api/v1/inmates/" + id + "/information-notices", limit, cursor, page,
                n -> Cursors.after(new Cursors.InstantAndKey(n.recordedAt(), n.id()))));
    }

    @Override
    public HttpResponse<InformationNotice> recordInformationNotice(UUID id, InformationNoticeInput input) {
        return HttpResponse.created(toApi(notices.record(callers.current(), id, input.getTopic().getValue(), input.getInformedOn(),
                input.getMethod().getValue(), input.getNote())));
    }

    private static InformationNotice toApi(InformationNotices.Notice n) {
        var api = new InformationNotice(n.id(), InformationTopic.fromValue(n.topic()), n.informedOn(),
                InformationMethod.fromValue(n.method()), n.recordedAt().atZone(ZoneOffset.UTC),
                new OrgRef(OrgType.fromValue(n.orgType()), n.orgId()));
        api.setNote(n.note());
        return api;
    }

    @Override
    public LegalHold readLegalHold(UUID id) {
        return toApi(holds.read(callers.current(), id));
    }

    @Override
    public LegalHold setLegalHold(UUID id, LegalHoldInput input) {
        return toApi(holds.set(callers.current(), id, input.getHeld(), input.getReason()));
    }

    @Override
    public RetentionRunList listRetentionRuns(Integer count, String cursor) {
        Cursors.InstantAndKey after = Cursors.instantAndKeyAfter(cursor); // a malformed request is a 400 before anything else
        int limit = PageLinks.limit(count);
        Slice<RetentionJob.Run> page = retention.runs(callers.current(), after, limit);
        return new RetentionRunList(page.items().stream().map(PrivacyController::toApi).toList(), PageLinks.of(
                "/api/v1/retention-runs", limit, cursor, page, r -> Cursors.after(new Cursors.InstantAndKey(r.startedAt(), r.id()))));
    }

    @Override
    public HttpResponse<RetentionRun> runRetention() {
        Caller caller = callers.current();
        caller.require(ResourceType.RetentionRun, Interaction.CREATE);
        if (caller.orgType() != dk.overgang.access.OrgType.OPERATOR) {
            throw new ForbiddenException("Only operators run the retention job.");
        }
        return HttpResponse.created(toApi(retention.run(caller.sub())));
    }

    private static RetentionRun toApi(RetentionJob.Run run) {
        Map<String, LocalDate> cutoffs = new LinkedHashMap<>(run.cutoffs());
        return new RetentionRun(run.id(), run.startedAt().atZone(ZoneOffset.UTC), run.finishedAt().atZone(ZoneOffset.UTC),
                run.triggeredBy(), cutoffs, new LinkedHashMap<>(run.erased()), run.held(), run.failed());
    }

    private static LegalHold toApi(LegalHoldService.State state) {
        LegalHold hold = new LegalHold(state.held());
        hold.setReason(state.reason());
        if (state.placedAt() != null) {
            hold.setPlacedAt(state.placedAt().atZone(ZoneOffset.UTC));
            hold.setPlacedBy(new OrgRef(OrgType.fromValue(state.orgType()), state.orgId()));
        }
        return hold;
    }

    private Map<String, Object> parse(String row) {
        try {
            return json.readValue(row, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored row is not JSON", e);
        }
    }

    @Override
    public Restriction readRestriction(UUID id) {
        return toApi(restrictions.read(callers.current(), id));
    }

    @Override
    public Restriction setRestriction(UUID id, RestrictionInput input) {
        return toApi(restrictions.set(callers.current(), id, input.getRestricted(),
                input.getReason() == null ? null : input.getReason().getValue()));
    }

    private static Restriction toApi(RestrictionService.State state) {
        Restriction r = new Restriction(state.restricted());
        if (state.reason() != null) {
            r.setReason(RestrictionReason.fromValue(state.reason().code()));
        }
        if (state.changedAt() != null) {
            r.setChangedAt(state.changedAt().atZone(ZoneOffset.UTC));
            r.setChangedBy(new OrgRef(OrgType.fromValue(state.changedByOrgType()),
                    state.changedByOrgId()));
        }
        return r;
    }
}
