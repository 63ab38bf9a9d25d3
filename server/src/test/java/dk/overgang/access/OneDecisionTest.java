package dk.overgang.access;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.obligation.ObligationAnnouncements;
import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 26: who may know what about a person is decided once, and every channel asks the same
 * question. Each test is a finding of the issue, reproduced from outside before the fix (each failed
 * then): the feed, the export, KSP exchange records and shared NGO notes answer exactly as the
 * person's own resources do; a refused, retried create answers the same refusal; refusals on every
 * operation are audited.
 */
@MicronautTest(transactional = false)
class OneDecisionTest extends ApiTest {

    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final String prison = "one-" + tag;
    private final String municipality = String.valueOf(700 + ThreadLocalRandom.current().nextInt(200));

    @Inject
    ObligationAnnouncements announcements;

    /** A person expected out in two months, with a radicalisation concern recorded by the security unit (R16). */
    private String personWithConcern() {
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality)
                .releasedOn(LocalDate.now().plusMonths(2).toString())).get("id").asText();
        var concern = api().put("/api/v1/inmates/" + id + "/radicalisation-concern",
                Tokens.token("prison", prison, "user/Inmate.u", "security-unit"),
                Map.of("since", LocalDate.now().minusDays(10).toString()));
        assertEquals(200, concern.status(), concern.body());
        return id;
    }

    private List<JsonNode> feedAbout(String orgType, String orgId, String person) {
        var page = api().get("/api/v1/events?_count=500", Tokens.token(orgType, orgId, "user/Subscription.s"));
        assertEquals(200, page.status(), page.body());
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(e -> {
            if (e.at("/data/id").asText().equals(person) || e.at("/data/inmateId").asText().equals(person)) {
                items.add(e);
            }
        });
        return items;
    }

    @Test
    void everyEventAnOrganisationReceivesItCanReadAndNoneRevealsAnR16Notice() {
        String person = personWithConcern();
        String security = Tokens.token("prison", prison, "user/Inmate.rs user/ActionPlan.rs", "security-unit");
        assertTrue(api().get("/api/v1/inmates/" + person + "/obligations", security).body().contains("infohus-notice"),
                "the security unit has the Infohus notice");
        while (announcements.scan() > 0) {
            // a large register takes several rounds
        }
        // The property, for each organisation that sees the person: it can read every event's href, and
        // every fact the event names (the obligation kind) is in what it reads there.
        for (String[] org : new String[][] {{"municipality", municipality}, {"prison", prison}}) {
            String token = Tokens.token(org[0], org[1], "user/Inmate.rs user/ActionPlan.rs");
            List<JsonNode> events = feedAbout(org[0], org[1], person);
            assertFalse(events.isEmpty(), org[0] + " is told of the person's deadlines");
            for (JsonNode event : events) {
                String kind = event.at("/data/obligationKind").asText();
                assertNotEquals("infohus-notice", kind, org[0] + " learns of the R16 concern: " + event);
                var read = api().get(event.at("/data/href").asText(), token);
                assertEquals(200, read.status(), org[0] + " cannot read " + event.at("/data/href").asText());
                if (!kind.isEmpty()) {
                    assertTrue(read.body().contains("\"" + kind + "\""), kind + " is not in what " + org[0] + " reads");
                }
            }
        }
    }

    private static JsonNode section(JsonNode export, String key) {
        for (JsonNode s : export.get("sections")) {
            if (s.get("key").asText().equals(key)) {
                return s.get("records");
            }
        }
        throw new AssertionError("no section " + key);
    }

    @Test
    void theExportHoldsWhatACompartmentKeepsOnlyForTheRoleThatOpensIt() {
        String person = personWithConcern();
        var opened = api().put("/api/v1/inmates/" + person + "/gang-exit",
                Tokens.token("prison", prison, "user/Inmate.crus", "exit-unit"), Map.of("active", true));
        assertTrue(opened.status() == 200 || opened.status() == 201, opened.body());

        JsonNode plain = api().get("/api/v1/inmates/" + person + "/subject-access",
                Tokens.token("prison", prison, "user/Inmate.r")).json();
        assertEquals(0, section(plain, "radicalisation_concern").size(), "R16 without the security-unit role");
        assertEquals(0, section(plain, "gang_exit_case").size(), "R15 without the exit-unit role");
        assertFalse(section(plain, "obligation").toString().contains("infohus-notice"), "R16 through the obligations");
        assertFalse(plain.toString().contains("infohus-notice"), "R16 anywhere in the export");

        JsonNode security = api().get("/api/v1/inmates/" + person + "/subject-access",
                Tokens.token("prison", prison, "user/Inmate.r", "security-unit")).json();
        assertEquals(1, section(security, "radicalisation_concern").size());
        assertTrue(section(security, "obligation").toString().contains("infohus-notice"));
        assertEquals(0, section(security, "gang_exit_case").size());

        JsonNode exitUnit = api().get("/api/v1/inmates/" + person + "/subject-access",
                Tokens.token("prison", prison, "user/Inmate.r", "exit-unit")).json();
        assertEquals(1, section(exitUnit, "gang_exit_case").size());
        assertEquals(0, section(exitUnit, "radicalisation_concern").size());

        JsonNode auditor = api().get("/api/v1/inmates/" + person + "/subject-access",
                Tokens.token("auditor", "datatilsynet", "user/AuditEvent.s")).json();
        assertEquals(1, section(auditor, "radicalisation_concern").size(), "oversight sees everything");
        assertEquals(1, section(auditor, "gang_exit_case").size());
    }

    @Test
    void theReadingLogAndTheExportCountAnExitUnitsAccessesOnlyForThoseWhoSeeTheCase() {
        // R15 through the audit log: a police district reading a person is an exit unit at work on a case.
        String police = "politi-" + tag;
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        var opened = api().put("/api/v1/inmates/" + person + "/gang-exit",
                Tokens.token("prison", prison, "user/Inmate.crus", "exit-unit"), Map.of("active", true, "policeDistrict", police));
        assertEquals(200, opened.status(), opened.body());
        assertEquals(200, api().get("/api/v1/inmates/" + person + "/gang-exit",
                Tokens.token("police", police, "user/Inmate.r", "exit-unit")).status());

        String plain = Tokens.token("prison", prison, "user/Inmate.r");
        String exitUnit = Tokens.token("prison", prison, "user/Inmate.r", "exit-unit");
        String auditor = Tokens.token("auditor", "datatilsynet", "user/AuditEvent.s");
        assertFalse(api().get("/api/v1/inmates/" + person + "/reading-log", plain).body().contains(police));
        assertFalse(api().get("/api/v1/inmates/" + person + "/reading-log", plain).body().contains("gang-exit"));
        assertFalse(api().get("/api/v1/inmates/" + person + "/subject-access", plain).body().contains(police));
        assertTrue(api().get("/api/v1/inmates/" + person + "/reading-log", exitUnit).body().contains(police));
        var audited = api().get("/api/v1/inmates/" + person + "/reading-log", auditor);
        assertTrue(audited.body().contains(police) && audited.body().contains("\"gang-exit\""), audited.body());
        assertTrue(api().get("/api/v1/inmates/" + person + "/subject-access", auditor).body().contains(police));
    }

    @Test
    void sharedNgoNotesOfAPersonTheCallerMayNotSeeAre404AsForNoPerson() {
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        assertEquals(200, api().get("/api/v1/inmates/" + person + "/ngo-notes",
                Tokens.token("prison", prison, "user/Referral.s")).status());
        var other = api().get("/api/v1/inmates/" + person + "/ngo-notes", Tokens.token("prison", "other-" + tag, "user/Referral.s"));
        var none = api().get("/api/v1/inmates/" + UUID.randomUUID() + "/ngo-notes", Tokens.token("prison", prison, "user/Referral.s"));
        assertEquals(404, other.status(), other.body());
        assertEquals(404, none.status(), none.body());
        assertEquals(other.json().get("type").asText(), none.json().get("type").asText());
        assertEquals(other.json().get("detail").asText(), none.json().get("detail").asText());
    }

    @Test
    void aRetriedRefusedCreateGetsTheSameRefusalNotA500() {
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        String staff = Tokens.token("prison", prison, "user/ActionPlan.cru");
        Map<String, Object> plan = Map.of("inmateId", person, "sentenceStart", "2026-01-01");
        assertEquals(201, api().post("/api/v1/action-plans", staff, plan).status());
        String key = "retry-" + tag;
        var first = api().post("/api/v1/action-plans", staff, plan, "Idempotency-Key", key);
        var again = api().post("/api/v1/action-plans", staff, plan, "Idempotency-Key", key);
        assertEquals(409, first.status(), first.body());
        assertEquals(409, again.status(), again.body());
        assertEquals(first.json().get("type").asText(), again.json().get("type").asText());
    }

    @Test
    void aRefusalOnEveryKindOfOperationIsAuditedAsARefusal() throws Exception {
        String sub = "refused-" + tag;
        String noScope = Tokens.minter().mint(dk.overgang.devtoken.DevTokenMinter.Spec.of("municipality", municipality,
                "user/Inmate.r").withSub(sub));
        String[][] refused = {{"/api/v1/consents", "Consent"}, {"/api/v1/referrals", "Referral"},
                {"/api/v1/subscriptions", "Subscription"}, {"/api/v1/events", "Subscription"},
                {"/api/v1/municipalities", "Municipality"}, {"/api/v1/clients", "Client"}};
        for (String[] path : refused) {
            assertEquals(403, api().get(path[0] + "?inmateId=" + UUID.randomUUID(), noScope).status(), path[0]);
        }
        List<String> types = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
             var ps = c.prepareStatement("SELECT resource_type FROM audit_event WHERE actor_sub = ? AND outcome = 'forbidden'")) {
            ps.setString(1, sub);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        for (String[] path : refused) {
            assertTrue(types.remove(path[1]), path[0] + " refused without an audit record: " + types);
        }
    }

    @Test
    void anInformationNoticeIsAnsweredWithTheTimestampItIsStoredWith() {
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        String staff = Tokens.token("prison", prison, "user/Inmate.ru");
        var recorded = api().post("/api/v1/inmates/" + person + "/information-notices", staff,
                Map.of("topic", "action-plan", "informedOn", LocalDate.now().toString(), "method", "in-person"));
        assertEquals(201, recorded.status(), recorded.body());
        JsonNode listed = api().get("/api/v1/inmates/" + person + "/information-notices", staff).json().at("/items/0");
        assertEquals(recorded.json().get("recordedAt").asText(), listed.get("recordedAt").asText());
    }
}
