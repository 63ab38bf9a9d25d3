package dk.overgang.events;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.sdk.WebhookVerifier;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Issue 14: both SDKs verify a real delivery, and refuse a forged, tampered or stale one. */
@MicronautTest(transactional = false)
class WebhookSdkTest extends ApiTest {

    private static final Path TS_SDK = Path.of(System.getProperty("overgang.ts-sdk", "../client-sdk-ts")).resolve("dist/src/index.js");

    private TestReceiver.Received oneDelivery(TestReceiver receiver, String[] secret) throws Exception {
        var created = api().post("/api/v1/subscriptions", Tokens.token("municipality", "771", "user/Subscription.c"),
                Map.of("endpoint", receiver.url(), "eventTypes", List.of("admitted")));
        assertEquals(201, created.status(), created.body());
        secret[0] = created.json().get("secret").asText();
        create(anInmate().inInstitution("sdk-hook-prison").inMunicipality("771"));
        assertTrue(TestReceiver.await(10, () -> !receiver.accepted().isEmpty()));
        return receiver.accepted().get(0);
    }

    @Test
    void theJavaSdkVerifiesADelivery() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            String[] secret = new String[1];
            TestReceiver.Received r = oneDelivery(receiver, secret);
            WebhookVerifier verifier = new WebhookVerifier(List.of(WebhookSignature.newSecret(), secret[0]));
            assertEquals(r.header("webhook-id"), verifier.verify(r::header, r.body()), "the second secret matches");
            byte[] tampered = new String(r.body(), StandardCharsets.UTF_8).replace("admitted", "released").getBytes(StandardCharsets.UTF_8);
            assertThrows(WebhookVerifier.WebhookVerificationException.class, () -> verifier.verify(r::header, tampered));
            assertThrows(WebhookVerifier.WebhookVerificationException.class,
                    () -> new WebhookVerifier(List.of(WebhookSignature.newSecret())).verify(r::header, r.body()), "another secret");
            Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
            assertThrows(WebhookVerifier.WebhookVerificationException.class,
                    () -> new WebhookVerifier(List.of(secret[0]), Duration.ofMinutes(5), later).verify(r::header, r.body()),
                    "replayed ten minutes later");
        }
    }

    @Test
    void theTypeScriptSdkVerifiesADelivery() throws Exception {
        Assumptions.assumeTrue(Files.exists(TS_SDK), "the TypeScript SDK is not built (mvn -pl client-sdk-ts compile)");
        try (TestReceiver receiver = new TestReceiver()) {
            String[] secret = new String[1];
            TestReceiver.Received r = oneDelivery(receiver, secret);
            Path body = Files.createTempFile("webhook", ".json");
            Files.write(body, r.body());
            String script = """
                    const { verifyWebhook } = require(process.argv[1]);
                    const body = require('fs').readFileSync(process.argv[2]);
                    const headers = JSON.parse(process.argv[3]);
                    console.log(verifyWebhook([process.argv[4]], headers, body));
                    try { verifyWebhook([process.argv[4]], headers, Buffer.concat([body, Buffer.from(' ')])); console.log('ACCEPTED'); }
                    catch (e) { console.log(e.constructor.name); }
                    """;
            String headers = "{\"webhook-id\":\"" + r.header("webhook-id") + "\",\"Webhook-Timestamp\":\"" + r.header("webhook-timestamp")
                    + "\",\"webhook-signature\":\"" + r.header("webhook-signature") + "\"}";
            Process p = new ProcessBuilder("node", "-e", script, TS_SDK.toAbsolutePath().toString(), body.toString(), headers, secret[0])
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertEquals(List.of(r.header("webhook-id"), "WebhookVerificationError"), out.lines().toList(), out);
        }
    }
}
