package dk.overgang.referral;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: consent, referral and the programme's minimal view. NGO access fails closed: without a
 * consent valid today (never given, expired, withdrawn mid-session) the programme sees nothing.
 */
@MicronautTest(transactional = false)
class ReferralTest extends ApiTest {

    private static final String PROGRAMME = "roede-kors-primus-motor";
    private final String prison = "ref-" + UUID.randomUUID().toString().substring(0, 8);
    private final String staff = Tokens.token("prison", prison, "user/Consent.cus user/Referral.cs user/Inmate.r");
    private final String ngo = Tokens.token("ngo", PROGRAMME, "user/Referral.rus");
    /** What the programme's view of a person may hold (R6: never CPR, LS/RNR, offence or action-plan data). */
    private static final Set<String> NGO_PERSON_FIELDS = Set.of("firstName", "ageBand", "institution", "releaseMunicipality", "releaseDate");

    private String eligiblePerson() {
        return create(anInmate().inInstitution(prison).inMunicipality("157").with("name", "Karl Emil Hansen")
                .releasedOn(LocalDate.now().plusMonths(2).toString())).get("id").asText();
    }

    private Api.Response consent(String inmateId, List<String> items, String from, String until) {
        Map<String, Object> body = new HashMap<>(Map.of("inmateId", inmateId, "programmeId", PROGRAMME, "purpose", "referral",
                "dataItems", items, "validFrom", from));
        if (until != null) {
            body.put("validUntil", until);
        }
        return api().post("/api/v1/consents", staff, body);
    }

    private String refer(String inmateId) {
        var referral = api().post("/api/v1/referrals", staff, Map.of("inmateId", inmateId, "programmeId", PROGRAMME));
        assertEquals(201, referral.status(), referral.body());
        assertEquals("pending", referral.json().get("status").asText());
        return referral.json().get("id").asText();
    }

    private static void assertMinimal(JsonNode referral) {
        for (Iterator<String> it = referral.get("person").fieldNames(); it.hasNext(); ) {
            String field = it.next();
            assertTrue(NGO_PERSON_FIELDS.contains(field), "the NGO view holds " + field);
        }
        String json = referral.toString();
        for (String forbidden : List.of("cpr", "inmateId", "riskLevel", "needs", "Hansen", "lsrnr", "offence")) {
            assertFalse(json.contains(forbidden), "the NGO view contains " + forbidden + ": " + json);
        }
    }

    @Test
    void theProgrammeSeesOnlyTheConsentedDataAndReportsTheStatus() {
        String person = eligiblePerson();
        assertEquals(201, consent(person, List.of("first-name", "release-municipality"), LocalDate.now().toString(), null).status());
        String id = refer(person);

        var page = api().get("/api/v1/programmes/" + PROGRAMME + "/referrals?_count=500", ngo);
        assertEquals(200, page.status(), page.body());
        JsonNode mine = null;
        for (JsonNode item : page.json().get("items")) {
            assertMinimal(item);
            if (item.get("id").asText().equals(id)) {
                mine = item;
            }
        }
        assertNotNull(mine, "the referral is listed for its programme");
        assertEquals("Karl", mine.at("/person/firstName").asText());
        assertEquals("157", mine.at("/person/releaseMunicipality").asText());
        assertTrue(mine.at("/person/ageBand").isMissingNode(), "age band not consented");
        assertTrue(mine.at("/person/releaseDate").isMissingNode(), "release date not consented");

        var one = api().get("/api/v1/programmes/" + PROGRAMME + "/referrals/" + id, ngo);
        assertEquals(200, one.status());
        assertMinimal(one.json());
        String path = "/api/v1/programmes/" + PROGRAMME + "/referrals/" + id + "/status";
        assertEquals(428, api().put(path, ngo, Map.of("status", "accepted")).status());
        var accepted = api().put(path, ngo, Map.of("status", "accepted", "volunteer", "Anne"), "If-Match", one.header("ETag"));
        assertEquals(200, accepted.status(), accepted.body());
        assertEquals(409, api().put(path, ngo, Map.of("status", "pending"), "If-Match", accepted.header("ETag")).status(),
                "accepted cannot go back to pending");
        var active = api().put(path, ngo, Map.of("status", "active", "visitsHeld", 1, "mentorPairAssigned", true),
                "If-Match", accepted.header("ETag"));
        assertEquals(200, active.status(), active.body());
        assertEquals("Anne", active.json().get("volunteer").asText());

        // The authorities see the status the programme reports, in their own (full) view.
        var theirs = api().get("/api/v1/referrals?inmateId=" + person, staff).json().get("items");
        assertEquals("active", theirs.get(0).get("status").asText());
        assertTrue(theirs.get(0).get("mentorPairAssigned").asBoolean());
    }

    @Test
    void withdrawingTheConsentTakesEffectOnTheNextRead() {
        String person = eligiblePerson();
        var given = consent(person, List.of("first-name"), LocalDate.now().toString(), null);
        assertEquals(201, given.status());
        String id = refer(person);
        String path = "/api/v1/programmes/" + PROGRAMME + "/referrals/" + id;
        var before = api().get(path, ngo);
        assertEquals(200, before.status());

        var withdrawn = api().post("/api/v1/consents/" + given.json().get("id").asText() + "/withdrawal", staff, Map.of());
        assertEquals(200, withdrawn.status(), withdrawn.body());
        assertFalse(withdrawn.json().get("active").asBoolean());
        var after = api().get(path, ngo);
        assertEquals(404, after.status(), "withdrawn mid-session: gone at once");
        assertEquals(api().get("/api/v1/programmes/" + PROGRAMME + "/referrals/" + UUID.randomUUID(), ngo).json().get("detail"),
                after.json().get("detail"), "exactly like a referral that does not exist");
        assertEquals(404, api().put(path + "/status", ngo, Map.of("status", "accepted"), "If-Match", before.header("ETag")).status());
        for (JsonNode item : api().get("/api/v1/programmes/" + PROGRAMME + "/referrals?_count=500", ngo).json().get("items")) {
            assertFalse(item.get("id").asText().equals(id), "nor listed");
        }
        assertEquals(409, api().post("/api/v1/consents/" + given.json().get("id").asText() + "/withdrawal", staff, Map.of()).status());
    }

    @Test
    void anExpiredConsentOrAnotherProgrammeSeesNothing() {
        String person = eligiblePerson();
        String yesterday = LocalDate.now().minusDays(1).toString();
        assertEquals(201, consent(person, List.of("first-name"), LocalDate.now().minusDays(30).toString(), LocalDate.now().toString()).status());
        String id = refer(person);
        assertEquals(200, api().get("/api/v1/programmes/" + PROGRAMME + "/referrals/" + id, ngo).status(), "valid through today");
        // Another programme, with the scope, asking in its own name or in this programme's: nothing.
        String other = Tokens.token("ngo", "roede-kors-kickstart", "user/Referral.rus");
        assertEquals(404, api().get("/api/v1/programmes/roede-kors-kickstart/referrals/" + id, other).status());
        assertEquals(404, api().get("/api/v1/programmes/" + PROGRAMME + "/referrals/" + id, other).status());
        assertEquals(0, api().get("/api/v1/programmes/" + PROGRAMME + "/referrals", other).json().get("items").size());

        String expired = eligiblePerson();
        assertEquals(201, consent(expired, List.of("first-name"), LocalDate.now().minusDays(30).toString(), yesterday).status());
        var refused = api().post("/api/v1/referrals", staff, Map.of("inmateId", expired, "programmeId", PROGRAMME));
        assertEquals(400, refused.status(), "no valid consent today");
        assertEquals("programmeId", refused.json().at("/errors/0/field").asText());
    }

    @Test
    void aReferralNeedsEligibilityAndConsent() {
        String young = create(anInmate().inInstitution(prison).releasedOn(LocalDate.now().plusYears(2).toString())).get("id").asText();
        assertEquals(201, consent(young, List.of("first-name"), LocalDate.now().toString(), null).status());
        var notYet = api().post("/api/v1/referrals", staff, Map.of("inmateId", young, "programmeId", PROGRAMME));
        assertEquals(400, notYet.status(), "two years before release is not the last part of the sentence");
        assertTrue(notYet.json().at("/errors/0/message").asText().contains("not eligible"), notYet.body());

        String noConsent = eligiblePerson();
        assertEquals(400, api().post("/api/v1/referrals", staff, Map.of("inmateId", noConsent, "programmeId", PROGRAMME)).status());
        assertEquals(404, api().post("/api/v1/referrals", Tokens.token("prison", "other-" + prison, "user/Referral.c"),
                Map.of("inmateId", noConsent, "programmeId", PROGRAMME)).status(), "not yours");
        assertEquals(403, api().post("/api/v1/consents", Tokens.token("ngo", PROGRAMME, "user/Consent.c"),
                Map.of("inmateId", noConsent, "programmeId", PROGRAMME, "purpose", "referral", "dataItems", List.of("first-name"),
                        "validFrom", LocalDate.now().toString())).status(), "an NGO does not record its own consent");
    }

    /**
     * NGO notes are the NGO's own ("end hvis vi repræsenterede en myndighed"): an authority sees a
     * note only when the person agreed to share it and a note-sharing consent is valid today.
     */
    @Test
    void ngoNotesReachTheAuthoritiesOnlyWhenSharedUnderAValidConsent() {
        String person = eligiblePerson();
        assertEquals(201, consent(person, List.of("first-name"), LocalDate.now().toString(), null).status());
        String id = refer(person);
        String notes = "/api/v1/programmes/" + PROGRAMME + "/referrals/" + id + "/notes";
        String ngoWriter = Tokens.token("ngo", PROGRAMME, "user/Referral.crs");
        var own = api().post(notes, ngoWriter, Map.of("text", "Første besøg; han vil gerne tale om bolig."), "Idempotency-Key", "note-" + id);
        assertEquals(201, own.status(), own.body());
        assertFalse(own.json().get("shareWithAuthorities").asBoolean());
        var replay = api().post(notes, ngoWriter, Map.of("text", "Første besøg; han vil gerne tale om bolig."), "Idempotency-Key", "note-" + id);
        assertEquals(own.json().get("id"), replay.json().get("id"), "a retried note is written once");
        var shared = api().post(notes, ngoWriter, Map.of("text", "Han ønsker hjælp til at søge uddannelse.", "shareWithAuthorities", true));
        assertEquals(201, shared.status(), shared.body());
        var cpr = api().post(notes, ngoWriter, Map.of("text", "Hans nummer er 010203-1234"));
        assertEquals(400, cpr.status(), "an NGO never holds a CPR number, not even in a note");
        assertFalse(cpr.body().contains("010203"), "and the answer does not repeat it");

        var list = api().get(notes, ngoWriter);
        assertEquals(200, list.status(), list.body());
        assertEquals(2, list.json().get("items").size());

        String authority = "/api/v1/inmates/" + person + "/ngo-notes";
        String caseworker = Tokens.token("prison", prison, "user/Referral.s user/Consent.cu");
        assertEquals(0, api().get(authority, caseworker).json().get("items").size(),
                "shared by the person, but no note-sharing consent yet: nothing");
        var sharing = api().post("/api/v1/consents", staff, Map.of("inmateId", person, "programmeId", PROGRAMME,
                "purpose", "note-sharing", "dataItems", List.of(), "validFrom", LocalDate.now().toString()));
        assertEquals(201, sharing.status(), sharing.body());
        var visible = api().get(authority, caseworker).json().get("items");
        assertEquals(1, visible.size(), "only the note the person agreed to share");
        assertEquals("Han ønsker hjælp til at søge uddannelse.", visible.get(0).get("text").asText());
        // Issue 26: a person the caller may not see is 404, as on every other path about the person.
        assertEquals(404, api().get(authority, Tokens.token("prison", "other-" + prison, "user/Referral.s")).status(),
                "another institution: no such person");
        assertEquals(404, api().get(authority, Tokens.token("ngo", PROGRAMME, "user/Referral.s")).status(),
                "the authorities' list is not the NGO's way in");

        assertEquals(200, api().post("/api/v1/consents/" + sharing.json().get("id").asText() + "/withdrawal", staff, Map.of()).status());
        assertEquals(0, api().get(authority, caseworker).json().get("items").size(), "withdrawn: hidden again at once");

        // Another programme cannot read or write this programme's notes.
        String other = Tokens.token("ngo", "roede-kors-kickstart", "user/Referral.crs");
        assertEquals(404, api().get(notes, other).status());
        assertEquals(404, api().post(notes, other, Map.of("text", "x")).status());
        assertEquals(403, api().post(notes, staff, Map.of("text", "x")).status(), "the authorities write no NGO notes");
    }

    /**
     * Continuity (seed 000, Kickstart): a referral follows the person from remand into a sentence
     * (the same volunteer; no new eligibility test), through a transfer and to a release elsewhere,
     * while the consent holds; the authorities that see it change with the person.
     */
    @Test
    void aReferralFollowsThePersonFromRemandToSentenceTransferAndRelease() {
        String kickstart = "roede-kors-kickstart";
        String ngoKickstart = Tokens.token("ngo", kickstart, "user/Referral.rus");
        var young = anInmate().inInstitution(prison).inMunicipality("157").with("name", "Ali Hassan")
                .with("birthDate", LocalDate.now().minusYears(20).toString())
                // Serial digit 4: born in the 2000s (the CPR office's century rule).
                .with("cpr", LocalDate.now().minusYears(20).format(java.time.format.DateTimeFormatter.ofPattern("ddMMyy"))
                        + "-4" + String.format("%03d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1000)))
                .with("custodyStatus", "remand").with("sentenceStart", null).with("sentenceLengthDays", null)
                .with("expectedParoleDate", null).with("expectedReleaseDate", null);
        String person = create(young).get("id").asText();
        var given = api().post("/api/v1/consents", staff, Map.of("inmateId", person, "programmeId", kickstart,
                "purpose", "referral", "dataItems", List.of("first-name", "institution"), "validFrom", LocalDate.now().toString()));
        assertEquals(201, given.status(), given.body());
        var referral = api().post("/api/v1/referrals", staff, Map.of("inmateId", person, "programmeId", kickstart));
        assertEquals(201, referral.status(), referral.body());
        String id = referral.json().get("id").asText();
        String path = "/api/v1/programmes/" + kickstart + "/referrals/" + id;
        var accepted = api().put(path + "/status", ngoKickstart, Map.of("status", "accepted", "volunteer", "Mads"),
                "If-Match", api().get(path, ngoKickstart).header("ETag"));
        assertEquals(200, accepted.status(), accepted.body());
        assertEquals(200, api().put(path + "/status", ngoKickstart, Map.of("status", "active", "visitsHeld", 1),
                "If-Match", accepted.header("ETag")).status());

        // Remand becomes a sentence: no longer eligible for a new Kickstart referral, but this one goes on with Mads.
        var sentenced = young.with("custodyStatus", "sentenced").with("sentenceStart", LocalDate.now().toString())
                .with("sentenceLengthDays", 400).with("expectedReleaseDate", LocalDate.now().plusDays(400).toString());
        assertEquals(200, api().put("/api/v1/inmates/" + person, Tokens.prison(prison), sentenced.build(), "If-Match", "W/\"1\"").status());
        JsonNode after = api().get(path, ngoKickstart).json();
        assertEquals("active", after.get("status").asText());
        assertEquals("Mads", after.get("volunteer").asText(), "no new volunteer when remand becomes a sentence");
        boolean eligibleNow = false;
        for (JsonNode answer : api().get("/api/v1/inmates/" + person + "/programme-eligibility", staff).json().get("items")) {
            if (answer.get("programmeId").asText().equals(kickstart)) {
                eligibleNow = answer.get("eligible").asBoolean();
            }
        }
        assertFalse(eligibleNow, "a new referral would need remand; the running one is not re-tested");

        // Transferred to another institution: the programme sees the new one; the old institution no longer sees the referral.
        String newPrison = "new-" + prison;
        assertEquals(200, api().put("/api/v1/inmates/" + person, Tokens.prison(prison), sentenced.inInstitution(newPrison).build(),
                "If-Match", "W/\"2\"").status());
        after = api().get(path, ngoKickstart).json();
        assertEquals(newPrison, after.at("/person/institution").asText());
        assertEquals("Mads", after.get("volunteer").asText());
        assertEquals(0, api().get("/api/v1/referrals?inmateId=" + person, staff).json().get("items").size());
        assertEquals(1, api().get("/api/v1/referrals?inmateId=" + person, Tokens.token("prison", newPrison, "user/Referral.s"))
                .json().get("items").size(), "the new institution takes the referral over");

        // Released to another part of the country: the referral follows, and the new acting municipality sees it.
        assertEquals(200, api().put("/api/v1/inmates/" + person, Tokens.prison(newPrison), sentenced.inInstitution(newPrison)
                .inMunicipality("851").with("custodyStatus", "released").with("actualReleaseDate", LocalDate.now().toString())
                .with("expectedReleaseDate", LocalDate.now().toString()).build(), "If-Match", "W/\"3\"").status());
        after = api().get(path, ngoKickstart).json();
        assertEquals("active", after.get("status").asText());
        assertAllowedNgoFields(after);
        assertEquals(1, api().get("/api/v1/referrals?inmateId=" + person, Tokens.token("municipality", "851", "user/Referral.s"))
                .json().get("items").size());
        assertEquals(0, api().get("/api/v1/referrals?inmateId=" + person, Tokens.token("municipality", "157", "user/Referral.s"))
                .json().get("items").size(), "the old municipality no longer acts");
    }

    private static void assertAllowedNgoFields(JsonNode referral) {
        assertMinimal(referral);
        assertFalse(referral.toString().contains("Hassan"), "first name only");
    }
}
