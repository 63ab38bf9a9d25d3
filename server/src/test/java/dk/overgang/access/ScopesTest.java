package dk.overgang.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopesTest {

    @ParameterizedTest(name = "\"{0}\" allows {2} on {1}: {3}")
    @CsvSource({
            "user/Inmate.cruds,            Inmate,    CREATE, true",
            "user/Inmate.rs,               Inmate,    READ,   true",
            "user/Inmate.rs,               Inmate,    UPDATE, false",
            "system/Inmate.r,              Inmate,    SEARCH, false",
            "system/*.rs,                  Handover,  SEARCH, true",
            "user/Inmate.rs user/AuditEvent.s, AuditEvent, SEARCH, true",
            "patient/Inmate.rs,            Inmate,    READ,   false",
            "user/Inmate.sr,               Inmate,    READ,   true",
            "user/Handover.rsu,            Handover,  UPDATE, true",
            "user/Handover.rru,            Handover,  READ,   false",
            "user/inmate.rs,               Inmate,    READ,   false",
            "user/Inmate.,                 Inmate,    READ,   false",
            "user/Inmate.rs/x,             Inmate,    READ,   false",
            "'',                           Inmate,    READ,   false",
    })
    void scopesGrantExactlyWhatTheyName(String claim, ResourceType type, Interaction interaction, boolean allowed) {
        assertEquals(allowed, Scopes.parse(claim).allows(type, interaction));
    }
}
