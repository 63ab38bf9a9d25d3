package dk.overgang.web;

/** Escaping for the server's HTML pages: every value written into a page goes through here. */
public final class Html {

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
}
