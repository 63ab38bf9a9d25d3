package dk.overgang.sdk;

import dk.overgang.sdk.invoker.ApiException;
import dk.overgang.sdk.model.PageLinks;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks a keyset-paged collection: fetches the first page, then follows {@code links.next} (its
 * {@code _cursor}) until there is none, lazily, one page at a time.
 *
 * <pre>{@code
 * Stream<Inmate> all = Pages.stream(
 *         cursor -> client.inmates().searchInmates(null, "101", null, null, null, 100, cursor),
 *         InmatePage::getItems, InmatePage::getLinks);
 * }</pre>
 */
public final class Pages {

    private Pages() {
    }

    /** Fetches the page that starts at {@code cursor} (null for the first page). */
    @FunctionalInterface
    public interface PageFetcher<P> {
        P fetch(String cursor) throws ApiException;
    }

    public static <P, T> Stream<T> stream(PageFetcher<P> fetch, Function<P, List<T>> items, Function<P, PageLinks> links) {
        Iterator<T> iterator = new Iterator<>() {
            private Iterator<T> current = List.<T>of().iterator();
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !last) {
                    P page;
                    try {
                        page = fetch.fetch(cursor);
                    } catch (ApiException e) {
                        throw OvergangApiException.from(e);
                    }
                    current = items.apply(page).iterator();
                    cursor = cursorOf(links.apply(page).getNext());
                    last = cursor == null;
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    /** The {@code _cursor} of a next link, or null when there is no next page. */
    static String cursorOf(String nextLink) {
        if (nextLink == null) {
            return null;
        }
        String query = URI.create(nextLink).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("_cursor=")) {
                return URLDecoder.decode(pair.substring("_cursor=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
