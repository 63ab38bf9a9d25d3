package dk.overgang.inmate;

import dk.overgang.shared.InvalidFieldException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * A CPR number (the Danish personal id, {@code DDMMYY-SSSS}). Validated for format and for a real
 * date of birth, using the CPR office's century rule (the first serial digit and the year decide
 * the century). The modulus-11 check is not applied: CPR numbers without it have been issued since
 * 2007. {@link #toString()} never shows the number, so it cannot leak into a log line by accident.
 */
public final class Cpr {

    private static final Pattern FORMAT = Pattern.compile("^([0-9]{6})-?([0-9]{4})$");

    private final String digits;

    private Cpr(String digits) {
        this.digits = digits;
    }

    /** Parses a CPR number given in field {@code field}; the error names the field, never the value. */
    public static Cpr parse(String raw, String field) {
        var m = raw == null ? null : FORMAT.matcher(raw);
        if (m == null || !m.matches()) {
            throw new InvalidFieldException(field, "must be a CPR number of the form DDMMYY-SSSS");
        }
        Cpr cpr = new Cpr(m.group(1) + m.group(2));
        try {
            cpr.birthDate();
        } catch (DateTimeException e) {
            throw new InvalidFieldException(field, "the CPR number's first six digits are not a valid date");
        }
        return cpr;
    }

    /** Restores a number already validated when it was stored. */
    static Cpr fromStored(String digits) {
        return new Cpr(digits);
    }

    /** The date of birth encoded in the number. */
    public LocalDate birthDate() {
        int day = Integer.parseInt(digits.substring(0, 2));
        int month = Integer.parseInt(digits.substring(2, 4));
        int yy = Integer.parseInt(digits.substring(4, 6));
        int seventh = digits.charAt(6) - '0';
        int century;
        if (seventh <= 3) {
            century = 1900;
        } else if (seventh == 4 || seventh == 9) {
            century = yy <= 36 ? 2000 : 1900;
        } else {
            century = yy <= 57 ? 2000 : 1800;
        }
        return LocalDate.of(century + yy, month, day);
    }

    /** The ten digits, as stored. */
    public String digits() {
        return digits;
    }

    /** {@code DDMMYY-SSSS}, as shown in the API. */
    public String formatted() {
        return digits.substring(0, 6) + "-" + digits.substring(6);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cpr other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return "Cpr[redacted]";
    }
}
