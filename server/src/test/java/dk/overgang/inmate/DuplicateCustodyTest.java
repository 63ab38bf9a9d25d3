package dk.overgang.inmate;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import dk.overgang.support.InmateBuilder;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the same CPR number registered twice by a retried request without an Idempotency-Key
 * makes no second record: 409 {@code duplicate-custody-record} naming the open one, unless the caller
 * confirms a new custody record. A released person may be registered again.
 */
@MicronautTest(transactional = false)
class DuplicateCustodyTest extends ApiTest {

    private final String prison = "dup-" + UUID.randomUUID().toString().substring(0, 8);

    private int storedWith(String cpr) {
        return api().post("/api/v1/inmates/_lookup", Tokens.token("prison", prison, "user/Inmate.s"), Map.of("cpr", cpr))
                .json().get("items").size();
    }

    @Test
    void aRetriedRegistrationMakesNoSecondRecordUnlessConfirmed() {
        InmateBuilder person = anInmate().inInstitution(prison);
        String first = create(person).get("id").asText();

        var retried = api().post("/api/v1/inmates", Tokens.prison(prison), person.build());
        assertEquals(409, retried.status(), retried.body());
        assertTrue(retried.json().get("type").asText().endsWith("/duplicate-custody-record"));
        assertEquals(first, retried.json().get("existingId").asText());
        assertEquals(1, storedWith(person.cpr()), "nothing more stored");

        Map<String, Object> confirmed = new HashMap<>(person.build());
        confirmed.put("confirmNewCustodyRecord", true);
        var second = api().post("/api/v1/inmates", Tokens.prison(prison), confirmed);
        assertEquals(201, second.status(), second.body());
        assertNotEquals(first, second.json().get("id").asText());
        assertEquals(2, storedWith(person.cpr()));
        assertTrue(!second.json().has("confirmNewCustodyRecord"), "the confirmation is not stored");

        // With an Idempotency-Key the key decides: a replay answers the first result.
        InmateBuilder other = anInmate().inInstitution(prison);
        var keyed = api().post("/api/v1/inmates", Tokens.prison(prison), other.build(), "Idempotency-Key", "dup-" + prison);
        var replay = api().post("/api/v1/inmates", Tokens.prison(prison), other.build(), "Idempotency-Key", "dup-" + prison);
        assertEquals(201, replay.status(), replay.body());
        assertEquals(keyed.json().get("id").asText(), replay.json().get("id").asText());
    }

    @Test
    void aReleasedPersonIsRegisteredAgainWithoutConfirming() {
        InmateBuilder person = anInmate().inInstitution(prison).with("custodyStatus", "released")
                .with("actualReleaseDate", "2026-06-01").with("expectedParoleDate", null).with("expectedReleaseDate", "2026-06-01");
        create(person);
        var again = api().post("/api/v1/inmates", Tokens.prison(prison), person.with("custodyStatus", "sentenced")
                .with("actualReleaseDate", null).with("expectedReleaseDate", "2027-08-23").build());
        assertEquals(201, again.status(), again.body());
    }
}
