package dk.overgang.handover;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.sdk.HandoverSignatures;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handover: drafted from assessment and plan, approved by a certified user, signed, immutable, acknowledged. */
@MicronautTest(transactional = false)
class HandoverTest extends ApiTest {

    private final String prison = "ho-" + UUID.randomUUID().toString().substring(0, 6);
    private final String municipality = String.valueOf(300 + (int) (Math.random() * 600));

    private String staff(String... roles) {
        return Tokens.token("prison", prison, "user/Handover.cruds user/LsRnrAssessment.c user/ActionPlan.c user/ActionPlan.s", roles);
    }

    private String municipal() {
        return Tokens.token("municipality", municipality, "user/Handover.rus");
    }

    /** An inmate with an assessment (high risk; companions high, drugs medium, leisure low) and a plan with priorities. */
    private String readyInmate() {
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality).releasedOn("2027-08-24")).get("id").asText();
        assertEquals(201, api().post("/api/v1/lsrnr-assessments", staff(), Map.of("inmateId", id, "assessedOn", "2026-03-05",
                "assessor", "Hanne Hansen", "riskLevel", "high", "needs", List.of(
                        Map.of("domain", "alcohol-drug", "score", 4, "level", "medium"),
                        Map.of("domain", "companions", "score", 7, "level", "high"),
                        Map.of("domain", "leisure-recreation", "score", 1, "level", "low")))).status());
        assertEquals(201, api().post("/api/v1/action-plans", staff(), Map.of("inmateId", id, "sentenceStart", "2026-03-01",
                "interventions", Map.of("priorities", List.of("Stoffri afdeling", "Uddannelse")),
                "mentor", Map.of("specialNeed", true, "motivated", true))).status());
        return id;
    }

    /** R9: what staff wrote is checked against the jargon list the reviewed texts are tested with. */
    @Test
    void unprocessable422WhenStaffWrittenTextHoldsJargonUnlessTheApproverConfirmsWithAReason() {
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality).releasedOn("2027-08-24")).get("id").asText();
        assertEquals(201, api().post("/api/v1/lsrnr-assessments", staff(), Map.of("inmateId", id, "assessedOn", "2026-03-05",
                "assessor", "Hanne Hansen", "riskLevel", "high", "needs", List.of(
                        Map.of("domain", "companions", "score", 7, "level", "high")))).status());
        assertEquals(201, api().post("/api/v1/action-plans", staff(), Map.of("inmateId", id, "sentenceStart", "2026-03-01",
                "interventions", Map.of("priorities", List.of("Stoffri afdeling", "Arbejde med companions (LS/RNR score 7)")),
                "mentor", Map.of("specialNeed", true, "motivated", true,
                        "recommendation", "Høj criminogenic need på leisure/recreation."))).status());
        String handover = api().post("/api/v1/handovers", staff(), Map.of("inmateId", id)).json().get("id").asText();

        var refused = api().post("/api/v1/handovers/" + handover + "/approval", staff("lsrnr-certified"), Map.of());
        assertEquals(422, refused.status(), refused.body());
        assertEquals("https://overgang.example/problems/handover-jargon", refused.json().get("type").asText());
        assertEquals("document.priorities[1]", refused.json().at("/errors/0/field").asText());
        String priorityTerms = refused.json().at("/errors/0/message").asText();
        assertTrue(priorityTerms.contains("ls/rnr") && priorityTerms.contains("score") && priorityTerms.contains("companions"),
                priorityTerms);
        assertEquals("document.mentorRecommendation", refused.json().at("/errors/1/field").asText());
        assertTrue(refused.json().at("/errors/1/message").asText().contains("criminogenic"));
        assertEquals("draft", api().get("/api/v1/handovers/" + handover, staff()).json().get("status").asText(), "nothing sent");

        var confirmed = api().post("/api/v1/handovers/" + handover + "/approval", staff("lsrnr-certified"),
                Map.of("jargonConfirmationReason", "Kommunens medarbejder er LS/RNR-uddannet og har bedt om betegnelserne."));
        assertEquals(200, confirmed.status(), confirmed.body());
        assertEquals("sent", confirmed.json().get("status").asText());
        assertTrue(confirmed.json().get("jargonConfirmationReason").asText().startsWith("Kommunens medarbejder"));
    }

    @Test
    void plainTextIsSentWithoutConfirmationAndWithoutABody() {
        String id = readyInmate();
        String handover = api().post("/api/v1/handovers", staff(), Map.of("inmateId", id)).json().get("id").asText();
        var sent = api().send("POST", "/api/v1/handovers/" + handover + "/approval", staff("lsrnr-certified"), null, null);
        assertEquals(200, sent.status(), sent.body());
        assertFalse(sent.json().has("jargonConfirmationReason"));
    }

    @Test
    void conflict409WithoutAnAssessmentToHandOver() {
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        assertEquals(409, api().post("/api/v1/handovers", staff(), Map.of("inmateId", id)).status());
    }

    @Test
    void aDraftTranslatesTheAssessmentAndIsSentOnlyByACertifiedUserThenVerifiesOffline() throws Exception {
        String inmateId = readyInmate();
        var draft = api().post("/api/v1/handovers", staff(), Map.of("inmateId", inmateId));
        assertEquals(201, draft.status(), draft.body());
        JsonNode doc = draft.json().get("document");
        assertEquals("draft", draft.json().get("status").asText());
        assertTrue(doc.get("riskText").asText().startsWith("Risikoen for ny kriminalitet vurderes som høj"));
        assertEquals(List.of("companions", "alcohol-drug"), List.of(doc.at("/needs/0/domain").asText(), doc.at("/needs/1/domain").asText()),
                "highest need first; low needs left out");
        assertEquals(2, doc.get("needs").size());
        assertEquals("Stoffri afdeling", doc.at("/priorities/0").asText());
        assertTrue(doc.get("mentorRecommendation").asText().contains("mentor"), "R12");
        assertEquals("1", doc.at("/provenance/assessmentVersion").asText());
        String id = draft.json().get("id").asText();

        assertEquals(404, api().get("/api/v1/handovers/" + id, municipal()).status(), "drafts stay inside the prison service");
        assertEquals(403, api().post("/api/v1/handovers/" + id + "/approval", staff(), Map.of()).status(), "R9: certified only");

        var sent = api().post("/api/v1/handovers/" + id + "/approval", staff("lsrnr-certified"), Map.of());
        assertEquals(200, sent.status(), sent.body());
        assertEquals("sent", sent.json().get("status").asText());
        String signature = sent.json().get("signature").asText();
        String jwks = api().get("/.well-known/jwks.json", null).body();
        String signed = HandoverSignatures.verifiedDocument(signature, jwks);
        assertEquals(Api.JSON.readTree(signed), sent.json().get("document"), "the signature covers exactly the document");
        String tampered = signature.substring(0, signature.lastIndexOf('.') - 4) + "AAAA" + signature.substring(signature.lastIndexOf('.'));
        assertThrows(SecurityException.class, () -> HandoverSignatures.verifiedDocument(tampered, jwks));
        assertFalse(jwks.contains("\"d\""), "no private key material is published");

        assertEquals(409, api().post("/api/v1/handovers/" + id + "/approval", staff("lsrnr-certified"), Map.of()).status());
        assertEquals(200, api().get("/api/v1/handovers/" + id, municipal()).status());
        assertEquals(404, api().get("/api/v1/handovers/" + id, Tokens.token("municipality", "998", "user/Handover.r")).status());
        assertEquals(404, api().get("/api/v1/handovers/" + id, Tokens.token("ngo", "roede-kors", "user/Handover.r")).status());
    }

    @Test
    void anUnacknowledgedHandoverShowsOnThePrisonWorklistUntilTheMunicipalityAcknowledges() {
        String inmateId = readyInmate();
        String id = api().post("/api/v1/handovers", staff(), Map.of("inmateId", inmateId)).json().get("id").asText();
        var approval = api().post("/api/v1/handovers/" + id + "/approval", staff("lsrnr-certified"), Map.of());
        assertEquals(200, approval.status(), approval.body());
        assertTrue(worklistKinds(inmateId).contains("handover-acknowledgement"),
                api().get("/api/v1/worklist?to=2030-01-01&_count=500", staff()).body());

        var ack = api().post("/api/v1/handovers/" + id + "/acknowledgement", municipal(), Map.of());
        assertEquals(200, ack.status(), ack.body());
        assertTrue(ack.json().get("acknowledgedBy").asText().contains(municipality));
        assertEquals(409, api().post("/api/v1/handovers/" + id + "/acknowledgement", municipal(), Map.of()).status());
        assertFalse(worklistKinds(inmateId).contains("handover-acknowledgement"));
        assertEquals(ack.json().get("acknowledgedAt"), api().get("/api/v1/handovers/" + id, staff()).json().get("acknowledgedAt"),
                "the prison side sees who acknowledged and when");
    }

    /** Worklist items follow the person: after a transfer the follow-up is the new institution's, with its name. */
    @Test
    void afterATransferTheAcknowledgementFollowUpMovesToTheNewInstitution() {
        String inmateId = readyInmate();
        String id = api().post("/api/v1/handovers", staff(), Map.of("inmateId", inmateId)).json().get("id").asText();
        assertEquals(200, api().post("/api/v1/handovers/" + id + "/approval", staff("lsrnr-certified"), Map.of()).status());
        assertTrue(worklistKinds(inmateId).contains("handover-acknowledgement"));

        String newPrison = "ho2-" + UUID.randomUUID().toString().substring(0, 6);
        var inmate = api().get("/api/v1/inmates/" + inmateId, Tokens.prison(prison)).json();
        Map<String, Object> moved = new java.util.LinkedHashMap<>();
        inmate.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("id") && !f.getKey().equals("meta")) {
                moved.put(f.getKey(), f.getValue());
            }
        });
        moved.put("currentInstitution", newPrison);
        moved.put("name", "Navn Sat Af Ny Institution");
        assertEquals(200, api().put("/api/v1/inmates/" + inmateId, Tokens.prison(prison), moved, "If-Match", "W/\"1\"").status());

        assertFalse(worklistKinds(inmateId).contains("handover-acknowledgement"), "the old institution no longer sees it");
        assertFalse(api().get("/api/v1/worklist?to=2030-01-01&_count=500", staff()).body().contains("Navn Sat Af Ny Institution"));
        List<String> theirs = new java.util.ArrayList<>();
        api().get("/api/v1/worklist?to=2030-01-01&_count=500", Tokens.token("prison", newPrison, "user/ActionPlan.s"))
                .json().get("items").forEach(item -> {
                    if (item.get("inmateId").asText().equals(inmateId)) {
                        theirs.add(item.at("/obligation/kind").asText());
                    }
                });
        assertTrue(theirs.contains("handover-acknowledgement"), "the new institution follows up: " + theirs);
    }

    @Test
    void aCorrectionSupersedesTheSentHandoverWhichNeverChanges() throws SQLException {
        String inmateId = readyInmate();
        String first = api().post("/api/v1/handovers", staff(), Map.of("inmateId", inmateId)).json().get("id").asText();
        api().post("/api/v1/handovers/" + first + "/approval", staff("lsrnr-certified"), Map.of());
        String second = api().post("/api/v1/handovers", staff(), Map.of("inmateId", inmateId, "supersedes", first)).json().get("id").asText();
        assertEquals(200, api().post("/api/v1/handovers/" + second + "/approval", staff("lsrnr-certified"), Map.of()).status());
        JsonNode old = api().get("/api/v1/handovers/" + first, staff()).json();
        assertEquals("superseded", old.get("status").asText());
        assertEquals(second, old.get("supersededBy").asText());
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            assertThrows(SQLException.class, () -> st.execute("UPDATE handover SET document = '{}' WHERE id = '" + second + "'"));
            assertThrows(SQLException.class, () -> st.execute("DELETE FROM handover WHERE id = '" + first + "'"));
        }
    }

    @Test
    void theHandoverPageIsReadableDanishAndRendersInHeadlessChromium() throws Exception {
        String inmateId = readyInmate();
        String id = api().post("/api/v1/handovers", staff(), Map.of("inmateId", inmateId)).json().get("id").asText();
        api().post("/api/v1/handovers/" + id + "/approval", staff("lsrnr-certified"), Map.of());
        var page = api().send("GET", "/api/v1/handovers/" + id, municipal(), null, null, "Accept", "text/html");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.body().contains("Overlevering ved løsladelse") && page.body().contains("Omgangskreds (behov: højt)"), page.body());
        assertFalse(page.body().contains("<script"));

        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "Chromium is not installed");
        Path html = Files.createTempFile("handover", ".html");
        Files.writeString(html, page.body());
        Path png = Path.of("target", "handover-page.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory("chr"),
                "--window-size=900,1200", "--screenshot=" + png, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        assertTrue(Files.size(png) > 20_000, "a rendered page, not a blank one: " + Files.size(png) + " bytes");
    }

    private List<String> worklistKinds(String inmateId) {
        List<String> kinds = new java.util.ArrayList<>();
        api().get("/api/v1/worklist?to=2030-01-01&_count=500", staff()).json().get("items").forEach(item -> {
            if (item.get("inmateId").asText().equals(inmateId)) {
                kinds.add(item.at("/obligation/kind").asText());
            }
        });
        return kinds;
    }
}
