package dk.overgang.inmate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dk.overgang.shared.InvalidFieldException;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CprTest {

    @ParameterizedTest(name = "{0} -> born {1}")
    @CsvSource({
            "010190-0123, 1990-01-01",   // serial 0-3: 1900s
            "0101903123, 1990-01-01",    // hyphen optional
            "290200-4123, 2000-02-29",   // serial 4, year <= 36: 2000s (leap day)
            "010137-4123, 1937-01-01",   // serial 4, year >= 37: 1900s
            "010157-5123, 2057-01-01",   // serial 5-8, year <= 57: 2000s
            "010158-8123, 1858-01-01",   // serial 5-8, year >= 58: 1800s
            "311236-9123, 2036-12-31",   // serial 9, year <= 36: 2000s
            "010199-9123, 1999-01-01",   // serial 9, year >= 37: 1900s
    })
    void birthDateFollowsTheCenturyRule(String cpr, LocalDate born) {
        assertEquals(born, Cpr.parse(cpr, "cpr").birthDate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"290201-0123", "320190-0123", "011390-0123", "000190-0123", "290200-0123"})
    void aCprWhoseDatePartIsNoDateIsRejected(String cpr) {
        var e = assertThrows(InvalidFieldException.class, () -> Cpr.parse(cpr, "cpr"));
        assertEquals("cpr", e.field());
        assertFalse(e.getMessage().contains(cpr.substring(0, 6)), "the message must not quote the number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0101900123 ", "010190_0123", "01019-00123", "0101900123a", "１２３４５６-７８９０"})
    void aMalformedCprIsRejectedByField(String cpr) {
        assertEquals("cpr", assertThrows(InvalidFieldException.class, () -> Cpr.parse(cpr, "cpr")).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"010190-0123"})
    void aCprNeverShowsInToString(String cpr) {
        Cpr parsed = Cpr.parse(cpr, "cpr");
        assertFalse(parsed.toString().contains("0123"));
        assertEquals("010190-0123", parsed.formatted());
        assertEquals("0101900123", parsed.digits());
    }
}
