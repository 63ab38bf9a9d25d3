package dk.overgang.web;

import io.micronaut.http.uri.UriBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code self} and {@code next} links of a keyset-paged collection, relative to the server. */
public final class PageLinks {

    private PageLinks() {
    }

    /**
     * @param path   the collection path
     * @param query  the request's filters in a stable order (null values left out)
     * @param cursor the cursor of this page (null for the first)
     * @param next   the cursor of the next page, or null on the last page
     */
    public static dk.overgang.api.generated.model.PageLinks of(String path, Map<String, Object> query, String cursor, String next) {
        var links = new dk.overgang.api.generated.model.PageLinks(link(path, query, cursor));
        if (next != null) {
            links.setNext(link(path, query, next));
        }
        return links;
    }

    private static String link(String path, Map<String, Object> query, String cursor) {
        Map<String, Object> params = new LinkedHashMap<>(query);
        params.put("_cursor", cursor);
        UriBuilder uri = UriBuilder.of(path);
        params.forEach((name, value) -> {
            if (value != null) {
                uri.queryParam(name, value);
            }
        });
        return uri.build().toString();
    }
}
