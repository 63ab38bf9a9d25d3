package dk.overgang.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * What the rules need to know about one inmate. Null means "not known (yet)"; a rule that needs a
 * missing fact says so instead of guessing.
 *
 * @param sentenced          true for a sentenced inmate (afsoner), false for remand (varetægt)
 * @param expelledByJudgment udvist ved dom (R2, R4: no municipality contact, no LS/RNR)
 * @param riskLevel          LS/RNR overall risk level, if assessed (R11)
 * @param specialNeed        a special need for a mentor was assessed (R11)
 * @param motivated          the person is motivated for a mentor (R11)
 * @param exitOrExtremismMentor the mentor would be an exit or extremism mentor: no score or time limits (R11)
 * @param radicalisationConcernSince when a radicalisation concern was registered, if any (R16)
 * @param housingRegistrations dates a housing registration was made or last renewed (R8)
 * @param released           the person has been released: nothing is required any more
 * @param paroleRefused      parole (prøveløsladelse) was refused: the full term is the expected release
 * @param releasedOn         the day of the actual release, when released and known (G1: outcome checkpoints)
 */
public record InmateFacts(
        boolean sentenced,
        boolean expelledByJudgment,
        LocalDate sentenceStart,
        Integer sentenceLengthDays,
        LocalDate expectedParoleDate,
        LocalDate expectedReleaseDate,
        RiskLevel riskLevel,
        boolean specialNeed,
        boolean motivated,
        boolean exitOrExtremismMentor,
        LocalDate radicalisationConcernSince,
        List<LocalDate> housingRegistrations,
        boolean released,
        boolean paroleRefused,
        LocalDate releasedOn) {

    public InmateFacts {
        housingRegistrations = housingRegistrations == null ? List.of() : List.copyOf(housingRegistrations);
    }

    /** Facts without a known day of release. */
    public InmateFacts(boolean sentenced, boolean expelledByJudgment, LocalDate sentenceStart, Integer sentenceLengthDays,
                       LocalDate expectedParoleDate, LocalDate expectedReleaseDate, RiskLevel riskLevel, boolean specialNeed,
                       boolean motivated, boolean exitOrExtremismMentor, LocalDate radicalisationConcernSince,
                       List<LocalDate> housingRegistrations, boolean released, boolean paroleRefused) {
        this(sentenced, expelledByJudgment, sentenceStart, sentenceLengthDays, expectedParoleDate, expectedReleaseDate,
                riskLevel, specialNeed, motivated, exitOrExtremismMentor, radicalisationConcernSince, housingRegistrations,
                released, paroleRefused, null);
    }

    /** Released on {@code day} (G1: the outcome checkpoints count from it). */
    public InmateFacts whenReleasedOn(LocalDate day) {
        return new InmateFacts(sentenced, expelledByJudgment, sentenceStart, sentenceLengthDays, expectedParoleDate,
                expectedReleaseDate, riskLevel, specialNeed, motivated, exitOrExtremismMentor, radicalisationConcernSince,
                housingRegistrations, true, paroleRefused, day);
    }

    /** A sentenced inmate with these dates and nothing else known: the common case, and the tests' start. */
    public static InmateFacts sentenced(LocalDate sentenceStart, Integer sentenceLengthDays, LocalDate expectedParoleDate,
                                        LocalDate expectedReleaseDate) {
        return new InmateFacts(true, false, sentenceStart, sentenceLengthDays, expectedParoleDate, expectedReleaseDate,
                null, false, false, false, null, List.of(), false, false);
    }

    public InmateFacts asRemand() {
        return new InmateFacts(false, expelledByJudgment, sentenceStart, sentenceLengthDays, expectedParoleDate,
                expectedReleaseDate, riskLevel, specialNeed, motivated, exitOrExtremismMentor, radicalisationConcernSince,
                housingRegistrations, released, paroleRefused, releasedOn);
    }

    public InmateFacts expelled() {
        return new InmateFacts(sentenced, true, sentenceStart, sentenceLengthDays, expectedParoleDate, expectedReleaseDate,
                riskLevel, specialNeed, motivated, exitOrExtremismMentor, radicalisationConcernSince, housingRegistrations, released, paroleRefused, releasedOn);
    }

    public InmateFacts withMentorAssessment(RiskLevel risk, boolean need, boolean motivation, boolean exitOrExtremism) {
        return new InmateFacts(sentenced, expelledByJudgment, sentenceStart, sentenceLengthDays, expectedParoleDate,
                expectedReleaseDate, risk, need, motivation, exitOrExtremism, radicalisationConcernSince, housingRegistrations, released, paroleRefused, releasedOn);
    }

    public InmateFacts withRadicalisationConcernSince(LocalDate since) {
        return new InmateFacts(sentenced, expelledByJudgment, sentenceStart, sentenceLengthDays, expectedParoleDate,
                expectedReleaseDate, riskLevel, specialNeed, motivated, exitOrExtremismMentor, since, housingRegistrations, released, paroleRefused, releasedOn);
    }

    public InmateFacts withHousingRegistrations(List<LocalDate> dates) {
        return new InmateFacts(sentenced, expelledByJudgment, sentenceStart, sentenceLengthDays, expectedParoleDate,
                expectedReleaseDate, riskLevel, specialNeed, motivated, exitOrExtremismMentor, radicalisationConcernSince, dates, released, paroleRefused, releasedOn);
    }

    /** Parole was refused (afslag på prøveløsladelse): the full term is what counts from now on. */
    public InmateFacts withParoleRefused(boolean refused) {
        return new InmateFacts(sentenced, expelledByJudgment, sentenceStart, sentenceLengthDays, expectedParoleDate,
                expectedReleaseDate, riskLevel, specialNeed, motivated, exitOrExtremismMentor, radicalisationConcernSince,
                housingRegistrations, released, refused, releasedOn);
    }

    /** The one expected release every rule counts from (parole while it is expected), or null when unknown. */
    public ExpectedRelease expectedRelease() {
        return ExpectedRelease.of(this);
    }

}
