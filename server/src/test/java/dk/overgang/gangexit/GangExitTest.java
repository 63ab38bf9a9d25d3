package dk.overgang.gangexit;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * R15: a gang-exit case and its notes are seen only by the exit units of the person's institution,
 * acting municipality and the police district the case names; to everyone else, whatever else they may
 * see of the person, there is no case.
 */
@MicronautTest(transactional = false)
class GangExitTest extends ApiTest {

    private final String tag = UUID.randomUUID().toString().substring(0, 6);
    private final String prison = "exit-" + tag;
    private final String police = "politi-" + tag;
    private final String municipality = String.valueOf(300 + (int) (Math.random() * 300));

    private static String token(String orgType, String orgId, String... roles) {
        return Tokens.token(orgType, orgId, "user/Inmate.crus", roles);
    }

    private String path(String id) {
        return "/api/v1/inmates/" + id + "/gang-exit";
    }

    private List<String> listed(String token) {
        var list = api().get("/api/v1/gang-exit-cases", token);
        assertEquals(200, list.status(), list.body());
        List<String> ids = new ArrayList<>();
        list.json().get("items").forEach(c -> ids.add(c.get("inmateId").asText()));
        return ids;
    }

    @Test
    void onlyTheExitUnitsOfThePersonSeeTheCase() {
        InmateBuilder person = anInmate().inInstitution(prison).inMunicipality(municipality).with("name", "Exit Erik");
        String id = create(person).get("id").asText();
        String noCase = api().get(path(UUID.randomUUID().toString()), token("prison", prison, "exit-unit")).json()
                .get("detail").asText();

        assertEquals(404, api().put(path(id), token("prison", prison), Map.of("active", true)).status(), "no role");
        assertEquals(404, api().put(path(id), token("police", police, "exit-unit"), Map.of("active", true, "policeDistrict", police))
                .status(), "the police do not open a case for a person they cannot see");
        var opened = api().put(path(id), token("prison", prison, "exit-unit"), Map.of("active", true, "policeDistrict", police));
        assertEquals(200, opened.status(), opened.body());
        assertEquals("W/\"1\"", opened.header("ETag"));
        assertEquals("Exit Erik", opened.json().get("name").asText());
        assertFalse(opened.body().contains(person.cpr()) || opened.body().contains(person.cpr().replace("-", "")), "never the CPR");

        for (String member : List.of(token("prison", prison, "exit-unit"), token("municipality", municipality, "exit-unit"),
                token("police", police, "exit-unit"))) {
            assertEquals(200, api().get(path(id), member).status());
            assertTrue(listed(member).contains(id));
        }
        for (String outsider : List.of(token("prison", prison), token("municipality", municipality), token("police", police),
                token("prison", "other-" + prison, "exit-unit"), token("municipality", "101", "exit-unit"),
                token("police", "politi-andet", "exit-unit"), token("probation", "kif-" + tag, "exit-unit"),
                token("ngo", "roede-kors-primus-motor", "exit-unit"), token("auditor", "datatilsynet", "exit-unit"))) {
            var read = api().get(path(id), outsider);
            assertEquals(404, read.status(), read.body());
            assertEquals(noCase, read.json().get("detail").asText(), "exactly as when there is no case");
            assertFalse(listed(outsider).contains(id));
            assertEquals(404, api().post(path(id) + "/notes", outsider, Map.of("text", "x")).status());
        }
        // Prison staff outside the exit unit see the person, but nothing about the case.
        var inmate = api().get("/api/v1/inmates/" + id, token("prison", prison));
        assertEquals(200, inmate.status());
        assertFalse(inmate.body().toLowerCase().contains("gang"), inmate.body());
        inmate.json().fieldNames().forEachRemaining(field -> assertFalse(field.toLowerCase().contains("exit"), field));

        // Any member adds notes; the case changes only with the current ETag.
        var noted = api().post(path(id) + "/notes", token("police", police, "exit-unit"),
                Map.of("text", "Samtale med exit-medarbejder aftalt."));
        assertEquals(201, noted.status(), noted.body());
        JsonNode note = api().get(path(id), token("municipality", municipality, "exit-unit")).json().at("/notes/0");
        assertEquals("police", note.at("/writtenBy/orgType").asText());
        assertEquals("Samtale med exit-medarbejder aftalt.", note.get("text").asText());
        String member = token("municipality", municipality, "exit-unit");
        assertEquals(428, api().put(path(id), member, Map.of("active", false)).status());
        assertEquals(412, api().put(path(id), member, Map.of("active", false), "If-Match", "W/\"7\"").status());
        var closed = api().put(path(id), member, Map.of("active", false, "policeDistrict", police), "If-Match", "W/\"1\"");
        assertEquals(200, closed.status(), closed.body());
        assertFalse(closed.json().get("active").asBoolean());
        assertEquals("2", closed.json().get("versionId").asText());

        // It is in the person's subject-access export, marked as possibly exempt.
        var export = api().get("/api/v1/inmates/" + id + "/subject-access", Tokens.auditor()).json();
        for (JsonNode section : export.get("sections")) {
            if (section.get("key").asText().equals("gang_exit_case")) {
                assertEquals(2, section.at("/records/0/versions").size());
                assertEquals(1, section.at("/records/0/notes").size());
                assertTrue(section.get("note").asText().contains("§ 22"));
            }
        }
    }

    @Test
    void badInputIsAClearError() {
        String id = create(anInmate().inInstitution(prison).inMunicipality(municipality)).get("id").asText();
        var bad = api().put(path(id), token("prison", prison, "exit-unit"), Map.of("active", "ja"));
        assertEquals(400, bad.status(), bad.body());
        var empty = api().put(path(id), token("prison", prison, "exit-unit"), Map.of("active", true, "policeDistrict", ""));
        assertEquals(400, empty.status(), empty.body());
        assertEquals(404, api().get(path(id), token("prison", prison, "exit-unit")).status(), "nothing was opened");
    }
}
