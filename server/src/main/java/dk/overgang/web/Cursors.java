package dk.overgang.web;

import dk.overgang.shared.ApiDates;
import dk.overgang.shared.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset cursors: the opaque {@code _cursor} is the base64url of the last id on the page, so the
 * next page starts strictly after it and stays stable while rows are added or changed.
 */
public final class Cursors {

    private Cursors() {
    }

    public static String after(UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The id a cursor names, or null for the first page. */
    public static UUID uuidAfter(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("_cursor", "is not a cursor this server issued");
        }
    }

    /** A keyset cursor of (due date, id), for lists ordered by date. */
    public record DateAndId(java.time.LocalDate date, long id) {
    }

    public static String after(DateAndId last) {
        return encodePair(last.date(), last.id());
    }

    /** The (date, id) a cursor names, or null for the first page. */
    public static DateAndId dateAndIdAfter(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        return pair(cursor, (date, id) -> new DateAndId(ApiDates.date(date), Long.parseLong(id)));
    }

    /** A keyset cursor of (date, uuid), for lists ordered by a date and then a resource id. */
    public record DateAndUuid(java.time.LocalDate date, UUID id) {
    }

    public static String after(DateAndUuid last) {
        return encodePair(last.date(), last.id());
    }

    /** The (date, uuid) a cursor names, or null for the first page. */
    public static DateAndUuid dateAndUuidAfter(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        return pair(cursor, (date, id) -> new DateAndUuid(ApiDates.date(date), UUID.fromString(id)));
    }

    private static String encodePair(java.time.LocalDate date, Object id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((date + "|" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes a "date|id" cursor; anything this server did not issue is a 400 naming {@code _cursor}. */
    private static <T> T pair(String cursor, java.util.function.BiFunction<String, String, T> parse) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\|", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a pair");
            }
            return parse.apply(parts[0], parts[1]);
        } catch (RuntimeException e) {
            throw new InvalidFieldException("_cursor", "is not a cursor this server issued");
        }
    }

    /** A numeric keyset cursor (for logs ordered by a sequence). */
    public static String after(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(lastId).getBytes(StandardCharsets.US_ASCII));
    }

    public static long longAfter(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0L;
        }
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("_cursor", "is not a cursor this server issued");
        }
    }
}
