package dk.overgang.web;

import java.util.Optional;
import java.util.regex.Pattern;

/** Versions on the wire: {@code ETag: W/"3"} out, {@code If-Match: W/"3"} (or {@code "3"}) in. */
public final class ETags {

    private static final Pattern TAG = Pattern.compile("^\\s*(?:W/)?\"([1-9][0-9]{0,17})\"\\s*$");

    private ETags() {
    }

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} names. Empty when the header is missing (428). A header that
     * names no version we could hold ({@code *}, a list, garbage) maps to version 0, which never
     * matches, so it answers 412 as RFC 9110 prescribes for a failed condition.
     */
    public static Optional<Long> ifMatchVersion(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        var m = TAG.matcher(header);
        return Optional.of(m.matches() ? Long.parseLong(m.group(1)) : 0L);
    }
}
