package dk.overgang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.overgang.support.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The docs page really renders, offline, under its Content-Security-Policy: headless Chromium
 * loads /docs from the test server (nothing else is reachable) and the rendered DOM lists the
 * operations of the contract. Skipped where Chromium is not installed ({@code .ci/run} installs it).
 */
@MicronautTest(transactional = false)
class DocsRenderTest extends ApiTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void theDocsPageRendersEveryOperationInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed");
        Path profile = Files.createTempDirectory("overgang-chromium");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
                server.getURI().resolve("/docs").toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] dom = chromium.getInputStream().readAllBytes();
        assertTrue(chromium.waitFor(90, TimeUnit.SECONDS), "Chromium did not finish");
        String html = new String(dom, StandardCharsets.UTF_8);

        assertTrue(html.contains("class=\"swagger-ui\""), "Swagger UI mounted");
        for (String summary : List.of("Search inmates visible to the caller", "Register an inmate", "Find inmates by CPR number",
                "Update an inmate", "Audit records of one resource", "Capability statement")) {
            assertTrue(html.contains(summary), "rendered: " + summary);
        }
        assertEquals(-1, html.indexOf("Failed to load API definition"), "the contract loaded");
    }
}
