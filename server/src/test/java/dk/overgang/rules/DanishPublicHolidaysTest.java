package dk.overgang.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DanishPublicHolidaysTest {

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({"2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28", "2038, 2038-04-25"})
    void easterSundayFollowsTheGregorianComputus(int year, LocalDate easter) {
        assertEquals(easter, DanishPublicHolidays.easterSunday(year));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2026-01-01, true", "2026-04-02, true", "2026-04-03, true", "2026-04-06, true", "2026-05-14, true",
            "2026-05-25, true", "2026-12-25, true", "2026-12-26, true",
            "2026-12-24, false", "2026-12-31, false", "2026-06-05, false",
            "2023-05-05, true",   // Great Prayer Day, last kept in 2023
            "2024-04-26, false",  // abolished from 2024
            "2026-04-07, false",
    })
    void publicHolidaysAreTheOfficialOnes(LocalDate date, boolean holiday) {
        assertEquals(holiday, DanishPublicHolidays.isHoliday(date));
    }

    @ParameterizedTest(name = "5 working days after {0}: {1}")
    @CsvSource({
            "2026-11-24, 2026-12-01",   // Tuesday -> next Tuesday
            "2026-11-27, 2026-12-04",   // Friday -> next Friday
            "2026-12-22, 2026-12-30",   // over Christmas (24 December is a working day, 25-26 are not)
            "2026-03-31, 2026-04-10",   // over Easter (Maundy Thursday, Good Friday, Easter Monday)
    })
    void fiveWorkingDaysSkipWeekendsAndHolidays(LocalDate from, LocalDate expected) {
        assertEquals(expected, WorkingDays.plus(from, 5));
    }
}
