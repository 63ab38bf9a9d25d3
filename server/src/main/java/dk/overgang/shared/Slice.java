package dk.overgang.shared;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** One page of a keyset-paged result: the items, and whether more follow the last one. */
public record Slice<T>(List<T> items, boolean hasMore) {

    /** Cuts a result fetched with {@code limit + 1} rows down to {@code limit}, noting whether more follow. */
    public static <T> Slice<T> of(List<T> fetched, int limit) {
        return fetched.size() > limit ? new Slice<>(fetched.subList(0, limit), true) : new Slice<>(fetched, false);
    }

    /**
     * A page of a collection that is read whole because it is small by nature (one person's plans,
     * consents or notes; one meeting's proposals; the 98 municipalities): the items after the one whose
     * key is {@code afterKey} (from the start when null), in the collection's own order. The key is the
     * item's id, so a page does not shift when items are added before it. A cursor whose item is gone
     * (erased meanwhile) is refused, naming {@code _cursor}, rather than guessed at.
     */
    public static <T, K> Slice<T> after(List<T> ordered, Function<T, K> key, K afterKey, int limit) {
        int from = 0;
        if (afterKey != null) {
            int at = 0;
            while (at < ordered.size() && !Objects.equals(key.apply(ordered.get(at)), afterKey)) {
                at++;
            }
            if (at == ordered.size()) {
                throw new InvalidFieldException("_cursor", "names an item this collection no longer holds; start again from the first page");
            }
            from = at + 1;
        }
        return of(ordered.subList(from, Math.min(ordered.size(), from + limit + 1)), limit);
    }

    /** This page with each item mapped. */
    public <R> Slice<R> map(Function<T, R> mapper) {
        return new Slice<>(items.stream().map(mapper).toList(), hasMore);
    }
}
