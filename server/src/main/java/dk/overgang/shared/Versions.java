package dk.overgang.shared;

import java.util.Map;

/**
 * Issue 26: one version history. Every version of every versioned resource is a row of
 * {@code resource_version}, written by one trigger function (migration V34), and is read back as a row
 * of the resource's own table by the database function {@code versions_of}. Micronaut Data
 * repositories call it in their {@code @Query}; hand-written SQL selects its usual columns
 * {@code FROM} {@link #of} instead of from the table. The stored version is the API's {@code versionId}.
 */
public final class Versions {

    /** Reading from the newest version on. */
    public static final long NEWEST = Long.MAX_VALUE;

    private Versions() {
    }

    /**
     * The FROM item of one resource's versions below a version, newest first, as rows of
     * {@code table} named {@code alias}; named parameters {@code :versionKey}, {@code :versionBefore},
     * {@code :versionRows}, bound by {@link #params}.
     */
    public static String of(String table, String alias) {
        return "versions_of(CAST(NULL AS " + table + "), :versionKey, :versionBefore, :versionRows) " + alias;
    }

    /** The resource's key, the version the page stops below and the rows wanted, by name. */
    public static Map<String, Object> params(Object key, long before, int rows) {
        return Map.of("versionKey", key.toString(), "versionBefore", before, "versionRows", rows);
    }
}
