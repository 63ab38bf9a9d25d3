package dk.overgang.assessment;

import java.util.Map;
import dk.overgang.web.PageLinks;
import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.LsRnrAssessmentsApi;
import dk.overgang.api.generated.model.LsRnrAssessment;
import dk.overgang.api.generated.model.LsRnrAssessmentInput;
import dk.overgang.api.generated.model.LsRnrAssessmentList;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.api.generated.model.NeedScore;
import dk.overgang.api.generated.model.RiskLevel;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.web.ETags;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** HTTP face of LS/RNR assessments: implements the generated {@link LsRnrAssessmentsApi}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AssessmentController implements LsRnrAssessmentsApi {

    private static final String COLLECTION = "/api/v1/lsrnr-assessments";

    private final AssessmentService assessments;
    private final CallerProvider callers;
    private final JsonMapper json;

    AssessmentController(AssessmentService assessments, CallerProvider callers, JsonMapper json) {
        this.assessments = assessments;
        this.callers = callers;
        this.json = json;
    }

    @Override
    public HttpResponse<LsRnrAssessment> createLsRnrAssessment(LsRnrAssessmentInput input, String idempotencyKey) {
        var created = assessments.create(callers.current(), details(input), Optional.ofNullable(idempotencyKey));
        Assessment a = created.assessment();
        var response = HttpResponse.created(toApi(a), URI.create(COLLECTION + "/" + a.id()))
                .header(HttpHeaders.ETAG, ETags.of(a.version()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public HttpResponse<LsRnrAssessment> readLsRnrAssessment(UUID id) {
        Assessment a = assessments.read(callers.current(), id);
        return HttpResponse.ok(toApi(a)).header(HttpHeaders.ETAG, ETags.of(a.version()));
    }

    @Override
    public LsRnrAssessmentList readLsRnrAssessmentHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history(COLLECTION + "/" + id + "/_history", count, cursor,
                (before, limit) -> assessments.history(callers.current(), id, before, limit), a -> a.version(), this::toApi);
        return new LsRnrAssessmentList(page.items(), page.links());
    }

    @Override
    public LsRnrAssessmentList searchLsRnrAssessments(UUID inmateId, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<Assessment> page = assessments.forInmate(callers.current(), inmateId, Cursors.uuidAfter(cursor), limit);
        return new LsRnrAssessmentList(page.items().stream().map(this::toApi).toList(), PageLinks.of(
                COLLECTION, Map.of("inmateId", inmateId), limit, cursor, page, a -> Cursors.after(a.id())));
    }

    @Override
    public HttpResponse<LsRnrAssessment> updateLsRnrAssessment(UUID id, LsRnrAssessmentInput input, String ifMatch) {
        Assessment a = assessments.update(callers.current(), id, ETags.ifMatchVersion(ifMatch), details(input));
        return HttpResponse.ok(toApi(a)).header(HttpHeaders.ETAG, ETags.of(a.version()));
    }

    private Assessment.Details details(LsRnrAssessmentInput in) {
        var domains = new HashSet<NeedDomainKey>();
        for (int i = 0; i < in.getNeeds().size(); i++) {
            if (!domains.add(new NeedDomainKey(in.getNeeds().get(i).getDomain().getValue()))) {
                throw new InvalidFieldException("needs[" + i + "].domain", "each need domain is scored once");
            }
        }
        try {
            return new Assessment.Details(in.getInmateId(), in.getAssessedOn(), in.getAssessor(), in.getRiskLevel().getValue(),
                    json.writeValueAsString(in.getNeeds()), in.getStrengths(), in.getResponsivity());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record NeedDomainKey(String domain) {
    }

    private LsRnrAssessment toApi(Assessment a) {
        Assessment.Details d = a.details();
        List<NeedScore> needs;
        try {
            needs = json.readValue(d.needsJson(), Argument.listOf(NeedScore.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var api = new LsRnrAssessment(d.inmateId(), d.assessedOn(), d.assessor(), RiskLevel.fromValue(d.riskLevel()), needs,
                a.id(), new Meta(Long.toString(a.version()), a.lastUpdated().atZone(ZoneOffset.UTC)));
        api.setStrengths(d.strengths());
        api.setResponsivity(d.responsivity());
        return api;
    }
}
