package dk.overgang.outcome;

import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.SmallCountSuppression;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.annotation.Connectable;
import dk.overgang.database.Sql;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The public figures (issue 13): the share of released people in activation, employment or
 * education at a checkpoint, against the goal of 60 % (G1, seed 003), and NGO programme activity per
 * institution. Every table passes {@link SmallCountSuppression} before it leaves this class.
 *
 * <p>The endpoints need no token, so nobody's budget limits them: each answer is kept for
 * {@code overgang.statistics.cache-ttl} (default 60 s), so a flood of anonymous requests costs the
 * database one aggregate query per table and minute. A map with a time stamp is enough for the six
 * tables there are; a cache library would add a dependency for nothing more.
 */
@Singleton
@Connectable
public class StatisticsService {

    /** The goal: at least 60 % in activation, employment or education (seed 003). */
    public static final double GOAL = 0.6;

    /** How an outcome table is grouped. */
    public enum Grouping {
        MUNICIPALITY("o.municipality"),
        RELEASE_QUARTER("to_char(o.released_on, 'YYYY') || '-Q' || extract(quarter FROM o.released_on)"),
        PROGRAMME("CASE WHEN EXISTS (SELECT 1 FROM referral r WHERE r.inmate_id = o.inmate_id AND r.activated_at IS NOT NULL)"
                + " THEN 'with-programme' ELSE 'without-programme' END");

        private final String sql;

        Grouping(String sql) {
            this.sql = sql;
        }
    }

    /** One row of a table; the figures are null when suppressed. */
    public record OutcomeCell(String group, boolean suppressed, Long recorded, Long inGoal) {

        public Double share() {
            return suppressed || recorded == 0 ? null : (double) inGoal / recorded;
        }

        public Boolean goalMet() {
            Double share = share();
            return share == null ? null : share >= GOAL;
        }
    }

    public record OutcomeTable(ObligationKind checkpoint, Grouping groupBy, LocalDate date, OutcomeCell total,
                               List<OutcomeCell> groups) {
    }

    public record ActivityCell(String group, boolean suppressed, Long referrals, Long activePairs, Long visits) {
    }

    public record ActivityTable(String programmeId, LocalDate date, ActivityCell total, List<ActivityCell> institutions) {
    }

    private record Cached(Instant at, Object table) {
    }

    private final Sql sql;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    StatisticsService(Sql sql, Clock clock, @Value("${overgang.statistics.cache-ttl:60s}") Duration ttl) {
        this.sql = sql;
        this.clock = clock;
        this.ttl = ttl;
    }

    public OutcomeTable outcomes(ObligationKind checkpoint, Grouping groupBy) {
        return cached("outcomes|" + checkpoint + "|" + groupBy, () -> computeOutcomes(checkpoint, groupBy));
    }

    public ActivityTable activity(Optional<String> programmeId) {
        return cached("activity|" + programmeId.orElse(""), () -> computeActivity(programmeId));
    }

    /** One group's counts: all of them, the part that matters (in the goal, active), and a third figure if any. */
    private record Counted(String grp, long total, long part, long extra) {
    }

    private static final RowMapper<Counted> COUNTED = (rs, ctx) -> new Counted(rs.getString("grp"), rs.getLong("total"),
            rs.getLong("part"), rs.getLong("extra"));

    private OutcomeTable computeOutcomes(ObligationKind checkpoint, Grouping groupBy) {
        List<String> names = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        for (Counted row : sql.run(h -> h.createQuery("SELECT " + groupBy.sql + " AS grp, count(*) AS total,"
                        + " count(*) FILTER (WHERE o.status IN ('activation', 'employment', 'education')) AS part, 0 AS extra"
                        + " FROM outcome o WHERE o.checkpoint_months = :months GROUP BY grp ORDER BY grp")
                .bind("months", checkpoint.outcomeMonths())
                .map(COUNTED).list())) {
            names.add(row.grp());
            // Protected: the group, those in the goal, and those outside it (the difference).
            counts.add(new long[] {row.total(), row.part(), row.total() - row.part()});
        }
        var decision = SmallCountSuppression.decide(counts, SmallCountSuppression.MINIMUM);
        List<OutcomeCell> groups = new ArrayList<>();
        long recorded = 0;
        long inGoal = 0;
        for (int g = 0; g < names.size(); g++) {
            long[] c = counts.get(g);
            recorded += c[0];
            inGoal += c[1];
            groups.add(decision.suppressed(g) ? new OutcomeCell(names.get(g), true, null, null)
                    : new OutcomeCell(names.get(g), false, c[0], c[1]));
        }
        OutcomeCell total = decision.totalSuppressed() ? new OutcomeCell("all", true, null, null)
                : new OutcomeCell("all", false, recorded, inGoal);
        return new OutcomeTable(checkpoint, groupBy, LocalDate.now(clock), total, groups);
    }

    private ActivityTable computeActivity(Optional<String> programmeId) {
        List<String> names = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        List<Long> visits = new ArrayList<>();
        for (Counted row : sql.run(h -> h.createQuery("""
                        SELECT i.current_institution AS grp, count(*) AS total, count(*) FILTER (WHERE r.status = 'active') AS part,
                               coalesce(sum(r.visits_held), 0) AS extra
                          FROM referral r JOIN inmate i ON i.id = r.inmate_id
                         WHERE (CAST(:programme AS text) IS NULL OR r.programme_id = :programme)
                         GROUP BY i.current_institution ORDER BY i.current_institution""")
                .bind("programme", programmeId.orElse(null))
                .map(COUNTED).list())) {
            names.add(row.grp());
            counts.add(new long[] {row.total(), row.part(), row.total() - row.part()});
            visits.add(row.extra());
        }
        var decision = SmallCountSuppression.decide(counts, SmallCountSuppression.MINIMUM);
        List<ActivityCell> institutions = new ArrayList<>();
        long referrals = 0;
        long active = 0;
        long visitsHeld = 0;
        for (int g = 0; g < names.size(); g++) {
            long[] c = counts.get(g);
            referrals += c[0];
            active += c[1];
            visitsHeld += visits.get(g);
            institutions.add(decision.suppressed(g) ? new ActivityCell(names.get(g), true, null, null, null)
                    : new ActivityCell(names.get(g), false, c[0], c[1], visits.get(g)));
        }
        ActivityCell total = decision.totalSuppressed() ? new ActivityCell("all", true, null, null, null)
                : new ActivityCell("all", false, referrals, active, visitsHeld);
        return new ActivityTable(programmeId.orElse(null), LocalDate.now(clock), total, institutions);
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Supplier<T> compute) {
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && hit.at().plus(ttl).isAfter(now)) {
            return (T) hit.table();
        }
        T table = compute.get();
        cache.put(key, new Cached(now, table));
        return table;
    }
}
