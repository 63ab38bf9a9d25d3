package dk.overgang.shared;

import java.util.List;

/** One page of a keyset-paged result: the items, and whether more follow the last one. */
public record Slice<T>(List<T> items, boolean hasMore) {

    /** Cuts a result fetched with {@code limit + 1} rows down to {@code limit}, noting whether more follow. */
    public static <T> Slice<T> of(List<T> fetched, int limit) {
        return fetched.size() > limit ? new Slice<>(fetched.subList(0, limit), true) : new Slice<>(fetched, false);
    }
}
