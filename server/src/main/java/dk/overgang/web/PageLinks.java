package dk.overgang.web;

import dk.overgang.shared.Slice;
import io.micronaut.http.uri.UriBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** {@code self} and {@code next} links of a keyset-paged collection, relative to the server. */
public final class PageLinks {

    private static final int DEFAULT_COUNT = 50;

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

    /** The page size a request asked for ({@code _count}), or the contract's default of 50. */
    public static int limit(Integer count) {
        return count == null ? DEFAULT_COUNT : count;
    }

    /**
     * The links of one page of a collection (issue 26: every collection is paged the same way):
     * {@code _count} is kept in both links, and {@code next} is there only when more follow, with the
     * cursor {@code cursorOf} makes of the page's last item.
     */
    public static <T> dk.overgang.api.generated.model.PageLinks of(String path, Map<String, Object> query, int limit,
                                                                   String cursor, Slice<T> page, Function<T, String> cursorOf) {
        Map<String, Object> withCount = new LinkedHashMap<>(query);
        withCount.put("_count", limit);
        return of(path, withCount, cursor, page.hasMore() ? cursorOf.apply(page.items().getLast()) : null);
    }

    /** The links of one page of a collection that takes no filters. */
    public static <T> dk.overgang.api.generated.model.PageLinks of(String path, int limit, String cursor, Slice<T> page,
                                                                   Function<T, String> cursorOf) {
        return of(path, Map.of(), limit, cursor, page, cursorOf);
    }

    /** One page of a collection as the API answers it: the items and their links. */
    public record Page<A>(List<A> items, dk.overgang.api.generated.model.PageLinks links) {
    }

    /** Reads one page of a version history: the versions below {@code before}, at most {@code limit}. */
    @FunctionalInterface
    public interface HistoryRead<T> {
        Slice<T> page(long before, int limit);
    }

    /**
     * One page of a resource's {@code _history} (issue 26: one version history, paged like every
     * collection): newest first, the cursor being the last version on the page.
     */
    public static <T, A> Page<A> history(String path, Integer count, String cursor, HistoryRead<T> read,
                                         ToLongFunction<T> versionOf, Function<T, A> toApi) {
        int limit = limit(count);
        Slice<T> page = read.page(Cursors.versionBefore(cursor), limit);
        return new Page<>(page.items().stream().map(toApi).toList(),
                of(path, limit, cursor, page, t -> Cursors.after(versionOf.applyAsLong(t))));
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
