package dk.overgang.outcome;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the public figures as a readable page with a chart, checked in a real browser (headless
 * Chromium) when one is installed, and against the JSON it must agree with.
 */
@MicronautTest(transactional = false)
class StatisticsPageTest extends ApiTest {

    private static final String MUNICIPALITY = "777";
    private static final String QUERY = "checkpoint=12-months&groupBy=release-quarter";

    /** Two quarters of 2018 nobody else uses: 10 people (5 in the goal) and 12 (8 in the goal). */
    @BeforeEach
    void someRecordedOutcomes() {
        String recorder = Tokens.token("municipality", MUNICIPALITY, "user/Outcome.c");
        record(recorder, "2018-02-10", 10, 5);
        record(recorder, "2018-05-10", 12, 8);
    }

    private void record(String recorder, String released, int people, int inGoal) {
        for (int i = 0; i < people; i++) {
            String person = create(anInmate().inInstitution("stats-prison").inMunicipality(MUNICIPALITY)
                    .with("custodyStatus", "released").with("sentenceStart", "2017-09-01").with("sentenceLengthDays", 150)
                    .with("expectedParoleDate", null).with("expectedReleaseDate", released).with("actualReleaseDate", released))
                    .get("id").asText();
            var r = api().put("/api/v1/inmates/" + person + "/outcomes/12-months", recorder,
                    Map.of("status", i < inGoal ? "employment" : "other"));
            assertEquals(201, r.status(), r.body());
        }
    }

    @Test
    void thePageShowsTheSameFiguresAsTheJsonWithoutScriptOrOutsideResources() {
        var page = api().get("/statistics?" + QUERY, null);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.header("Content-Security-Policy").startsWith("default-src 'none'"));
        String html = page.body();
        assertFalse(html.contains("<script"), "no script");
        assertFalse(Pattern.compile("(src|href)=\"https?:").matcher(html).find(), "nothing from elsewhere");
        assertTrue(html.contains("<html lang=\"da\">"));
        JsonNode json = api().get("/api/v1/statistics/outcomes?" + QUERY, null).json();
        assertAgrees(html, json);

        var bad = api().get("/statistics?groupBy=name", null);
        assertEquals(400, bad.status());
        assertTrue(bad.header("Content-Type").startsWith("application/problem+json"));
        assertEquals("groupBy", bad.json().at("/errors/0/field").asText());
    }

    /** The page as a browser renders it: headless Chromium's DOM after loading. */
    @Test
    void aRealBrowserRendersTheChart() throws Exception {
        Optional<Path> chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium installed (apt-get install chromium)");
        Path profile = Files.createTempDirectory("chromium-profile");
        Path shot = Files.createTempFile("statistics", ".png");
        String url = server.getURI() + "/statistics?" + QUERY;
        String dom = run(List.of(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--user-data-dir=" + profile, "--dump-dom", url));
        JsonNode json = api().get("/api/v1/statistics/outcomes?" + QUERY, null).json();
        assertTrue(dom.contains("<svg id=\"chart\""), "the chart is in the rendered page");
        assertTrue(dom.contains("Status efter løsladelse"), "the Danish heading");
        assertAgrees(dom, json);
        run(List.of(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--user-data-dir=" + profile, "--window-size=1000,1200", "--screenshot=" + shot, url));
        assertTrue(Files.size(shot) > 5_000, "a screenshot with something drawn in it");
    }

    /** Every shown group has a bar and a row with its figures; every suppressed group is marked hidden. */
    private static void assertAgrees(String html, JsonNode json) {
        int shown = 0;
        int hidden = 0;
        for (JsonNode g : json.get("groups")) {
            if (g.get("suppressed").asBoolean()) {
                hidden++;
            } else {
                shown++;
                String share = Math.round(g.get("share").asDouble() * 100) + " %";
                assertTrue(html.contains("<td class=\"n\">" + g.get("recorded").asInt() + "</td><td class=\"n\">"
                        + g.get("inGoal").asInt() + "</td><td class=\"n\">" + share + "</td>"), "the row of " + g);
            }
        }
        assertTrue(shown + hidden >= 2, "the two 2018 quarters at least");
        assertEquals(shown, count(html, "<rect class=\"bar\""), "one bar per shown group");
        String table = html.substring(html.indexOf("<table id=\"outcomes\""));
        table = table.substring(0, table.indexOf("</table>"));
        assertEquals(hidden, count(table, "skjult (små tal)"), "one hidden row per suppressed group");
        assertTrue(html.contains("mål 60 %"), "the goal line");
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the browser finishes");
        assertEquals(0, p.exitValue(), "the browser exits cleanly");
        return new String(out, StandardCharsets.UTF_8);
    }
}
