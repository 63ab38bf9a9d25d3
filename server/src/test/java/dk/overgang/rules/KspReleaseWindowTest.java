package dk.overgang.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KspReleaseWindowTest {

    @ParameterizedTest(name = "R18: inside {0}..{1}, meeting {2}, proportion {3} -> {4} (ends {5})")
    @CsvSource({
            // custody from, released,  meeting,    proportion, status,      window ends
            "2026-01-01, 2026-01-31, 2026-02-14, 0.5, WITHIN,      2026-02-15",  // the guide: 1 month inside, 2 weeks after
            "2026-01-01, 2026-01-31, 2026-02-15, 0.5, WITHIN,      2026-02-15",  // last day of the window
            "2026-01-01, 2026-01-31, 2026-02-16, 0.5, OUTSIDE,     2026-02-15",  // first day after it
            "2026-01-01, 2026-01-31, 2026-04-30, 0.5, OUTSIDE,     2026-02-15",  // the guide: 3 months after is not
            "2026-01-01, 2026-01-31, 2026-01-31, 0.5, WITHIN,      2026-02-15",  // the release day itself
            "2026-01-01, 2026-01-31, 2026-01-30, 0.5, IN_CUSTODY,  ",            // before the release
            "2026-01-01, 2026-01-31, 2026-02-01, 0,   OUTSIDE,     2026-01-31",  // proportion 0: release day only
            "2026-01-01, 2026-01-31, 2026-03-02, 1,   WITHIN,      2026-03-02",  // proportion 1: as long as inside
            "2026-01-01, 2026-01-02, 2026-01-02, 0.5, WITHIN,      2026-01-02",  // 1 day inside: no days after
            "2023-02-01, 2024-02-29, 2024-09-12, 0.5, WITHIN,      2024-09-12",  // 393 days -> 196 days, leap year
            "2023-02-01, 2024-02-29, 2024-09-13, 0.5, OUTSIDE,     2024-09-12",
            "2025-01-01, 2026-01-01, 2026-07-02, 0.5, WITHIN,      2026-07-02",  // 365 days -> 182 days
    })
    void aReleasedPersonMayBeDiscussedForAShareOfTheTimeInside(LocalDate from, LocalDate released, LocalDate meeting,
                                                                BigDecimal proportion, KspReleaseWindow.Status status,
                                                                LocalDate endsOn) {
        KspReleaseWindow.Result r = KspReleaseWindow.evaluate(from, released, meeting, proportion);
        assertEquals(status, r.status());
        assertEquals(endsOn, r.endsOn());
        assertEquals(status == KspReleaseWindow.Status.WITHIN || status == KspReleaseWindow.Status.IN_CUSTODY, r.allowed());
        assertTrue(r.reason().contains("R18"), r.reason());
    }

    @Test
    void notYetReleasedIsAlwaysAroundTheRelease() {
        assertEquals(KspReleaseWindow.Status.IN_CUSTODY,
                KspReleaseWindow.evaluate(LocalDate.of(2020, 1, 1), null, LocalDate.of(2026, 1, 1), BigDecimal.ONE).status());
    }

    @Test
    void anUnknownStartOfCustodyCannotBeMeasured() {
        var r = KspReleaseWindow.evaluate(null, LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 1), new BigDecimal("0.5"));
        assertEquals(KspReleaseWindow.Status.UNKNOWN_CUSTODY_START, r.status());
        assertEquals(false, r.allowed());
        var backwards = KspReleaseWindow.evaluate(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 1),
                new BigDecimal("0.5"));
        assertEquals(KspReleaseWindow.Status.UNKNOWN_CUSTODY_START, backwards.status());
    }

    @Test
    void aNegativeProportionIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> KspReleaseWindow.evaluate(LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 1), new BigDecimal("-0.1")));
    }
}
