package dk.overgang.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseDateAdvancementTest {

    @ParameterizedTest(name = "R14: release {0} after {1} days -> {2}")
    @CsvSource({
            // release date,  sentence days, effective release   why
            "2026-12-03, 30,  2026-12-02",   // Thursday, exactly 30 days: moved to Wednesday
            "2026-12-03, 29,  2026-12-03",   // Thursday, 29 days: not moved
            "2026-12-04, 30,  2026-12-02",   // Friday -> Wednesday
            "2026-12-05, 365, 2026-12-02",   // Saturday -> Wednesday
            "2026-12-06, 365, 2026-12-02",   // Sunday -> Wednesday, 4 days: the limit
            "2026-11-30, 365, 2026-11-30",   // Monday stays
            "2026-12-01, 365, 2026-12-01",   // Tuesday stays
            "2026-12-02, 365, 2026-12-02",   // Wednesday stays
            "2024-12-26, 365, 2024-12-24",   // Boxing Day (Thu): Wednesday is Christmas Day -> Tuesday
            "2024-12-29, 365, 2024-12-29",   // Sunday: the only Mon-Wed within 4 days is Christmas Day -> unchanged
            "2026-04-05, 365, 2026-04-01",   // Easter Sunday -> the Wednesday before Maundy Thursday
            "2026-05-14, 365, 2026-05-13",   // Ascension Day (Thu) -> Wednesday
            "2026-03-29, 365, 2026-03-25",   // the Sunday DST starts: plain dates, no shift
            "2028-03-02, 400, 2028-03-01",   // leap year: Thursday 2 March -> Wednesday 1 March
            "2028-02-29, 400, 2028-02-29",   // leap day is a Tuesday: stays
    })
    void releasesOnThursdayToSundayMoveToTheMondayToWednesdayBefore(LocalDate release, int days, LocalDate expected) {
        Decision<LocalDate> decision = ReleaseDateAdvancement.effectiveReleaseDate(release, days);
        assertEquals(expected, decision.value());
        assertEquals(RuleId.R14, decision.rule());
        assertTrue(decision.reason().contains("R14"), decision.reason());
    }

    @ParameterizedTest
    @CsvSource({"2026-12-03", "2026-12-06"})
    void aSentenceOfUnknownLengthIsNotMoved(LocalDate release) {
        assertEquals(release, ReleaseDateAdvancement.effectiveReleaseDate(release, null).value());
    }
}
