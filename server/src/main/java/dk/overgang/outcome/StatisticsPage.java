package dk.overgang.outcome;

import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.SmallCountSuppression;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.web.Html;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The public figures as a readable Danish page with a bar chart ({@code /statistics}): the same
 * tables as {@code /api/v1/statistics/*}, suppression included. Plain HTML with an inline SVG chart:
 * no script, nothing fetched from elsewhere ({@link Html#PAGE_CSP}), readable by a screen reader
 * (the chart has a text alternative and the figures are in a table too).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class StatisticsPage {

    private static final Map<String, StatisticsService.Grouping> GROUPINGS = Map.of(
            "municipality", StatisticsService.Grouping.MUNICIPALITY,
            "release-quarter", StatisticsService.Grouping.RELEASE_QUARTER,
            "programme", StatisticsService.Grouping.PROGRAMME);
    private static final int BAR_WIDTH = 400;
    private static final int ROW_HEIGHT = 28;

    private final StatisticsService statistics;

    StatisticsPage(StatisticsService statistics) {
        this.statistics = statistics;
    }

    @Get(uri = "/statistics", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page(@Nullable @QueryValue String checkpoint, @Nullable @QueryValue String groupBy) {
        String at = Optional.ofNullable(checkpoint).orElse("3-months");
        String by = Optional.ofNullable(groupBy).orElse("municipality");
        ObligationKind checkpointKind = ObligationKind.outcomeCheckpoint(at)
                .orElseThrow(() -> new InvalidFieldException("checkpoint", "must be one of 3-months, 6-months, 12-months"));
        if (!GROUPINGS.containsKey(by)) {
            throw new InvalidFieldException("groupBy", "must be one of municipality, release-quarter, programme");
        }
        var outcomes = statistics.outcomes(checkpointKind, GROUPINGS.get(by));
        var activity = statistics.activity(Optional.empty());
        return HttpResponse.ok(render(at, by, outcomes, activity)).contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", Html.PAGE_CSP);
    }

    static String render(String at, String by, StatisticsService.OutcomeTable outcomes, StatisticsService.ActivityTable activity) {
        int months = outcomes.checkpoint().outcomeMonths();
        StringBuilder html = new StringBuilder(8192);
        html.append("""
                <!doctype html>
                <html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Overgang – status efter løsladelse</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
                nav a{margin-right:1rem} nav a[aria-current]{font-weight:bold;text-decoration:none}
                table{border-collapse:collapse;margin:1rem 0} th,td{border-bottom:1px solid #ccc;padding:.3rem .8rem;text-align:left}
                td.n{text-align:right} .met{color:#0a6e31} .notmet{color:#a4000f} .hidden{color:#666;font-style:italic}
                svg text{font-size:13px}
                </style></head><body>
                <h1>Status efter løsladelse</h1>
                <p>Målet: mindst 60&nbsp;% af de løsladte er i aktivering, beskæftigelse eller uddannelse 3, 6 og 12 måneder
                efter løsladelsen. Handlekommunen registrerer status. Tal under\s""").append(SmallCountSuppression.MINIMUM)
                .append("""
                 vises aldrig, heller ikke når de kunne regnes ud som en forskel; sådanne grupper står som skjult.</p>
                """);
        html.append("<nav aria-label=\"Tidspunkt\">");
        for (ObligationKind cp : List.of(ObligationKind.OUTCOME_3_MONTHS, ObligationKind.OUTCOME_6_MONTHS,
                ObligationKind.OUTCOME_12_MONTHS)) {
            link(html, cp.checkpointCode(), by, cp.outcomeMonths() + " måneder", cp.checkpointCode().equals(at));
        }
        html.append("</nav><nav aria-label=\"Gruppering\">");
        link(html, at, "municipality", "Pr. kommune", by.equals("municipality"));
        link(html, at, "release-quarter", "Pr. løsladelseskvartal", by.equals("release-quarter"));
        link(html, at, "programme", "Deltagelse i frivilligt program", by.equals("programme"));
        html.append("</nav>");

        html.append("<h2>").append(months).append(" måneder efter løsladelsen</h2>");
        var total = outcomes.total();
        if (total.suppressed()) {
            html.append("<p id=\"total\" class=\"hidden\">For få registreringer til at vise tal.</p>");
        } else {
            html.append("<p id=\"total\">I alt er ").append(total.inGoal()).append(" af ").append(total.recorded())
                    .append(" (").append(percent(total.share())).append(") i aktivering, beskæftigelse eller uddannelse. ")
                    .append(Boolean.TRUE.equals(total.goalMet()) ? "<strong class=\"met\">Målet er nået.</strong>"
                            : "<strong class=\"notmet\">Målet er ikke nået.</strong>").append("</p>");
        }
        chart(html, outcomes);
        html.append("<table id=\"outcomes\"><caption>Tallene bag figuren</caption><thead><tr><th scope=\"col\">")
                .append(Html.escape(groupHeading(by))).append("</th><th scope=\"col\">Registreret</th>")
                .append("<th scope=\"col\">I mål</th><th scope=\"col\">Andel</th><th scope=\"col\">Målet nået</th></tr></thead><tbody>");
        for (var g : outcomes.groups()) {
            html.append("<tr><th scope=\"row\">").append(Html.escape(groupName(g.group()))).append("</th>");
            if (g.suppressed()) {
                html.append("<td colspan=\"4\" class=\"hidden\">skjult (små tal)</td>");
            } else {
                html.append("<td class=\"n\">").append(g.recorded()).append("</td><td class=\"n\">").append(g.inGoal())
                        .append("</td><td class=\"n\">").append(percent(g.share())).append("</td><td>")
                        .append(Boolean.TRUE.equals(g.goalMet()) ? "ja" : "nej").append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");

        html.append("<h2>Frivillige programmer pr. institution</h2><table id=\"activity\"><thead><tr><th scope=\"col\">Institution</th>")
                .append("<th scope=\"col\">Henvisninger</th><th scope=\"col\">Aktive forløb</th><th scope=\"col\">Besøg</th></tr></thead><tbody>");
        for (var c : activity.institutions()) {
            html.append("<tr><th scope=\"row\">").append(Html.escape(c.group())).append("</th>");
            if (c.suppressed()) {
                html.append("<td colspan=\"3\" class=\"hidden\">skjult (små tal)</td>");
            } else {
                html.append("<td class=\"n\">").append(c.referrals()).append("</td><td class=\"n\">").append(c.activePairs())
                        .append("</td><td class=\"n\">").append(c.visits()).append("</td>");
            }
            html.append("</tr>");
        }
        var all = activity.total();
        html.append("</tbody><tfoot><tr><th scope=\"row\">I alt</th>");
        if (all.suppressed()) {
            html.append("<td colspan=\"3\" class=\"hidden\">skjult (små tal)</td>");
        } else {
            html.append("<td class=\"n\">").append(all.referrals()).append("</td><td class=\"n\">").append(all.activePairs())
                    .append("</td><td class=\"n\">").append(all.visits()).append("</td>");
        }
        html.append("</tr></tfoot></table><p>Opgjort ").append(outcomes.date())
                .append(". Samme tal som JSON: <code>/api/v1/statistics/outcomes</code> og <code>/api/v1/statistics/ngo-activity</code>.</p>")
                .append("</body></html>\n");
        return html.toString();
    }

    /** A horizontal bar per group (its share), with the 60 % goal as a line; suppressed groups get no bar. */
    private static void chart(StringBuilder html, StatisticsService.OutcomeTable outcomes) {
        var groups = outcomes.groups();
        int left = 170;
        int height = ROW_HEIGHT * Math.max(1, groups.size()) + 30;
        int goalX = left + (int) Math.round(StatisticsService.GOAL * BAR_WIDTH);
        html.append("<svg id=\"chart\" role=\"img\" width=\"").append(left + BAR_WIDTH + 80).append("\" height=\"").append(height)
                .append("\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">Andel i aktivering, beskæftigelse eller")
                .append(" uddannelse pr. gruppe; målet 60 % er markeret med en lodret linje</title>");
        int y = 10;
        for (var g : groups) {
            html.append("<text x=\"0\" y=\"").append(y + 16).append("\">").append(Html.escape(groupName(g.group()))).append("</text>");
            if (g.suppressed() || g.share() == null) {
                html.append("<text class=\"hidden\" x=\"").append(left).append("\" y=\"").append(y + 16).append("\">skjult</text>");
            } else {
                int w = (int) Math.round(g.share() * BAR_WIDTH);
                html.append("<rect class=\"bar\" x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(w)
                        .append("\" height=\"").append(ROW_HEIGHT - 8).append("\" fill=\"")
                        .append(Boolean.TRUE.equals(g.goalMet()) ? "#2e8b57" : "#c0392b").append("\"></rect>")
                        .append("<text x=\"").append(left + w + 6).append("\" y=\"").append(y + 16).append("\">")
                        .append(percent(g.share())).append("</text>");
            }
            y += ROW_HEIGHT;
        }
        html.append("<line x1=\"").append(goalX).append("\" x2=\"").append(goalX).append("\" y1=\"0\" y2=\"").append(height - 14)
                .append("\" stroke=\"#1b1b1b\" stroke-dasharray=\"4 3\"></line><text x=\"").append(goalX - 20).append("\" y=\"")
                .append(height - 2).append("\">mål 60 %</text></svg>");
    }

    private static void link(StringBuilder html, String checkpoint, String groupBy, String label, boolean current) {
        html.append("<a href=\"/statistics?checkpoint=").append(checkpoint).append("&amp;groupBy=").append(groupBy).append('"')
                .append(current ? " aria-current=\"page\"" : "").append('>').append(Html.escape(label)).append("</a>");
    }

    private static String groupHeading(String by) {
        return switch (by) {
            case "release-quarter" -> "Løsladt i kvartal";
            case "programme" -> "Frivilligt program";
            default -> "Kommune";
        };
    }

    private static String groupName(String group) {
        return switch (group) {
            case "with-programme" -> "Med program";
            case "without-programme" -> "Uden program";
            default -> group;
        };
    }

    private static String percent(Double share) {
        return share == null ? "" : String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
