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

    /**
     * The version a history page starts below (histories are newest first): the cursor is the last
     * version on the previous page; no cursor starts at the newest.
     */
    public static long versionBefore(String cursor) {
        return cursor == null || cursor.isEmpty() ? Long.MAX_VALUE : longAfter(cursor);
    }

    /** A cursor of a text key (a programme id, a municipality code), for collections keyed by text. */
    public static String afterKey(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The text key a cursor names, which must have the keys' shape {@code keyShape}; null for the first page. */
    public static String keyAfter(String cursor, java.util.regex.Pattern keyShape) {
        String key = keyAfter(cursor);
        if (key != null && !keyShape.matcher(key).matches()) {
            throw new InvalidFieldException("_cursor", "is not a cursor this server issued");
        }
        return key;
    }

    /** The text key a cursor names, or null for the first page. */
    public static String keyAfter(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("_cursor", "is not a cursor this server issued");
        }
    }

    /** A cursor of several key parts, for an order over several columns (none of the parts may hold '|'). */
    public static String ofParts(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
            joined.append(joined.isEmpty() ? "" : "|").append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code count} parts a cursor names, or null for the first page. */
    public static String[] parts(String cursor, int count) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != count) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("_cursor", "is not a cursor this server issued");
        }
    }

    /**
     * A keyset cursor of (instant, key), for lists ordered by a time and then an id; the key is a
     * resource id as text (a UUID, or a client id).
     */
    public record InstantAndKey(java.time.Instant at, String key) {

        public InstantAndKey(java.time.Instant at, Object key) {
            this(at, String.valueOf(key));
        }

        /** The key as a UUID; a cursor whose key is not one was not issued by this server. */
        public UUID uuid() {
            try {
                return UUID.fromString(key);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("_cursor", "is not a cursor this server issued");
            }
        }
    }

    /** The cursor after an item at {@code at} (kept to the microsecond, as PostgreSQL stores it). */
    public static String after(InstantAndKey last) {
        return ofParts(java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, last.at()), last.key());
    }

    /** The (instant, key) a cursor names, or null for the first page. */
    public static InstantAndKey instantAndKeyAfter(String cursor) {
        String[] parts = parts(cursor, 2);
        if (parts == null) {
            return null;
        }
        try {
            return new InstantAndKey(java.time.Instant.EPOCH.plus(Long.parseLong(parts[0]), java.time.temporal.ChronoUnit.MICROS),
                    parts[1]);
        } catch (RuntimeException e) {
            throw new InvalidFieldException("_cursor", "is not a cursor this server issued");
        }
    }
}
