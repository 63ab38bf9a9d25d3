package dk.overgang.web;

import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.codec.CodecException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The server's HTML pages: escaping every value written into a page, and writing a page out. */
public final class Html {

    /** No script, nothing fetched from elsewhere, styles inline in the page, never framed. */
    public static final String PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    private Html() {
    }

    /** The text with {@code < > & " '} escaped; null becomes the empty string. */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes {@code page} as UTF-8 HTML with the pages' content security policy. */
    public static void write(String page, MutableHeaders headers, OutputStream out) throws CodecException {
        headers.set("Content-Type", "text/html;charset=utf-8");
        headers.set("Content-Security-Policy", PAGE_CSP);
        try {
            out.write(page.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CodecException("Cannot write the page", e);
        }
    }
}
