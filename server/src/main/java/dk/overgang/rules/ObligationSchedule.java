package dk.overgang.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every obligation of one inmate's case on one day. Pure: the same facts, fulfilled events and day
 * always give the same answer. Deadlines count back from the {@link ExpectedRelease}: the expected
 * parole while parole is expected, else the full term, moved by R14: the day the person walks out.
 */
public final class ObligationSchedule {

    /**
     * R7: over 6 months inside, the municipality must look for another way to keep the home. The stay
     * ends at the expected release ({@link ExpectedRelease}: the parole date while parole is expected).
     */
    public static Decision<Boolean> stayOverSixMonths(InmateFacts facts) {
        ExpectedRelease release = facts.expectedRelease();
        if (facts.sentenceStart() == null || release == null) {
            return new Decision<>(RuleId.R7, false, "Opholdets længde kendes ikke " + RuleId.R7.citation() + ".");
        }
        boolean over = release.date().isAfter(facts.sentenceStart().plusMonths(6));
        return new Decision<>(RuleId.R7, over, (over ? "Opholdet varer over 6 måneder" : "Opholdet varer højst 6 måneder")
                + " (" + facts.sentenceStart() + " til forventet løsladelse " + release.date() + ", "
                + release.basis().danish() + ") " + RuleId.R7.citation() + ".");
    }

    /** R4: no LS/RNR when less than this many days remain to parole or release at reception. */
    static final int LSRNR_MINIMUM_DAYS = 28;

    private ObligationSchedule() {
    }

    /**
     * @param facts  what is known about the inmate
     * @param doneOn when each fulfilled obligation was done (contact made, meeting held, decision taken)
     * @param today  the day to evaluate
     * @return one obligation per kind, in a stable order: by due date, then kind
     */
    public static List<Obligation> compute(InmateFacts facts, Map<ObligationKind, LocalDate> doneOn, LocalDate today) {
        Stream<Obligation> outcomes = Stream.of(ObligationKind.OUTCOME_3_MONTHS, ObligationKind.OUTCOME_6_MONTHS,
                ObligationKind.OUTCOME_12_MONTHS).map(k -> outcome(facts, k, doneOn.get(k), today));
        if (facts.released()) {
            return Stream.concat(Stream.of(ObligationKind.values()).filter(k -> !k.isEventDriven() && !k.isOutcome())
                    .map(k -> Obligation.notApplicable(k, "Personen er løsladt")), outcomes).toList();
        }
        return Stream.concat(outcomes, Stream.of(
                        municipalityContact(facts, doneOn.get(ObligationKind.MUNICIPALITY_CONTACT), today),
                        lsRnr(facts, doneOn.get(ObligationKind.LSRNR_ASSESSMENT), today),
                        housingRenewal(facts, doneOn.get(ObligationKind.HOUSING_REGISTRATION_RENEWAL), today),
                        releaseMeeting(facts, doneOn.get(ObligationKind.RELEASE_MEETING), today),
                        mentorStart(facts, doneOn.get(ObligationKind.MENTOR_START), today),
                        oneOffBenefit(facts, doneOn.get(ObligationKind.ONE_OFF_BENEFIT_DECISION), today),
                        infohus(facts, doneOn.get(ObligationKind.INFOHUS_NOTICE), today)))
                .sorted(Comparator.comparing(Obligation::dueDate, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Obligation::kind))
                .toList();
    }

    /**
     * R2, the guide's §2.4: "For afsonere med mere end et år til forventet prøveløsladelse, skal
     * kommunen kontaktes senest 1 år inden forventet løsladelsesdato. For afsonere med mindre end 1 år
     * til forventet prøveløsladelse, skal kommunen kontaktes senest 4 uger efter, at straffen er
     * iværksat." Both sentences use the one {@link ExpectedRelease}: the expected parole while parole
     * is expected, else the full term. More than 1 year from the start of the sentence to it: at the
     * latest 1 year before it (moved by R14); otherwise at the latest 4 weeks after the start. Exactly
     * 1 year counts as "not more than 1 year". Never for remand prisoners or people expelled by judgment.
     */
    static Obligation municipalityContact(InmateFacts f, LocalDate doneOn, LocalDate today) {
        ObligationKind kind = ObligationKind.MUNICIPALITY_CONTACT;
        if (!f.sentenced()) {
            return Obligation.notApplicable(kind, "Kommunen kontaktes ikke for varetægtsarrestanter");
        }
        if (f.expelledByJudgment()) {
            return Obligation.notApplicable(kind, "Kommunen kontaktes ikke for udvisningsdømte");
        }
        if (f.sentenceStart() == null) {
            return Obligation.incomplete(kind, "straffens startdato");
        }
        ExpectedRelease release = f.expectedRelease();
        if (release == null) {
            return Obligation.incomplete(kind, "forventet prøveløsladelses- eller løsladelsesdato");
        }
        if (release.date().isAfter(f.sentenceStart().plusYears(1))) {
            LocalDate due = release.effectiveDate().minusYears(1);
            return Obligation.deadline(kind, due, "Der er mere end 1 år fra straffens start (" + f.sentenceStart()
                    + ") til forventet løsladelse " + release.describe() + ", så kommunen skal kontaktes senest 1 år "
                    + "før, dvs. senest " + due + " (»mere end et år til forventet prøveløsladelse ... senest 1 år "
                    + "inden forventet løsladelsesdato«)", today, doneOn);
        }
        LocalDate due = f.sentenceStart().plusWeeks(4);
        return Obligation.deadline(kind, due, "Der er højst 1 år fra straffens start (" + f.sentenceStart()
                + ") til forventet løsladelse " + release.describe() + ", så kommunen skal kontaktes senest 4 uger "
                + "efter straffens start, dvs. senest " + due + " (»mindre end 1 år til forventet prøveløsladelse ... "
                + "senest 4 uger efter, at straffen er iværksat«)", today, doneOn);
    }

    /**
     * R4: an LS/RNR assessment is made at reception, except for people expelled by judgment and
     * when less than 28 days remain to the expected parole or release at the start of the sentence.
     * Reception is the start of the sentence, so that is its due date. Remand prisoners are assessed
     * when the remand turns into a sentence (R1).
     */
    static Obligation lsRnr(InmateFacts f, LocalDate doneOn, LocalDate today) {
        ObligationKind kind = ObligationKind.LSRNR_ASSESSMENT;
        if (!f.sentenced()) {
            return Obligation.notApplicable(kind, "LS/RNR udarbejdes, når varetægten bliver til afsoning");
        }
        if (f.expelledByJudgment()) {
            return Obligation.notApplicable(kind, "LS/RNR udarbejdes ikke for udvisningsdømte");
        }
        if (f.sentenceStart() == null) {
            return Obligation.incomplete(kind, "straffens startdato");
        }
        ExpectedRelease release = f.expectedRelease();
        if (release == null) {
            return Obligation.incomplete(kind, "forventet prøveløsladelses- eller løsladelsesdato");
        }
        LocalDate end = release.date();
        long days = ChronoUnit.DAYS.between(f.sentenceStart(), end);
        if (days < LSRNR_MINIMUM_DAYS) {
            return Obligation.notApplicable(kind, "Der er kun " + days + " dage fra modtagelsen (" + f.sentenceStart()
                    + ") til forventet løsladelse (" + end + ", " + release.basis().danish()
                    + "), under 28 dage, så LS/RNR udarbejdes ikke");
        }
        return Obligation.deadline(kind, f.sentenceStart(), "LS/RNR udarbejdes ved modtagelsen (" + f.sentenceStart()
                + "), fordi der er " + days + " dage til forventet løsladelse (" + end + ", " + release.basis().danish()
                + ")", today, doneOn);
    }

    /**
     * R8: the inmate is reminded every year to renew a housing registration, until release. Due one
     * year after the latest registration or renewal, if that is before the release.
     */
    static Obligation housingRenewal(InmateFacts f, LocalDate doneOn, LocalDate today) {
        ObligationKind kind = ObligationKind.HOUSING_REGISTRATION_RENEWAL;
        if (f.housingRegistrations().isEmpty()) {
            return Obligation.notApplicable(kind, "Der er ingen boligopskrivning at forny");
        }
        LocalDate latest = f.housingRegistrations().stream().max(Comparator.naturalOrder()).orElseThrow();
        if (doneOn != null && doneOn.isAfter(latest)) {
            latest = doneOn;
            doneOn = null; // a reminder given starts the next year's cycle
        }
        LocalDate due = latest.plusYears(1);
        ExpectedRelease release = f.expectedRelease();
        if (release != null && !due.isBefore(release.effectiveDate())) {
            return Obligation.notApplicable(kind, "Næste fornyelse (" + due + ") falder efter forventet løsladelse "
                    + release.describe());
        }
        return Obligation.deadline(kind, due, "Boligopskrivningen fra " + latest
                + " skal fornyes årligt; den indsatte mindes om det senest " + due, today, doneOn);
    }

    /**
     * R10, §3.3.3: "indkalde kommunen og andre relevante samarbejdspartnere til løsladelsesmødet senest
     * 3 måneder før forventet løsladelse". Called means fulfilled: recording the meeting (a
     * release-meeting resource) fulfils it on the day it was called.
     */
    static Obligation releaseMeeting(InmateFacts f, LocalDate doneOn, LocalDate today) {
        ObligationKind kind = ObligationKind.RELEASE_MEETING;
        if (!f.sentenced()) {
            return Obligation.notApplicable(kind, "Der holdes ikke løsladelsesmøde for varetægtsarrestanter");
        }
        if (f.expelledByJudgment()) {
            return Obligation.notApplicable(kind, "Der holdes ikke løsladelsesmøde med kommunen for udvisningsdømte");
        }
        ExpectedRelease release = f.expectedRelease();
        if (release == null) {
            return Obligation.incomplete(kind, "forventet løsladelsesdato");
        }
        LocalDate due = release.effectiveDate().minusMonths(3);
        if (f.sentenceStart() != null && due.isBefore(f.sentenceStart())) {
            return Obligation.deadline(kind, f.sentenceStart(), "Der er under 3 måneder fra straffens start til "
                    + "forventet løsladelse " + release.describe() + ", så løsladelsesmødet indkaldes straks ved "
                    + "straffens start (" + f.sentenceStart() + ")", today, doneOn);
        }
        return Obligation.deadline(kind, due, "Løsladelsesmødet indkaldes senest 3 måneder før forventet løsladelse "
                + release.describe() + ", dvs. senest " + due, today, doneOn);
    }

    /**
     * R11: a prison-service mentor may be assigned when the LS/RNR risk is medium, high or very high,
     * there is a special need and the person is motivated, at the earliest 3 months before the
     * expected release. Exit and extremism mentors are exempt from the score and the time limit.
     * The due date here is the earliest start.
     */
    static Obligation mentorStart(InmateFacts f, LocalDate doneOn, LocalDate today) {
        ObligationKind kind = ObligationKind.MENTOR_START;
        if (f.exitOrExtremismMentor()) {
            LocalDate from = f.sentenceStart() != null ? f.sentenceStart() : today;
            return Obligation.earliest(kind, from, "Exit- og ekstremismementorer er undtaget fra krav om score og "
                    + "tidsgrænse; forløbet kan begynde nu", today, doneOn);
        }
        if (f.riskLevel() == null) {
            return Obligation.incomplete(kind, "LS/RNR-risikoniveau");
        }
        if (!f.riskLevel().justifiesMentor()) {
            return Obligation.notApplicable(kind, "Risikoniveauet er " + Texts.risk(f.riskLevel())
                    + "; en mentor kræver middel, høj eller meget høj risiko");
        }
        if (!f.specialNeed() || !f.motivated()) {
            return Obligation.notApplicable(kind, "En mentor kræver både et særligt behov og at den indsatte er motiveret");
        }
        ExpectedRelease release = f.expectedRelease();
        if (release == null) {
            return Obligation.incomplete(kind, "forventet løsladelsesdato");
        }
        LocalDate earliest = release.effectiveDate().minusMonths(3);
        return Obligation.earliest(kind, earliest, "Risikoniveau " + Texts.risk(f.riskLevel()) + ", særligt behov og "
                + "motivation: mentorforløbet kan begynde tidligst 3 måneder før forventet løsladelse "
                + release.describe() + ", dvs. fra " + earliest, today, doneOn);
    }

    /** R13: the municipality decides on a one-off benefit at the latest 14 days before the release. */
    static Obligation oneOffBenefit(InmateFacts f, LocalDate doneOn, LocalDate today) {
        ObligationKind kind = ObligationKind.ONE_OFF_BENEFIT_DECISION;
        if (!f.sentenced()) {
            return Obligation.notApplicable(kind, "Engangshjælp ved løsladelse gælder afsonere");
        }
        if (f.expelledByJudgment()) {
            return Obligation.notApplicable(kind, "Engangshjælp fra kommunen er ikke aktuel ved udvisning");
        }
        ExpectedRelease release = f.expectedRelease();
        if (release == null) {
            return Obligation.incomplete(kind, "forventet løsladelsesdato");
        }
        LocalDate due = release.effectiveDate().minusDays(14);
        return Obligation.deadline(kind, due, "Kommunen træffer afgørelse om engangshjælp senest 14 dage før "
                + "forventet løsladelse " + release.describe() + ", dvs. senest " + due
                + "; hjælpen udbetales på løsladelsesdagen", today, doneOn);
    }

    /**
     * R16: with a radicalisation concern, the security unit notifies the Infohus 3 months before the
     * expected release, or as soon as possible when the concern arises later than that.
     */
    static Obligation infohus(InmateFacts f, LocalDate doneOn, LocalDate today) {
        ObligationKind kind = ObligationKind.INFOHUS_NOTICE;
        if (f.radicalisationConcernSince() == null) {
            return Obligation.notApplicable(kind, "Der er ingen registreret bekymring for radikalisering");
        }
        ExpectedRelease release = f.expectedRelease();
        if (release == null) {
            return Obligation.incomplete(kind, "forventet løsladelsesdato");
        }
        LocalDate due = release.effectiveDate().minusMonths(3);
        if (f.radicalisationConcernSince().isAfter(due)) {
            return Obligation.deadline(kind, f.radicalisationConcernSince(), "Bekymringen blev registreret "
                    + f.radicalisationConcernSince() + ", senere end 3 måneder før forventet løsladelse "
                    + release.describe() + "; Infohuset underrettes hurtigst muligt", today, doneOn);
        }
        return Obligation.deadline(kind, due, "Sikkerhedsenheden underretter Infohuset 3 måneder før forventet "
                + "løsladelse " + release.describe() + ", dvs. senest " + due, today, doneOn);
    }

    /**
     * G1 (seed 003, domain.md "Outcomes"): the acting municipality records where the person is 3, 6
     * and 12 months after the actual release. Due from the checkpoint, overdue
     * {@link Obligation#OUTCOME_RECORDING_DAYS} days after it; not for people expelled by judgment.
     */
    static Obligation outcome(InmateFacts f, ObligationKind kind, LocalDate doneOn, LocalDate today) {
        if (!f.released()) {
            return Obligation.notApplicable(kind, "Status registreres efter løsladelsen");
        }
        if (f.expelledByJudgment()) {
            return Obligation.notApplicable(kind, "Status registreres ikke for udvisningsdømte");
        }
        if (f.releasedOn() == null) {
            return Obligation.incomplete(kind, "løsladelsesdatoen");
        }
        LocalDate due = f.releasedOn().plusMonths(kind.outcomeMonths());
        return Obligation.deadline(kind, due, "Handlekommunen registrerer, om personen er i aktivering, beskæftigelse "
                + "eller uddannelse " + kind.outcomeMonths() + " måneder efter løsladelsen " + f.releasedOn() + ", dvs. fra "
                + due + " og senest " + due.plusDays(Obligation.OUTCOME_RECORDING_DAYS), today, doneOn);
    }
}
