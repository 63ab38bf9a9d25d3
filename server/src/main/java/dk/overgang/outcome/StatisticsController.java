package dk.overgang.outcome;

import dk.overgang.api.generated.StatisticsApi;
import dk.overgang.api.generated.model.NgoActivityCell;
import dk.overgang.api.generated.model.NgoActivityStatistics;
import dk.overgang.api.generated.model.OutcomeCell;
import dk.overgang.api.generated.model.OutcomeCheckpoint;
import dk.overgang.api.generated.model.OutcomeStatistics;
import dk.overgang.api.generated.model.StatisticsGrouping;
import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.SmallCountSuppression;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Locale;
import java.util.Optional;

/**
 * The public figures as JSON: implements the generated {@link StatisticsApi}. No token: the figures
 * are aggregates with small counts suppressed, and "everyone can see whether the goal is met".
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class StatisticsController implements StatisticsApi {

    private final StatisticsService statistics;

    StatisticsController(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @Override
    public OutcomeStatistics readOutcomeStatistics(OutcomeCheckpoint checkpoint, StatisticsGrouping groupBy) {
        OutcomeCheckpoint at = checkpoint == null ? OutcomeCheckpoint._3_MONTHS : checkpoint;
        StatisticsGrouping by = groupBy == null ? StatisticsGrouping.MUNICIPALITY : groupBy;
        StatisticsService.OutcomeTable table = statistics.outcomes(kind(at), grouping(by));
        return new OutcomeStatistics(at, by, StatisticsService.GOAL, SmallCountSuppression.MINIMUM, table.date(),
                cell(table.total()), table.groups().stream().map(StatisticsController::cell).toList());
    }

    @Override
    public NgoActivityStatistics readNgoActivityStatistics(String programmeId) {
        StatisticsService.ActivityTable table = statistics.activity(Optional.ofNullable(programmeId));
        return new NgoActivityStatistics(SmallCountSuppression.MINIMUM, table.date(), cell(table.total()),
                table.institutions().stream().map(StatisticsController::cell).toList()).programmeId(programmeId);
    }

    static ObligationKind kind(OutcomeCheckpoint checkpoint) {
        return ObligationKind.outcomeCheckpoint(checkpoint.getValue()).orElseThrow();
    }

    static StatisticsService.Grouping grouping(StatisticsGrouping groupBy) {
        return StatisticsService.Grouping.valueOf(groupBy.getValue().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static OutcomeCell cell(StatisticsService.OutcomeCell c) {
        OutcomeCell api = new OutcomeCell(c.group(), c.suppressed());
        if (!c.suppressed()) {
            api.recorded(Math.toIntExact(c.recorded())).inGoal(Math.toIntExact(c.inGoal())).share(c.share()).goalMet(c.goalMet());
        }
        return api;
    }

    private static NgoActivityCell cell(StatisticsService.ActivityCell c) {
        NgoActivityCell api = new NgoActivityCell(c.group(), c.suppressed());
        if (!c.suppressed()) {
            api.referrals(Math.toIntExact(c.referrals())).activePairs(Math.toIntExact(c.activePairs()))
                    .visits(Math.toIntExact(c.visits()));
        }
        return api;
    }
}
