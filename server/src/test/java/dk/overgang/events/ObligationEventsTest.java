package dk.overgang.events;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.obligation.ObligationAnnouncements;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Issue 14: deadlines become events once each: due soon, overdue, and outcome checkpoints reached. */
@MicronautTest(transactional = false)
class ObligationEventsTest extends ApiTest {

    @Inject
    ObligationAnnouncements announcements;

    private final String municipality = "4" + String.format("%02d", ThreadLocalRandom.current().nextInt(100));

    private List<JsonNode> eventsAbout(TestReceiver receiver, String inmateId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (TestReceiver.Received r : receiver.accepted()) {
            JsonNode e = Api.JSON.readTree(r.body());
            if (e.at("/data/id").asText().equals(inmateId)) {
                found.add(e);
            }
        }
        return found;
    }

    @Test
    void overdueDeadlinesAndReachedCheckpointsAreAnnouncedOnce() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            var created = api().post("/api/v1/subscriptions", Tokens.token("municipality", municipality, "user/Subscription.c"),
                    Map.of("endpoint", receiver.url(), "eventTypes", List.of("obligation-due-soon", "obligation-overdue", "outcome-due")));
            assertEquals(201, created.status(), created.body());
            // Sentenced 2026-03-01, parole expected 2027-03-01: R2 contact and R10 meeting are overdue by now.
            String sentenced = create(anInmate().inInstitution("ann-prison").inMunicipality(municipality)).get("id").asText();
            LocalDate released = LocalDate.now().minusMonths(3).minusDays(2);
            String out = create(anInmate().inInstitution("ann-prison").inMunicipality(municipality)
                    .with("custodyStatus", "released").with("sentenceStart", released.minusDays(200).toString())
                    .with("sentenceLengthDays", 200).with("expectedParoleDate", null)
                    .with("expectedReleaseDate", released.toString()).with("actualReleaseDate", released.toString()))
                    .get("id").asText();

            int announced = 0;
            for (int n = announcements.scan(); n > 0; n = announcements.scan()) {
                announced += n; // a large register takes several rounds
            }
            assertTrue(announced >= 2, "at least our two people's deadlines");
            // One person's events arrive one after another (order per resource).
            assertTrue(TestReceiver.await(15, () -> {
                try {
                    return eventsAbout(receiver, sentenced).stream()
                            .anyMatch(e -> e.at("/data/obligationKind").asText().equals("municipality-contact"))
                            && eventsAbout(receiver, out).stream()
                            .anyMatch(e -> e.at("/data/obligationKind").asText().equals("outcome-3-months"));
                } catch (Exception e) {
                    return false;
                }
            }), "announced and delivered");
            List<JsonNode> contact = eventsAbout(receiver, sentenced).stream()
                    .filter(e -> e.at("/data/obligationKind").asText().equals("municipality-contact")).toList();
            assertEquals(1, contact.size(), "events: " + eventsAbout(receiver, sentenced));
            assertEquals("dk.overgang.obligation-overdue", contact.get(0).get("type").asText());
            assertEquals("/api/v1/inmates/" + sentenced + "/obligations", contact.get(0).at("/data/href").asText());
            JsonNode outcome = eventsAbout(receiver, out).stream()
                    .filter(e -> e.at("/data/obligationKind").asText().equals("outcome-3-months")).findFirst().orElseThrow();
            assertEquals("dk.overgang.outcome-due", outcome.get("type").asText());
            assertEquals(released.plusMonths(3).toString(), outcome.at("/data/dueDate").asText());

            assertEquals(0, announcements.scan(), "each deadline is announced once");
        }
    }
}
