package dk.overgang.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * R14: for a sentence of 30 days or more, a release date falling on Thursday-Sunday is moved forward
 * by up to 4 days to Monday-Wednesday, so the released person can reach the municipality, the bank
 * and others straight away.
 *
 * <p>Public holidays: the guide is silent. Overgang moves the release to the latest Monday-Wednesday
 * within the 4 days that is not a public holiday (Easter week: Good Friday release moves to Wednesday,
 * as Maundy Thursday is a holiday anyway). When the only Monday-Wednesday within 4 days is a holiday
 * (a Sunday 29 December whose Wednesday is Christmas Day, as in 2024), the 4-day limit wins: the
 * date is left unchanged and the reason says so, for the caseworker to decide.
 */
public final class ReleaseDateAdvancement {

    static final int MINIMUM_SENTENCE_DAYS = 30;
    static final int MAXIMUM_ADVANCE_DAYS = 4;

    private ReleaseDateAdvancement() {
    }

    /** The date the person actually walks out, with the reason. */
    public static Decision<LocalDate> effectiveReleaseDate(LocalDate releaseDate, Integer sentenceLengthDays) {
        if (sentenceLengthDays == null || sentenceLengthDays < MINIMUM_SENTENCE_DAYS) {
            return new Decision<>(RuleId.R14, releaseDate, "Løsladelsesdatoen " + releaseDate
                    + " fremrykkes ikke, fordi straffen er under 30 dage " + RuleId.R14.citation() + ".");
        }
        if (!isThursdayToSunday(releaseDate)) {
            return new Decision<>(RuleId.R14, releaseDate, "Løsladelsesdatoen " + releaseDate + " er en "
                    + Texts.weekday(releaseDate) + " og fremrykkes ikke " + RuleId.R14.citation() + ".");
        }
        for (int back = 1; back <= MAXIMUM_ADVANCE_DAYS; back++) {
            LocalDate candidate = releaseDate.minusDays(back);
            if (!isThursdayToSunday(candidate) && !DanishPublicHolidays.isHoliday(candidate)) {
                return new Decision<>(RuleId.R14, candidate, "Løsladelsen fremrykkes fra " + Texts.weekday(releaseDate)
                        + " " + releaseDate + " til " + Texts.weekday(candidate) + " " + candidate
                        + ", fordi straffe på 30 dage eller derover ikke afsluttes torsdag-søndag " + RuleId.R14.citation() + ".");
            }
        }
        return new Decision<>(RuleId.R14, releaseDate, "Løsladelsesdatoen " + releaseDate
                + " kan ikke fremrykkes til en hverdag mandag-onsdag inden for 4 dage uden at ramme en helligdag "
                + RuleId.R14.citation() + ".");
    }

    private static boolean isThursdayToSunday(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day.getValue() >= DayOfWeek.THURSDAY.getValue();
    }
}
