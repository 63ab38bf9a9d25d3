package dk.overgang.privacy;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.access.ResourceType;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the subject-access export holds everything about the person, every earlier version
 * included, and nothing about anyone else; it covers every table and resource type (the coverage test
 * fails when one is added without a decision); only prison staff of the institution and auditors get it.
 */
@MicronautTest(transactional = false)
class SubjectAccessExportTest extends ApiTest {

    private static final String PROGRAMME = "roede-kors-primus-motor";
    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final String kif = "kif-" + tag;
    private final String police = "politi-" + tag;
    private final String prison = "sar-" + tag;
    private final String municipality = String.valueOf(300 + (int) (Math.random() * 300));

    @Inject
    JdbcOperations jdbc;

    private String staff() {
        return Tokens.token("prison", prison, "user/Inmate.cruds user/Consent.cus user/Referral.cs");
    }

    private JsonNode export(String id, String token) {
        var export = api().get("/api/v1/inmates/" + id + "/subject-access", token);
        assertEquals(200, export.status(), export.body());
        return export.json();
    }

    private static JsonNode section(JsonNode export, String key) {
        for (JsonNode s : export.get("sections")) {
            if (s.get("key").asText().equals(key)) {
                return s.get("records");
            }
        }
        throw new AssertionError("no section " + key);
    }

    private String releasedInmate(String name) {
        return create(anInmate().inInstitution(prison).inMunicipality(municipality).with("name", name)
                .with("custodyStatus", "released").with("sentenceStart", "2026-01-01").with("sentenceLengthDays", 30)
                .with("expectedParoleDate", null).with("expectedReleaseDate", "2026-01-31")
                .with("actualReleaseDate", "2026-01-31")).get("id").asText();
    }

    @Test
    void theExportHoldsEverythingAboutThePersonAndNothingAboutOthers() {
        // A subscriber, so that the events about the person are delivered to someone the export names.
        var subscription = api().post("/api/v1/subscriptions", Tokens.token("municipality", municipality, "user/Subscription.c"),
                Map.of("endpoint", "http://127.0.0.1:9/hook", "eventTypes", List.of("admitted", "released")));
        assertEquals(201, subscription.status(), subscription.body());
        String person = releasedInmate("Jens <Jensen>");
        String other = releasedInmate("Anden Andersen");
        String manager = Tokens.token("prison", prison, "user/Inmate.u", "manager", "restricted-access");
        assertEquals(200, api().put("/api/v1/inmates/" + person + "/restriction", manager,
                Map.of("restricted", true, "reason", "protection-concern")).status());
        assertEquals(200, api().put("/api/v1/inmates/" + person + "/restriction", manager, Map.of("restricted", false)).status());

        // Both on one KSP list: the export shows the person's own line only.
        String secretariat = Tokens.token("probation", kif, "user/KspList.cruds");
        var forum = api().post("/api/v1/ksp-forums", secretariat, Map.of("name", "KSP " + tag, "policeDistrict", police,
                "municipalities", List.of(municipality), "institutions", List.of(prison)));
        assertEquals(201, forum.status(), forum.body());
        var meeting = api().post("/api/v1/ksp-meetings", secretariat, Map.of("forumId", forum.json().get("id").asText(),
                "date", "2026-02-10", "place", "Rådhuset", "participants", List.of(Map.of("orgType", "police", "orgId", police))));
        assertEquals(201, meeting.status(), meeting.body());
        var list = api().put("/api/v1/ksp-meetings/" + meeting.json().get("id").asText() + "/list", secretariat, Map.of("entries",
                List.of(Map.of("inmateId", person, "reason", "Trusler mod personale", "legalBasis", "released-from-institution"),
                        Map.of("inmateId", other, "reason", "Andens begrundelse", "legalBasis", "released-from-institution"))));
        assertEquals(200, list.status(), list.body());

        JsonNode export = export(person, staff());
        List<String> keys = new ArrayList<>();
        export.get("sections").forEach(s -> keys.add(s.get("key").asText()));
        assertEquals(SubjectAccessExport.SECTIONS.stream().map(SubjectAccessExport.Section::key).toList(), keys,
                "every section, in order, also the empty ones");
        assertEquals("Jens <Jensen>", section(export, "inmate").get(0).get("name").asText());
        assertEquals(1, section(export, "inmate_history").size());
        assertEquals(2, section(export, "inmate_restriction").size(), "set and lifted");
        JsonNode ksp = section(export, "ksp_list_entry");
        assertEquals(1, ksp.size());
        assertEquals(person, ksp.get(0).at("/entry/inmateId").asText());
        assertEquals("Trusler mod personale", ksp.get(0).at("/entry/reason").asText());
        String body = export.toString();
        assertFalse(body.contains(other) || body.contains("Anden Andersen") || body.contains("Andens begrundelse"),
                "nothing about the other person on the list");
        assertTrue(export.get("accessCount").asLong() >= 3);
        JsonNode events = section(export, "event");
        assertTrue(events.size() >= 1, body);
        boolean toMunicipality = false;
        for (JsonNode e : events) {
            for (JsonNode d : e.get("deliveries")) {
                toMunicipality |= d.get("org_type").asText().equals("municipality") && d.get("org_id").asText().equals(municipality);
                assertFalse(d.has("endpoint") || d.has("secret"), "the recipient's organisation, not its secrets");
            }
        }
        assertTrue(toMunicipality, "the export says to whom the events went: " + events);

        // The export is in the reading log, for the person's right of access.
        var log = api().get("/api/v1/inmates/" + person + "/reading-log", Tokens.auditor()).json();
        JsonNode last = null;
        for (JsonNode e : log.get("items")) {
            if (e.get("action").asText().equals("export")) {
                last = e;
            }
        }
        assertTrue(last != null, log.toString());
        assertEquals("subject-access", last.get("purpose").asText());

        // The page: plain Danish, every value escaped, no CPR of anyone else.
        var page = api().send("GET", "/api/v1/inmates/" + person + "/subject-access", staff(), null, null, "Accept", "text/html");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Det har vi registreret om dig"));
        assertTrue(page.body().contains("Jens &lt;Jensen&gt;"), "escaped");
        assertTrue(page.body().contains("Dine optegnelser på KSP-lister"));
        assertTrue(page.body().contains("databeskyttelseslovens § 22"), "the exemption note");
        assertFalse(page.body().contains("<script"));
    }

    @Test
    void consentsReferralsAndTheirHistoryAreInTheExport() {
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality).with("name", "Karl Emil Hansen")
                .releasedOn(LocalDate.now().plusMonths(2).toString())).get("id").asText();
        var consent = api().post("/api/v1/consents", staff(), Map.of("inmateId", person, "programmeId", PROGRAMME,
                "purpose", "referral", "dataItems", List.of("first-name"), "validFrom", LocalDate.now().toString()));
        assertEquals(201, consent.status(), consent.body());
        assertEquals(201, api().post("/api/v1/referrals", staff(), Map.of("inmateId", person, "programmeId", PROGRAMME)).status());
        JsonNode export = export(person, Tokens.auditor());
        assertEquals(1, section(export, "consent").size());
        assertEquals(PROGRAMME, section(export, "referral").get(0).get("programme_id").asText());
        assertEquals(0, section(export, "ksp_list_entry").size());
    }

    @Test
    void thePersonWasInformedAndThePageSaysWhoLooked() {
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        assertEquals(200, api().get("/api/v1/inmates/" + person, Tokens.token("municipality", municipality, "user/Inmate.r")).status());
        var told = api().post("/api/v1/inmates/" + person + "/information-notices", staff(), Map.of("topic", "action-plan",
                "informedOn", LocalDate.now().toString(), "method", "in-person", "note", "Gennemgået ved handleplansamtalen"));
        assertEquals(201, told.status(), told.body());
        assertEquals(400, api().post("/api/v1/inmates/" + person + "/information-notices", staff(), Map.of("topic", "action-plan",
                "informedOn", LocalDate.now().plusDays(1).toString(), "method", "in-person")).status(), "not in the future");
        assertEquals(403, api().post("/api/v1/inmates/" + person + "/information-notices",
                Tokens.token("municipality", municipality, "user/Inmate.u"), Map.of("topic", "action-plan",
                        "informedOn", LocalDate.now().toString(), "method", "letter")).status(), "the prison informs");
        var listed = api().get("/api/v1/inmates/" + person + "/information-notices", Tokens.token("municipality", municipality,
                "user/Inmate.r"));
        assertEquals(200, listed.status());
        assertEquals("action-plan", listed.json().at("/items/0/topic").asText());
        assertEquals("prison", listed.json().at("/items/0/recordedBy/orgType").asText());

        JsonNode export = export(person, staff());
        assertEquals(1, section(export, "information_notice").size());
        long byMunicipality = 0;
        for (JsonNode a : export.get("accessesByOrganisation")) {
            if (a.get("orgType").asText().equals("municipality") && a.get("orgId").asText().equals(municipality)) {
                byMunicipality = a.get("count").asLong();
            }
        }
        assertEquals(3, byMunicipality, "the read, the refused notice and the list: " + export.get("accessesByOrganisation"));
        var page = api().send("GET", "/api/v1/inmates/" + person + "/subject-access", staff(), null, null, "Accept", "text/html").body();
        assertTrue(page.contains("Hvem har set dine oplysninger") && page.contains("Kommune " + municipality), page);
        assertTrue(page.contains("Hvornår du blev orienteret"));
    }

    @Test
    void onlyTheInstitutionsStaffAndAuditorsGetIt() {
        String person = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        String missing = api().get("/api/v1/inmates/" + UUID.randomUUID() + "/subject-access", staff()).json().get("detail").asText();
        for (String token : List.of(Tokens.token("prison", "other-" + prison, "user/Inmate.r"),
                Tokens.token("municipality", municipality, "user/Inmate.r"), Tokens.token("ngo", PROGRAMME, "user/Inmate.r"),
                Tokens.token("probation", kif, "user/Inmate.r"))) {
            var refused = api().get("/api/v1/inmates/" + person + "/subject-access", token);
            assertEquals(404, refused.status(), refused.body());
            assertEquals(missing, refused.json().get("detail").asText());
        }
        assertEquals(403, api().get("/api/v1/inmates/" + person + "/subject-access",
                Tokens.token("prison", prison, "user/ActionPlan.r")).status());
        assertEquals(404, api().get("/api/v1/inmates/" + UUID.randomUUID() + "/subject-access", Tokens.auditor()).status());
        assertEquals(200, api().get("/api/v1/inmates/" + person + "/subject-access", Tokens.auditor()).status());
    }

    /**
     * Every table is either exported or named with a reason why it holds nothing about a person, and
     * every resource type is mapped: a new table or type fails here until the export covers it.
     */
    @Test
    void everyTableAndResourceTypeIsCovered() {
        // Every table a migration creates and no later one drops (a test's own helper table is not one of them).
        Set<String> tables = new TreeSet<>();
        java.util.regex.Pattern create = java.util.regex.Pattern.compile("(?i)CREATE TABLE (?:IF NOT EXISTS )?([a-z_0-9]+)");
        java.util.regex.Pattern drop = java.util.regex.Pattern.compile("(?i)DROP TABLE (?:IF EXISTS )?([a-z_0-9]+)");
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            Set<String> dropped = new TreeSet<>();
            for (java.nio.file.Path file : files.toList()) {
                String text = java.nio.file.Files.readString(file);
                var m = create.matcher(text);
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
                var d = drop.matcher(text);
                while (d.find()) {
                    dropped.add(d.group(1).toLowerCase());
                }
            }
            tables.removeAll(dropped);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(tables.contains("inmate") && tables.contains("information_notice"), tables.toString());
        Set<String> inDatabase = jdbc.execute(c -> {
            Set<String> found = new TreeSet<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        });
        assertTrue(inDatabase.containsAll(tables), "every migration table exists");
        Set<String> covered = new HashSet<>();
        SubjectAccessExport.SECTIONS.forEach(s -> covered.addAll(s.tables()));
        Set<String> unclassified = new TreeSet<>(tables);
        unclassified.removeAll(covered);
        unclassified.removeAll(SubjectAccessExport.NOT_ABOUT_A_PERSON.keySet());
        assertEquals(Set.of(), unclassified, "tables the subject-access export does not cover");
        Set<String> stale = new TreeSet<>(covered);
        stale.addAll(SubjectAccessExport.NOT_ABOUT_A_PERSON.keySet());
        stale.removeAll(tables);
        assertEquals(Set.of(), stale, "sections name tables that do not exist");
        for (String excluded : SubjectAccessExport.NOT_ABOUT_A_PERSON.keySet()) {
            assertFalse(covered.contains(excluded), excluded + " is both exported and excluded");
        }
        // A table that names a person by inmate_id cannot be excluded.
        Set<String> personal = jdbc.execute(c -> {
            Set<String> found = new TreeSet<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND column_name = 'inmate_id'")) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        });
        personal.retainAll(SubjectAccessExport.NOT_ABOUT_A_PERSON.keySet());
        assertEquals(Set.of(), personal, "excluded tables that name a person");

        Set<String> keys = new HashSet<>();
        SubjectAccessExport.SECTIONS.forEach(s -> assertTrue(keys.add(s.key()), "duplicate section " + s.key()));
        for (ResourceType type : ResourceType.values()) {
            assertTrue(SubjectAccessExport.RESOURCE_SECTIONS.containsKey(type), type + " is not mapped to export sections");
            for (String key : SubjectAccessExport.RESOURCE_SECTIONS.get(type)) {
                assertTrue(keys.contains(key), type + " names a section that does not exist: " + key);
            }
        }
    }
}
