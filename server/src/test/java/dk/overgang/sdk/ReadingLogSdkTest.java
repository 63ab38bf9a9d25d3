package dk.overgang.sdk;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.sdk.model.ReadingLog;
import dk.overgang.sdk.model.ReadingLogEntry;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 17 through the generated Java client: prison staff read a person's reading log, page by page. */
@MicronautTest(transactional = false)
class ReadingLogSdkTest extends ApiTest {

    @Test
    void prisonStaffReadThePersonsReadingLogWithTheSdk() throws Exception {
        String prison = "sdk-log-" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(anInmate().inInstitution(prison)).get("id").asText();
        var staff = OvergangClient.builder(server.getURI()).token(() -> Tokens.token("prison", prison, "user/Inmate.r")).build();
        staff.inmates().readInmate(UUID.fromString(id));

        // One entry a page; reading the log is itself logged, so each page read adds an entry at the end.
        ReadingLog first = staff.auditEvents().readReadingLog(UUID.fromString(id), 1, null);
        ReadingLogEntry created = first.getItems().get(0);
        assertEquals("create Inmate " + prison, created.getAction().getValue() + " " + created.getResourceType().getValue()
                + " " + created.getOrganisation().getOrgId());
        String cursor = first.getLinks().getNext().replaceAll(".*_cursor=([^&]*).*", "$1");
        ReadingLogEntry read = staff.auditEvents().readReadingLog(UUID.fromString(id), 1, cursor).getItems().get(0);
        assertEquals("read Inmate", read.getAction().getValue() + " " + read.getResourceType().getValue());
        assertTrue(read.getRecorded().isAfter(created.getRecorded()) || read.getRecorded().isEqual(created.getRecorded()));
    }
}
