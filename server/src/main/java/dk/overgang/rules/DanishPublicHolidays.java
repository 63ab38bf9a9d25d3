package dk.overgang.rules;

import java.time.LocalDate;
import java.time.Month;
import java.util.Set;

/**
 * Danish public holidays (helligdage): New Year's Day, Maundy Thursday, Good Friday, Easter Sunday
 * and Monday, Great Prayer Day (until 2023; abolished from 2024), Ascension Day, Whit Sunday and
 * Monday, Christmas Day and Boxing Day. Christmas Eve, New Year's Eve and Constitution Day are
 * customary days off but not public holidays, so they are not counted.
 */
public final class DanishPublicHolidays {

    private DanishPublicHolidays() {
    }

    public static boolean isHoliday(LocalDate date) {
        return holidays(date.getYear()).contains(date);
    }

    static Set<LocalDate> holidays(int year) {
        LocalDate easter = easterSunday(year);
        var days = new java.util.HashSet<>(Set.of(
                LocalDate.of(year, Month.JANUARY, 1),
                easter.minusDays(3), easter.minusDays(2), easter, easter.plusDays(1),
                easter.plusDays(39), easter.plusDays(49), easter.plusDays(50),
                LocalDate.of(year, Month.DECEMBER, 25), LocalDate.of(year, Month.DECEMBER, 26)));
        if (year < 2024) {
            days.add(easter.plusDays(26)); // Store bededag, the fourth Friday after Easter
        }
        return days;
    }

    /** Easter Sunday (Gregorian calendar, the anonymous "Meeus/Jones/Butcher" computus). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
