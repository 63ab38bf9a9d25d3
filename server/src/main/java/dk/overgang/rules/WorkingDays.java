package dk.overgang.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Danish working days: Monday to Friday, public holidays excluded ({@link DanishPublicHolidays}). */
public final class WorkingDays {

    private WorkingDays() {
    }

    public static boolean isWorkingDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY
                && !DanishPublicHolidays.isHoliday(date);
    }

    /** The working day {@code days} working days after {@code from} (from itself does not count). */
    public static LocalDate plus(LocalDate from, int days) {
        LocalDate date = from;
        int left = days;
        while (left > 0) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                left--;
            }
        }
        return date;
    }
}
