package dk.overgang.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A JSON body is one JSON document in UTF-8 (RFC 8259 §8.1), and nothing is silently repaired: a
 * declared charset other than UTF-8, bytes that are not well-formed UTF-8 (invalid, overlong,
 * encoded surrogates), an escaped lone surrogate ({@code "\ud800"}) and data after the document are
 * refused with 400 {@code malformed-json} before any controller sees the body.
 *
 * <p>Written here because neither Netty nor Jackson (as Micronaut Serde drives it) checks these:
 * Jackson's UTF-8 parser decodes the overlong {@code C0 AF} as {@code /}, accepts escaped lone
 * surrogates, and Serde reads the first document and ignores what follows. The body is at most
 * 64 KiB ({@code micronaut.server.max-request-size}), so buffering it for one pass costs little.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class StrictJsonBodyFilter implements Ordered {

    @Override
    public int getOrder() {
        // After authentication: an anonymous caller learns nothing about bodies.
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter(methods = {io.micronaut.http.HttpMethod.POST, io.micronaut.http.HttpMethod.PUT,
            io.micronaut.http.HttpMethod.PATCH})
    public void refuseMalformedJson(HttpRequest<?> request, @Body byte[] body) {
        MediaType type = request.getContentType().orElse(null);
        if (type == null || body == null || !isJson(type)) {
            return;
        }
        String charset = type.getParameters().get("charset").orElse(null);
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw new MalformedBodyException("The body must be UTF-8 (charset=utf-8 or none).");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("The body is not well-formed UTF-8.");
        }
        JsonShape.check(text);
    }

    private static boolean isJson(MediaType type) {
        String sub = type.getSubtype().toLowerCase(Locale.ROOT);
        return sub.equals("json") || sub.endsWith("+json");
    }

    /**
     * Finds where the first JSON value ends (outside strings, by bracket depth) and refuses anything
     * but whitespace after it; inside strings, refuses {@code \\u} escapes that leave a surrogate
     * unpaired. Syntax is otherwise left to the JSON parser.
     */
    static final class JsonShape {

        private JsonShape() {
        }

        static void check(String text) {
            int depth = 0;
            boolean inString = false;
            boolean started = false;
            int end = -1;
            int n = text.length();
            for (int i = 0; i < n && end < 0; i++) {
                char c = text.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        if (i + 1 < n && text.charAt(i + 1) == 'u') {
                            i = checkEscape(text, i);
                        } else {
                            i++;
                        }
                    } else if (c == '"') {
                        inString = false;
                        if (depth == 0) {
                            end = i;
                        }
                    }
                    continue;
                }
                switch (c) {
                    case ' ', '\t', '\n', '\r' -> { }
                    case '"' -> {
                        inString = true;
                        started = true;
                    }
                    case '{', '[' -> {
                        depth++;
                        started = true;
                    }
                    case '}', ']' -> {
                        depth--;
                        if (depth <= 0) {
                            end = i;
                        }
                    }
                    default -> {
                        if (depth == 0 && started) {
                            end = i - 1; // a bare scalar ended at the whitespace before this
                        }
                        started = true;
                    }
                }
            }
            if (end < 0) {
                return; // unterminated or a bare scalar: the parser will say what is wrong
            }
            for (int i = end + 1; i < n; i++) {
                char c = text.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    throw new MalformedBodyException("The body must be exactly one JSON document; data follows it.");
                }
            }
        }

        /** Checks the {@code \\uXXXX} at {@code i}; returns the index of its last character. */
        private static int checkEscape(String text, int i) {
            char unit = hex(text, i + 2);
            int last = i + 5;
            if (Character.isLowSurrogate(unit)) {
                throw new MalformedBodyException("The body holds an unpaired UTF-16 surrogate escape.");
            }
            if (Character.isHighSurrogate(unit)) {
                boolean paired = last + 6 < text.length() + 0 && text.charAt(last + 1) == '\\' && text.charAt(last + 2) == 'u'
                        && Character.isLowSurrogate(hex(text, last + 3));
                if (!paired) {
                    throw new MalformedBodyException("The body holds an unpaired UTF-16 surrogate escape.");
                }
                last += 6;
            }
            return last;
        }

        private static char hex(String text, int from) {
            if (from + 4 > text.length()) {
                return 0; // truncated: the parser refuses it
            }
            try {
                return (char) Integer.parseInt(text.substring(from, from + 4), 16);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
