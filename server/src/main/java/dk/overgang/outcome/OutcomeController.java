package dk.overgang.outcome;

import dk.overgang.web.PageLinks;
import dk.overgang.api.generated.model.OutcomeHistory;
import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.OutcomesApi;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.api.generated.model.ObligationStatus;
import dk.overgang.api.generated.model.Outcome;
import dk.overgang.api.generated.model.OutcomeCheckpoint;
import dk.overgang.api.generated.model.OutcomeCheckpointState;
import dk.overgang.api.generated.model.OutcomeInput;
import dk.overgang.api.generated.model.OutcomeList;
import dk.overgang.api.generated.model.OutcomeStatus;
import dk.overgang.rules.ObligationKind;
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
import java.util.Locale;
import java.util.UUID;

/** HTTP face of outcomes after release: implements the generated {@link OutcomesApi}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class OutcomeController implements OutcomesApi {

    private final OutcomeService outcomes;
    private final CallerProvider callers;

    OutcomeController(OutcomeService outcomes, CallerProvider callers) {
        this.outcomes = outcomes;
        this.callers = callers;
    }

    @Override
    public OutcomeList readOutcomes(UUID id) {
        OutcomeService.Checkpoints c = outcomes.checkpoints(callers.current(), id);
        return new OutcomeList(c.inmateId(), c.items().stream().map(item -> {
            var state = new OutcomeCheckpointState(checkpoint(item.kind()), item.dueDate(),
                    ObligationStatus.fromValue(item.status().name().toLowerCase(Locale.ROOT).replace('_', '-')));
            return item.outcome() == null ? state : state.outcome(toApi(item.outcome()));
        }).toList()).releasedOn(c.releasedOn());
    }

    @Override
    public OutcomeHistory readOutcomeHistory(UUID id, OutcomeCheckpoint checkpoint, Integer count, String cursor) {
        ObligationKind kind = ObligationKind.outcomeCheckpoint(checkpoint.getValue()).orElseThrow();
        var page = PageLinks.history("/api/v1/inmates/" + id + "/outcomes/" + checkpoint.getValue() + "/_history", count, cursor,
                (before, limit) -> outcomes.history(callers.current(), id, kind, before, limit), OutcomeStore.OutcomeRow::version, OutcomeController::toApi);
        return new OutcomeHistory(page.items(), page.links());
    }

    @Override
    public HttpResponse<Outcome> recordOutcome(UUID id, OutcomeCheckpoint checkpoint, OutcomeInput in, String ifMatch) {
        ObligationKind kind = ObligationKind.outcomeCheckpoint(checkpoint.getValue()).orElseThrow();
        OutcomeService.Recorded recorded = outcomes.record(callers.current(), id, kind, in.getStatus().getValue(),
                ETags.ifMatchVersion(ifMatch));
        return HttpResponse.<Outcome>status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(toApi(recorded.row())).header(HttpHeaders.ETAG, ETags.of(recorded.row().version()));
    }

    private static Outcome toApi(OutcomeStore.OutcomeRow r) {
        return new Outcome(r.id(), new Meta(Long.toString(r.version()), r.lastUpdated().atZone(ZoneOffset.UTC)),
                r.inmateId(), checkpoint(ObligationKind.outcomeAt(r.months())), OutcomeStatus.fromValue(r.status()),
                r.releasedOn(), r.releasedOn().plusMonths(r.months()), r.municipality(), r.recordedOn());
    }

    private static OutcomeCheckpoint checkpoint(ObligationKind kind) {
        return OutcomeCheckpoint.fromValue(kind.checkpointCode());
    }
}
