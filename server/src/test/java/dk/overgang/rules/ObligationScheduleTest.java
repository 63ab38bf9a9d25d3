package dk.overgang.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObligationScheduleTest {

    private static final Map<ObligationKind, LocalDate> NOTHING_DONE = Map.of();

    private static Obligation only(ObligationKind kind, InmateFacts facts, LocalDate today, Map<ObligationKind, LocalDate> done) {
        return ObligationSchedule.compute(facts, done, today).stream().filter(o -> o.kind() == kind).findFirst().orElseThrow();
    }

    private static LocalDate d(String iso) {
        return iso == null || iso.isBlank() ? null : LocalDate.parse(iso);
    }

    @ParameterizedTest(name = "R2: start {0}, parole {1} refused {2}, release {3} -> due {4}")
    @CsvSource({
            // sentence start, expected parole, refused, expected release, due   rule branch
            "2026-01-05, 2027-03-01, false, 2027-08-24, 2026-03-01",   // > 1 year to parole: 1 year before the parole
            "2026-01-05, 2027-03-01, true,  2027-08-24, 2026-08-24",   // parole refused: 1 year before the full term
            "2026-01-05,           , false, 2027-08-24, 2026-08-24",   // no parole expected: the full term
            "2026-01-05, 2026-11-01, false, 2027-01-04, 2026-02-02",   // < 1 year to parole: 4 weeks after start
            "2026-01-05, 2026-11-01, true,  2027-01-04, 2026-02-02",   // refused, full term still < 1 year: 4 weeks
            "2026-01-05, 2026-11-01, true,  2027-03-01, 2026-03-01",   // refused, full term > 1 year: 1 year before it
            "2026-01-05, 2027-01-05, false, 2027-05-04, 2026-02-02",   // exactly 1 year: not "more than" -> 4 weeks
            "2026-01-05, 2027-01-06, false, 2027-05-04, 2026-01-06",   // 1 year and a day: 1 year before the parole
            "2026-01-05,           , false, 2028-02-29, 2027-02-28",   // leap day minus a year
            "2024-02-29, 2024-12-01, false, 2025-03-01, 2024-03-28",   // leap-day start + 4 weeks
            "2026-01-05, 2027-03-04, false, 2027-08-24, 2026-03-03",   // parole Thursday, moved to Wednesday (R14) first
            "2026-01-05, 2027-03-01, true,  2027-08-26, 2026-08-25",   // refused, full term Thursday -> Wednesday (R14)
    })
    void municipalityContactDeadline(String start, String parole, boolean refused, String release, String due) {
        var facts = InmateFacts.sentenced(d(start), 600, d(parole), d(release)).withParoleRefused(refused);
        Obligation o = only(ObligationKind.MUNICIPALITY_CONTACT, facts, d(start), NOTHING_DONE);
        assertEquals(d(due), o.dueDate(), o.reason());
        assertTrue(o.reason().contains("(R2"), o.reason());
        assertTrue(o.reason().contains("»"), "R2 cites the guide's sentence: " + o.reason());
        String basis = parole == null ? "ingen forventet prøveløsladelse"
                : refused ? "prøveløsladelse er afslået" : "(forventet prøveløsladelse";
        assertTrue(o.reason().contains(basis), "the reason says which date it used and why: " + o.reason());
    }

    /** The example: parole expected 2027-03-01, full term 2027-08-24. Nothing may fall after the parole. */
    @Test
    void aParoleeMeetsTheMunicipalityBeforeWalkingOutNotBeforeTheFullTerm() {
        var facts = InmateFacts.sentenced(d("2026-01-05"), 600, d("2027-03-01"), d("2027-08-24"));
        var all = ObligationSchedule.compute(facts, NOTHING_DONE, d("2026-06-01"));
        assertEquals(d("2026-12-01"), find(all, ObligationKind.RELEASE_MEETING).dueDate(), "R10: 3 months before the parole");
        assertEquals(d("2027-02-15"), find(all, ObligationKind.ONE_OFF_BENEFIT_DECISION).dueDate(), "R13: 14 days before the parole");
        all.stream().filter(o -> o.dueDate() != null)
                .forEach(o -> assertTrue(o.dueDate().isBefore(d("2027-03-01")), o.kind() + " after the parole: " + o.dueDate()));
        assertTrue(find(all, ObligationKind.RELEASE_MEETING).reason().contains("2027-03-01 (forventet prøveløsladelse)"),
                find(all, ObligationKind.RELEASE_MEETING).reason());
    }

    @ParameterizedTest(name = "ExpectedRelease: parole {0} refused {1} release {2} released {3} -> {4} {5} (R14 {6})")
    @CsvSource({
            // parole,   refused, full term,  released, expected,   basis,                     effective (R14)
            "2027-03-01, false, 2027-08-24, false, 2027-03-01, PAROLE,                     2027-03-01",
            "2027-03-04, false, 2027-08-24, false, 2027-03-04, PAROLE,                     2027-03-03",
            "2027-03-01, true,  2027-08-24, false, 2027-08-24, FULL_TERM_PAROLE_REFUSED,   2027-08-24",
            "          , false, 2027-08-26, false, 2027-08-26, FULL_TERM_NO_PAROLE,        2027-08-25",
            "2027-03-01, false,           , false, 2027-03-01, PAROLE,                     2027-03-01",
            "          , true,            , false,           ,                           , ",
            "2027-03-01, false, 2027-08-24, true,            ,                           , ",   // an actual release ends the question
    })
    void expectedReleaseIsTheParoleWhileParoleIsExpected(String parole, boolean refused, String release, boolean released,
                                                         String expected, ExpectedRelease.Basis basis, String effective) {
        var facts = new InmateFacts(true, false, d("2026-01-05"), 600, d(parole), d(release), null, false, false, false,
                null, List.of(), released, refused);
        ExpectedRelease e = ExpectedRelease.of(facts);
        if (expected == null) {
            assertEquals(null, e);
            return;
        }
        assertEquals(d(expected), e.date());
        assertEquals(basis, e.basis());
        assertEquals(d(effective), e.effectiveDate());
        assertTrue(e.effective().reason().contains(basis.danish()), e.effective().reason());
    }

    /** Parole refused after the plan was made: every deadline moves to the full term, recorded work stays done. */
    @Test
    void refusingParoleAfterThePlanWasMadeMovesEveryDeadlineToTheFullTerm() {
        var paroled = InmateFacts.sentenced(d("2026-01-05"), 900, d("2027-03-01"), d("2027-08-24"))
                .withRadicalisationConcernSince(d("2026-02-01"))
                .withMentorAssessment(RiskLevel.HIGH, true, true, false);
        var refused = paroled.withParoleRefused(true);
        var done = Map.of(ObligationKind.MUNICIPALITY_CONTACT, d("2026-02-20"));
        var before = ObligationSchedule.compute(paroled, done, d("2026-06-01"));
        var after = ObligationSchedule.compute(refused, done, d("2026-06-01"));
        // kind, due with parole, due after refusal
        Object[][] rows = {
                {ObligationKind.MUNICIPALITY_CONTACT, "2026-03-01", "2026-08-24"},
                {ObligationKind.RELEASE_MEETING, "2026-12-01", "2027-05-24"},
                {ObligationKind.MENTOR_START, "2026-12-01", "2027-05-24"},
                {ObligationKind.ONE_OFF_BENEFIT_DECISION, "2027-02-15", "2027-08-10"},
                {ObligationKind.INFOHUS_NOTICE, "2026-12-01", "2027-05-24"},
        };
        for (Object[] row : rows) {
            ObligationKind kind = (ObligationKind) row[0];
            assertEquals(d((String) row[1]), find(before, kind).dueDate(), kind + " with parole");
            assertEquals(d((String) row[2]), find(after, kind).dueDate(), kind + " after refusal");
            assertTrue(find(after, kind).reason().contains("prøveløsladelse er afslået"), find(after, kind).reason());
        }
        assertEquals(ObligationStatus.DONE, find(after, ObligationKind.MUNICIPALITY_CONTACT).status(), "recorded work stays done");
    }

    @ParameterizedTest(name = "R7: start {0}, parole {1} refused {2}, release {3} -> over 6 months {4}")
    @CsvSource({
            "2026-01-05, 2026-06-01, false, 2026-09-01, false",   // paroled after 5 months: no (the full term would say yes)
            "2026-01-05, 2026-06-01, true,  2026-09-01, true",    // parole refused: 8 months
            "2026-01-05,           , false, 2026-09-01, true",
            "2026-01-05,           , false, 2026-07-05, false",   // exactly 6 months is not over 6 months
    })
    void stayOverSixMonthsEndsAtTheExpectedRelease(String start, String parole, boolean refused, String release, boolean over) {
        var facts = InmateFacts.sentenced(d(start), 240, d(parole), d(release)).withParoleRefused(refused);
        Decision<Boolean> decision = ObligationSchedule.stayOverSixMonths(facts);
        assertEquals(over, decision.value(), decision.reason());
        assertTrue(decision.reason().contains("(R7"), decision.reason());
    }

    @Test
    void municipalityContactIsNotForRemandOrExpelledButStartsWhenRemandTurnsIntoASentence() {
        var remand = InmateFacts.sentenced(d("2026-01-05"), 600, d("2027-03-01"), d("2027-08-24")).asRemand();
        assertEquals(ObligationStatus.NOT_APPLICABLE, only(ObligationKind.MUNICIPALITY_CONTACT, remand, d("2026-02-01"), NOTHING_DONE).status());
        var expelled = InmateFacts.sentenced(d("2026-01-05"), 600, d("2027-03-01"), d("2027-08-24")).expelled();
        assertEquals(ObligationStatus.NOT_APPLICABLE, only(ObligationKind.MUNICIPALITY_CONTACT, expelled, d("2026-02-01"), NOTHING_DONE).status());

        // Remand became a sentence on 2026-03-10, with 10 months to parole: 4 weeks from the conversion.
        var converted = InmateFacts.sentenced(d("2026-03-10"), 300, d("2027-01-01"), d("2027-01-04"));
        assertEquals(d("2026-04-07"), only(ObligationKind.MUNICIPALITY_CONTACT, converted, d("2026-03-10"), NOTHING_DONE).dueDate());
    }

    @ParameterizedTest(name = "status on {0} -> {1}")
    @CsvSource({
            "2026-01-10, NOT_YET_DUE",
            "2026-01-18, NOT_YET_DUE",   // 15 days before
            "2026-01-19, DUE",           // 14 days before: due soon
            "2026-02-02, DUE",           // the due date itself
            "2026-02-03, OVERDUE",       // the day after
    })
    void statusFollowsTheDueDate(String today, ObligationStatus status) {
        var facts = InmateFacts.sentenced(d("2026-01-05"), 300, d("2026-11-01"), d("2027-01-04"));
        assertEquals(status, only(ObligationKind.MUNICIPALITY_CONTACT, facts, d(today), NOTHING_DONE).status());
    }

    @Test
    void aRecordedContactStaysDoneWhenTheExpectedReleaseDateChangesLater() {
        var before = InmateFacts.sentenced(d("2026-01-05"), 600, d("2027-03-01"), d("2027-08-24"));
        var done = Map.of(ObligationKind.MUNICIPALITY_CONTACT, d("2026-06-01"));
        var moved = InmateFacts.sentenced(d("2026-01-05"), 600, d("2027-06-01"), d("2027-12-01"));
        Obligation o = only(ObligationKind.MUNICIPALITY_CONTACT, moved, d("2027-01-10"), done);
        assertEquals(ObligationStatus.DONE, o.status());
        assertEquals(d("2026-06-01"), o.dueDate(), "the deadline follows the new parole date");
        assertTrue(o.reason().contains("Udført 2026-06-01"), o.reason());
        assertEquals(ObligationStatus.OVERDUE, only(ObligationKind.MUNICIPALITY_CONTACT, before, d("2026-09-01"), NOTHING_DONE).status());
    }

    @ParameterizedTest(name = "R4: start {0}, parole {1}, refused {2}, release {3}, expelled {4} -> {5}")
    @CsvSource({
            "2026-01-05, 2026-02-02, false, 2026-02-02, false, OVERDUE",          // exactly 28 days: required, due at reception
            "2026-01-05, 2026-02-01, false, 2026-02-01, false, NOT_APPLICABLE",   // 27 days: not required
            "2026-01-05, 2026-02-01, false, 2026-06-01, false, NOT_APPLICABLE",   // 27 days to the parole: not required
            "2026-01-05, 2026-02-01, true,  2026-06-01, false, OVERDUE",          // parole refused: 147 days to the full term
            "2026-01-05,           , false, 2026-02-01, false, NOT_APPLICABLE",   // no parole, 27 days to the full term
            "2026-01-05, 2026-12-01, false, 2026-12-01, true,  NOT_APPLICABLE",   // expelled
            "2026-01-05, 2026-12-01, false, 2026-12-01, false, OVERDUE",          // required at reception, not done by 2026-02-10
    })
    void lsRnrRequirement(String start, String parole, boolean refused, String release, boolean expelled, ObligationStatus status) {
        var facts = InmateFacts.sentenced(d(start), 300, d(parole), d(release)).withParoleRefused(refused);
        if (expelled) {
            facts = facts.expelled();
        }
        Obligation o = only(ObligationKind.LSRNR_ASSESSMENT, facts, d("2026-02-10"), NOTHING_DONE);
        assertEquals(status, o.status(), o.reason());
    }

    @ParameterizedTest(name = "R10/R13/R16: parole refused, release {0} -> meeting {1}, benefit decision {2}, Infohus {3}")
    @CsvSource({
            "2027-08-24, 2027-05-24, 2027-08-10, 2027-05-24",   // Tuesday: no move
            "2027-08-26, 2027-05-25, 2027-08-11, 2027-05-25",   // Thursday: counted from Wednesday 25 August
            "2028-05-31, 2028-02-29, 2028-05-17, 2028-02-29",   // 3 months before 31 May in a leap year: 29 February
    })
    void deadlinesCountBackFromTheEffectiveRelease(String release, String meeting, String benefit, String infohus) {
        // The parole was refused, so the full term (moved by R14) is the expected release.
        var facts = InmateFacts.sentenced(d("2026-01-05"), 900, d("2027-03-01"), d(release))
                .withParoleRefused(true)
                .withRadicalisationConcernSince(d("2026-02-01"));
        var all = ObligationSchedule.compute(facts, NOTHING_DONE, d("2026-06-01"));
        assertEquals(d(meeting), find(all, ObligationKind.RELEASE_MEETING).dueDate());
        assertEquals(d(benefit), find(all, ObligationKind.ONE_OFF_BENEFIT_DECISION).dueDate());
        assertEquals(d(infohus), find(all, ObligationKind.INFOHUS_NOTICE).dueDate());
        assertEquals(ObligationKind.Party.MUNICIPALITY, ObligationKind.ONE_OFF_BENEFIT_DECISION.responsible());
        assertEquals(ObligationKind.Party.PRISON_SECURITY_UNIT, ObligationKind.INFOHUS_NOTICE.responsible());
    }

    @ParameterizedTest(name = "R10/R13/R16: parole {0} -> meeting {1}, benefit decision {2}, Infohus {3}")
    @CsvSource({
            "2027-03-01, 2026-12-01, 2027-02-15, 2026-12-01",   // Monday parole: no move
            "2027-03-04, 2026-12-03, 2027-02-17, 2026-12-03",   // Thursday parole: counted from Wednesday 3 March (R14)
    })
    void deadlinesCountBackFromTheExpectedParole(String parole, String meeting, String benefit, String infohus) {
        var facts = InmateFacts.sentenced(d("2026-01-05"), 900, d(parole), d("2027-08-24"))
                .withRadicalisationConcernSince(d("2026-02-01"));
        var all = ObligationSchedule.compute(facts, NOTHING_DONE, d("2026-06-01"));
        assertEquals(d(meeting), find(all, ObligationKind.RELEASE_MEETING).dueDate());
        assertEquals(d(benefit), find(all, ObligationKind.ONE_OFF_BENEFIT_DECISION).dueDate());
        assertEquals(d(infohus), find(all, ObligationKind.INFOHUS_NOTICE).dueDate());
        assertTrue(find(all, ObligationKind.RELEASE_MEETING).reason().contains("(R10"));
    }

    @Test
    void infohusIsNotifiedAsSoonAsPossibleWhenTheConcernArisesLate() {
        var facts = InmateFacts.sentenced(d("2026-01-05"), 900, d("2027-03-01"), d("2027-08-24"))
                .withParoleRefused(true)
                .withRadicalisationConcernSince(d("2027-07-01"));
        assertEquals(d("2027-07-01"), only(ObligationKind.INFOHUS_NOTICE, facts, d("2027-07-02"), NOTHING_DONE).dueDate());
        var none = InmateFacts.sentenced(d("2026-01-05"), 900, d("2027-03-01"), d("2027-08-24"));
        assertEquals(ObligationStatus.NOT_APPLICABLE, only(ObligationKind.INFOHUS_NOTICE, none, d("2027-07-02"), NOTHING_DONE).status());
    }

    @ParameterizedTest(name = "R11: risk {0}, need {1}, motivated {2}, exit {3} -> {4} {5}")
    @CsvSource({
            "MEDIUM,    true,  true,  false, NOT_YET_DUE,    2026-12-01",   // 3 months before the expected parole
            "VERY_HIGH, true,  true,  false, NOT_YET_DUE,    2026-12-01",
            "LOW,       true,  true,  false, NOT_APPLICABLE, ",
            "HIGH,      false, true,  false, NOT_APPLICABLE, ",
            "HIGH,      true,  false, false, NOT_APPLICABLE, ",
            "VERY_LOW,  false, false, true,  DUE,            2026-01-05",   // exit/extremism: no score, no time limit
    })
    void mentorEligibility(RiskLevel risk, boolean need, boolean motivated, boolean exit, ObligationStatus status, String from) {
        var facts = InmateFacts.sentenced(d("2026-01-05"), 900, d("2027-03-01"), d("2027-08-24"))
                .withMentorAssessment(risk, need, motivated, exit);
        Obligation o = only(ObligationKind.MENTOR_START, facts, d("2026-01-10"), NOTHING_DONE);
        assertEquals(status, o.status(), o.reason());
        assertEquals(d(from), o.dueDate());
    }

    @Test
    void mentorEligibilityNeedsAnAssessment() {
        var facts = InmateFacts.sentenced(d("2026-01-05"), 900, d("2027-03-01"), d("2027-08-24"));
        assertEquals(ObligationStatus.INCOMPLETE, only(ObligationKind.MENTOR_START, facts, d("2026-01-10"), NOTHING_DONE).status());
    }

    @ParameterizedTest(name = "R8: registered {0}, reminded {1}, parole refused {2} -> due {3} {4}")
    @CsvSource({
            // registered, reminded,  refused, due,        status          (parole 2027-03-01, full term 2027-08-24)
            "2026-02-01,           , false, 2027-02-01, NOT_YET_DUE",
            "2026-02-01, 2026-02-20, false, 2027-02-20, NOT_YET_DUE",      // a reminder given starts the next year
            "2026-02-01, 2027-01-20, false,           , NOT_APPLICABLE",   // ... whose renewal falls after the release
            "2026-09-01,           , false,           , NOT_APPLICABLE",   // next renewal after the release
            "2026-03-15,           , false,           , NOT_APPLICABLE",   // 2027-03-15: after the expected parole
            "2026-03-15,           , true,  2027-03-15, NOT_YET_DUE",      // parole refused: before the full term, so due
            "2026-09-01,           , true,            , NOT_APPLICABLE",   // 2027-09-01: after the full term as well
    })
    void housingRegistrationRenewal(String registered, String reminded, boolean refused, String due, ObligationStatus status) {
        var facts = InmateFacts.sentenced(d("2026-01-05"), 900, d("2027-03-01"), d("2027-08-24"))
                .withHousingRegistrations(List.of(d(registered))).withParoleRefused(refused);
        Map<ObligationKind, LocalDate> done = reminded == null ? NOTHING_DONE
                : Map.of(ObligationKind.HOUSING_REGISTRATION_RENEWAL, d(reminded));
        Obligation o = only(ObligationKind.HOUSING_REGISTRATION_RENEWAL, facts, d("2026-03-01"), done);
        assertEquals(status, o.status(), o.reason());
        assertEquals(d(due), o.dueDate());
        if (status == ObligationStatus.NOT_APPLICABLE && registered.equals("2026-03-15")) {
            assertTrue(o.reason().contains("forventet prøveløsladelse"), "R8 names the date it counted from: " + o.reason());
        }
    }

    @Test
    void missingDatesMakeTheObligationIncompleteInsteadOfGuessing() {
        var facts = InmateFacts.sentenced(d("2026-01-05"), null, null, null);
        var all = ObligationSchedule.compute(facts, NOTHING_DONE, d("2026-02-01"));
        assertEquals(ObligationStatus.INCOMPLETE, find(all, ObligationKind.MUNICIPALITY_CONTACT).status());
        assertEquals(ObligationStatus.INCOMPLETE, find(all, ObligationKind.RELEASE_MEETING).status());
        assertTrue(find(all, ObligationKind.RELEASE_MEETING).reason().startsWith("Kan ikke beregnes"));
    }

    /** G1: 3, 6 and 12 months after the actual release; due from the day, overdue 30 days later; done when recorded. */
    @ParameterizedTest(name = "released {0}, today {1}: 3 months {2}, 6 months {3}")
    @CsvSource({
            "2026-01-31, 2026-04-29, NOT_YET_DUE, NOT_YET_DUE",
            "2026-01-31, 2026-04-30, DUE,         NOT_YET_DUE",
            "2026-01-31, 2026-05-30, DUE,         NOT_YET_DUE",
            "2026-01-31, 2026-05-31, OVERDUE,     NOT_YET_DUE",
            "2026-01-31, 2026-07-31, OVERDUE,     DUE",
    })
    void outcomeCheckpointsCountFromTheActualRelease(String released, String today, ObligationStatus three, ObligationStatus six) {
        var facts = InmateFacts.sentenced(d("2025-06-01"), 244, null, d(released)).whenReleasedOn(d(released));
        var all = ObligationSchedule.compute(facts, NOTHING_DONE, d(today));
        // plusMonths: 31 January + 3 months is 30 April (the month's last day).
        assertEquals(d(released).plusMonths(3), find(all, ObligationKind.OUTCOME_3_MONTHS).dueDate());
        assertEquals(three, find(all, ObligationKind.OUTCOME_3_MONTHS).status());
        assertEquals(six, find(all, ObligationKind.OUTCOME_6_MONTHS).status());
        assertEquals(d(released).plusMonths(12), find(all, ObligationKind.OUTCOME_12_MONTHS).dueDate());
        assertTrue(find(all, ObligationKind.OUTCOME_3_MONTHS).reason().contains("(G1, "));
        assertEquals(ObligationStatus.NOT_APPLICABLE, find(all, ObligationKind.RELEASE_MEETING).status(), "nothing before release is asked any more");
    }

    @Test
    void anOutcomeRecordedMakesItsCheckpointDoneAndNotBeforeTheRelease() {
        var released = InmateFacts.sentenced(d("2025-06-01"), 244, null, d("2026-01-31")).whenReleasedOn(d("2026-01-31"));
        var all = ObligationSchedule.compute(released, java.util.Map.of(ObligationKind.OUTCOME_3_MONTHS, d("2026-05-02")),
                d("2026-06-15"));
        assertEquals(ObligationStatus.DONE, find(all, ObligationKind.OUTCOME_3_MONTHS).status());
        var inside = ObligationSchedule.compute(InmateFacts.sentenced(d("2026-01-05"), 900, d("2027-03-01"), d("2027-08-24")),
                NOTHING_DONE, d("2026-06-01"));
        assertEquals(ObligationStatus.NOT_APPLICABLE, find(inside, ObligationKind.OUTCOME_3_MONTHS).status());
        var expelled = ObligationSchedule.compute(released.expelled(), NOTHING_DONE, d("2026-06-15"));
        assertEquals(ObligationStatus.NOT_APPLICABLE, find(expelled, ObligationKind.OUTCOME_6_MONTHS).status());
        var unknownDay = ObligationSchedule.compute(InmateFacts.sentenced(d("2025-06-01"), 244, null, d("2026-01-31"))
                .whenReleasedOn(null), NOTHING_DONE, d("2026-06-15"));
        assertEquals(ObligationStatus.INCOMPLETE, find(unknownDay, ObligationKind.OUTCOME_12_MONTHS).status());
    }

    @Test
    void everyObligationIsListedOnceOrderedByDueDate() {
        var facts = InmateFacts.sentenced(d("2026-01-05"), 900, d("2027-03-01"), d("2027-08-24"));
        var all = ObligationSchedule.compute(facts, NOTHING_DONE, d("2026-06-01"));
        assertEquals(java.util.Arrays.stream(ObligationKind.values()).filter(k -> !k.isEventDriven()).count(), all.size(),
                "every kind but the event-driven ones");
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).dueDate() != null && all.get(i - 1).dueDate() != null) {
                assertTrue(!all.get(i).dueDate().isBefore(all.get(i - 1).dueDate()));
            }
        }
        all.forEach(o -> assertTrue(o.reason().contains("(" + o.kind().rule().name()), o.reason()));
    }

    private static Obligation find(List<Obligation> all, ObligationKind kind) {
        return all.stream().filter(o -> o.kind() == kind).findFirst().orElseThrow();
    }
}
