package dk.overgang.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.rules.ProgrammeEligibility.Kind;
import dk.overgang.rules.ProgrammeEligibility.Limits;
import dk.overgang.rules.ProgrammeEligibility.Person;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed 000 §2.1-2.3 (and R11 for the mentor fallback), at the boundaries. */
class ProgrammeEligibilityTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static final Limits KICKSTART = new Limits(17, 25, 0, 12);
    private static final Limits PRIMUS = new Limits(0, 200, 6, 12);

    @ParameterizedTest(name = "Kickstart: born {0}, {1} -> {2} ({3})")
    @CsvSource({
            "2009-12-02, remand,    true,  remand",  // 17 today
            "2009-12-03, remand,    false, age",     // 17 tomorrow
            "2000-12-03, remand,    true,  remand",  // 25, 26 tomorrow
            "2000-12-02, remand,    false, age",     // 26 today
            "2005-06-01, sentenced, false, remand",  // the right age, but a sentence: a new course does not start
            "2005-06-01, released,  false, remand",
    })
    void kickstartIsFor17To25YearOldsOnRemand(LocalDate born, String custody, boolean eligible, String criterion) {
        var answer = ProgrammeEligibility.evaluate(Kind.YOUNG_REMAND, KICKSTART,
                new Person(born, custody, null, null, null), TODAY);
        assertEquals(eligible, answer.eligible(), answer.reason());
        assertEquals(criterion, answer.criterion());
        assertTrue(!answer.reason().isBlank());
    }

    @ParameterizedTest(name = "Primus Motor: {0}, release {1}, released {2}, risk {3} -> {4} ({5}, fallback {6})")
    @CsvSource({
            "sentenced, 2027-06-02, ,           MEDIUM,   true,  last-part-of-sentence, false", // exactly 6 months before
            "sentenced, 2027-06-03, ,           MEDIUM,   false, last-part-of-sentence, false", // a day too early
            "sentenced, 2027-01-15, ,           LOW,      true,  last-part-of-sentence, true",  // R11: no prison mentor at low risk
            "sentenced, 2027-01-15, ,           VERY_LOW, true,  last-part-of-sentence, true",
            "sentenced, 2027-01-15, ,           ,         true,  last-part-of-sentence, false", // not assessed: no claim
            "sentenced, ,           ,           MEDIUM,   false, last-part-of-sentence, false", // release unknown
            "remand,    2027-01-15, ,           LOW,      false, sentenced,             false",
            "released,  ,           2025-12-02, MEDIUM,   true,  released-within,       false", // a year after: last day
            "released,  ,           2025-12-01, MEDIUM,   false, released-within,       false",
            "released,  ,           ,           MEDIUM,   false, released-within,       false",
    })
    void primusMotorIsForTheLastPartOfASentenceAndAYearAfter(String custody, LocalDate release, LocalDate releasedOn,
                                                            RiskLevel risk, boolean eligible, String criterion,
                                                            boolean fallback) {
        var answer = ProgrammeEligibility.evaluate(Kind.RELEASE_MENTOR, PRIMUS,
                new Person(LocalDate.of(1990, 1, 1), custody, release, releasedOn, risk), TODAY);
        assertEquals(eligible, answer.eligible(), answer.reason());
        assertEquals(criterion, answer.criterion());
        assertEquals(fallback, answer.prisonMentorFallback());
        if (fallback && eligible) {
            assertTrue(answer.reason().contains("R11"), answer.reason());
        }
    }

    @ParameterizedTest(name = "Visit service: {0} -> {1}")
    @CsvSource({"remand, true", "sentenced, true", "released, false"})
    void theVisitServiceIsForEveryoneInside(String custody, boolean eligible) {
        var answer = ProgrammeEligibility.evaluate(Kind.VISIT_SERVICE, new Limits(0, 200, 0, 0),
                new Person(LocalDate.of(1980, 1, 1), custody, null, null, null), TODAY);
        assertEquals(eligible, answer.eligible());
        assertEquals("in-custody", answer.criterion());
    }
}
