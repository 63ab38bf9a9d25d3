package dk.overgang.rules;

import java.time.LocalDate;

/**
 * The one "expected release" (forventet løsladelse) every rule counts from: R2, R4, R7, R8, R10,
 * R11, R13 and R16.
 *
 * <p>The guide counts these deadlines from the day the person is expected to walk out. For a person
 * expected to be paroled (prøveløsladt), that is the expected parole date, not the end of the full
 * term: §3.3.3 "senest 3 måneder før forventet løsladelse. Hvis afsoneren er i målgruppen for
 * prøveløsladelse med tilsyn, skal KiF også inviteres" only makes sense if the meeting comes before
 * a parole. So:
 * <ul>
 *   <li>the expected parole date while parole is expected (set and not refused);</li>
 *   <li>else the full-term date (expected release date);</li>
 *   <li>an actual release ends the question (the case is then released, nothing is expected).</li>
 * </ul>
 * R14 then advances whichever date that is ({@link #effective()}).
 *
 * @param date      the expected release before R14
 * @param basis     which date it is, and why
 * @param advanced  the date after R14, with R14's reason
 */
public record ExpectedRelease(LocalDate date, Basis basis, Decision<LocalDate> advanced) {

    /** Which date the expected release is, and why: said in every reason that counts from it. */
    public enum Basis {
        PAROLE("forventet prøveløsladelse"),
        FULL_TERM_NO_PAROLE("fuld tid; der er ingen forventet prøveløsladelse"),
        FULL_TERM_PAROLE_REFUSED("fuld tid, fordi prøveløsladelse er afslået");

        private final String danish;

        Basis(String danish) {
            this.danish = danish;
        }

        public String danish() {
            return danish;
        }

        /** The wire name: {@code FULL_TERM_PAROLE_REFUSED} is {@code full-term-parole-refused}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The expected release of a case, or null when the dates needed are not known (or the person is released). */
    public static ExpectedRelease of(InmateFacts f) {
        if (f.released()) {
            return null;
        }
        LocalDate date;
        Basis basis;
        if (f.expectedParoleDate() != null && !f.paroleRefused()) {
            date = f.expectedParoleDate();
            basis = Basis.PAROLE;
        } else if (f.expectedReleaseDate() != null) {
            date = f.expectedReleaseDate();
            basis = f.paroleRefused() ? Basis.FULL_TERM_PAROLE_REFUSED : Basis.FULL_TERM_NO_PAROLE;
        } else {
            return null;
        }
        // R14 advances whichever date that is: a parole date is a release date too.
        return new ExpectedRelease(date, basis, ReleaseDateAdvancement.effectiveReleaseDate(date, f.sentenceLengthDays()));
    }

    /** The day the person is expected to walk out: {@link #date} moved by R14. */
    public LocalDate effectiveDate() {
        return advanced.value();
    }

    /**
     * For the reason texts: "2027-03-01 (forventet prøveløsladelse)", with R14's move when it moved
     * the date: "2027-08-25 (fuld tid, ...; fremrykket fra 2027-08-26 efter R14)".
     */
    public String describe() {
        String moved = advanced.value().equals(date) ? "" : "; fremrykket fra " + date + " efter R14";
        return advanced.value() + " (" + basis.danish() + moved + ")";
    }

    /** The effective date with the whole reason: which date, why, and what R14 did to it. */
    public Decision<LocalDate> effective() {
        return new Decision<>(RuleId.R14, advanced.value(), "Forventet løsladelse er " + date + " (" + basis.danish()
                + "). " + advanced.reason());
    }
}
