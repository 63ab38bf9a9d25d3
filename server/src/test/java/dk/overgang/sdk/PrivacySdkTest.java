package dk.overgang.sdk;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.sdk.model.InformationMethod;
import dk.overgang.sdk.model.InformationNoticeInput;
import dk.overgang.sdk.model.InformationTopic;
import dk.overgang.sdk.model.RestrictionInput;
import dk.overgang.sdk.model.RestrictionReason;
import dk.overgang.sdk.model.SubjectAccessExport;
import dk.overgang.sdk.model.SubjectAccessSection;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 through the generated Java client: prison staff record that the person was informed, export
 * everything held about the person, and a manager restricts the person, who then disappears for staff
 * without the restricted-access role (the SDK reports the 404 as an exception).
 */
@MicronautTest(transactional = false)
class PrivacySdkTest extends ApiTest {

    @Test
    void prisonStaffExportAndRestrictWithTheSdk() throws Exception {
        String prison = "sdk-priv-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = UUID.fromString(create(anInmate().inInstitution(prison).with("name", "Sdk Søren")).get("id").asText());
        var staff = OvergangClient.builder(server.getURI()).token(() -> Tokens.token("prison", prison, "user/Inmate.cruds")).build();
        staff.privacy().recordInformationNotice(id, new InformationNoticeInput().topic(InformationTopic.ACTION_PLAN)
                .informedOn(LocalDate.now()).method(InformationMethod.IN_PERSON));

        SubjectAccessExport export = staff.privacy().exportSubjectAccess(id);
        SubjectAccessSection inmate = export.getSections().stream().filter(s -> s.getKey().equals("inmate")).findFirst().orElseThrow();
        assertEquals("Sdk Søren", inmate.getRecords().get(0).get("name"));
        assertEquals(1, export.getSections().stream().filter(s -> s.getKey().equals("information_notice")).findFirst()
                .orElseThrow().getRecords().size());
        assertTrue(export.getAccessCount() >= 2);

        var manager = OvergangClient.builder(server.getURI()).token(() -> Tokens.token("prison", prison, "user/Inmate.u", "manager"))
                .build();
        assertTrue(manager.privacy().setRestriction(id, new RestrictionInput().restricted(true).reason(RestrictionReason.PROTECTED_ADDRESS))
                .getRestricted());
        OvergangApiException gone = org.junit.jupiter.api.Assertions.assertThrows(OvergangApiException.class,
                () -> OvergangApiException.call(() -> staff.inmates().readInmate(id)));
        assertEquals(404, gone.status());
        assertEquals(OvergangApiException.Kind.NOT_FOUND, gone.kind());
        assertFalse(staff.inmates().searchInmates(prison, null, null, null, null, 500, null).getItems().stream()
                .anyMatch(i -> i.getId().equals(id)));
    }
}
