package dk.overgang.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The one range every date and date-time the API accepts must lie in (issue 27 §2): from
 * {@value #EARLIEST_TEXT} to {@value #LATEST_TEXT}. Java reads dates up to year 999,999,999 and
 * PostgreSQL stores them to year 5,874,897 only, so a far date used to reach the database and fail
 * there (a 500). Every way a date enters is checked here: query parameters
 * ({@code web/ApiDateConverters}), JSON bodies ({@code web/ApiDateDeserializers}) and cursors
 * ({@code web/Cursors}), each answering 400 naming the field.
 */
public final class ApiDates {

    public static final String EARLIEST_TEXT = "1900-01-01";
    public static final String LATEST_TEXT = "2200-12-31";
    public static final LocalDate EARLIEST = LocalDate.parse(EARLIEST_TEXT);
    public static final LocalDate LATEST = LocalDate.parse(LATEST_TEXT);
    /** The sentence every refusal shows (never the value, which could be anything). */
    public static final String RANGE = "must be a date from " + EARLIEST_TEXT + " to " + LATEST_TEXT
            + " (a date-time: its UTC date from 1900-01-02 to 2200-12-30)";

    /** A full date as the contract writes it (RFC 3339 full-date, at most 10 characters). */
    private static final Pattern FULL_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private ApiDates() {
    }

    public static boolean within(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }

    /**
     * A date-time is within when its UTC date is one day inside the date range, so that its date in
     * any time zone (a meeting's date in Copenhagen, say, which a cursor carries) is a date within.
     */
    public static boolean within(ZonedDateTime time) {
        LocalDate utc = time.withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        return utc.isAfter(EARLIEST) && utc.isBefore(LATEST);
    }

    /**
     * A {@code yyyy-MM-dd} date within the range.
     *
     * @throws DateTimeException if the text is no such date
     */
    public static LocalDate date(CharSequence text) {
        if (text == null || !FULL_DATE.matcher(text).matches()) {
            throw new DateTimeParseException("not a yyyy-MM-dd date", "", 0);
        }
        LocalDate date = LocalDate.parse(text);
        if (!within(date)) {
            throw new DateTimeException(RANGE);
        }
        return date;
    }

    /**
     * An ISO date-time with an offset (and optionally a zone id) whose instant is within the range.
     *
     * @throws DateTimeException if the text is no such date-time
     */
    public static ZonedDateTime dateTime(CharSequence text) {
        if (text == null || text.length() > 64) {
            throw new DateTimeParseException("not a date-time", "", 0);
        }
        ZonedDateTime time = ZonedDateTime.parse(text, DateTimeFormatter.ISO_ZONED_DATE_TIME);
        if (!within(time)) {
            throw new DateTimeException(RANGE);
        }
        return time;
    }
}
