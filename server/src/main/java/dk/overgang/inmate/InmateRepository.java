package dk.overgang.inmate;

import dk.overgang.access.InmateVisibility;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every query takes the caller's scope ({@code institution}, {@code municipality}: null means not
 * restricted) so that "not yours" and "missing" are the same empty result at the database.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface InmateRepository extends GenericRepository<InmateRecord, UUID> {

    InmateRecord save(InmateRecord inmate);

    InmateRecord update(InmateRecord inmate);

    @Query("""
            SELECT i.* FROM inmate i
             WHERE i.id = :id AND """ + InmateVisibility.NAMED)
    Optional<InmateRecord> findVisible(UUID id, @Nullable String institution, @Nullable String municipality,
                                       @Nullable String probation, boolean restrictedAccess);

    @Query("""
            SELECT i.* FROM inmate i
             WHERE """ + InmateVisibility.NAMED + """

               AND (CAST(:status AS text) IS NULL OR i.custody_status = :status)
               AND (CAST(:releaseFrom AS date) IS NULL OR i.expected_release_date >= :releaseFrom)
               AND (CAST(:releaseTo AS date) IS NULL OR i.expected_release_date <= :releaseTo)
               AND (CAST(:after AS uuid) IS NULL OR i.id > :after)
             ORDER BY i.id
             LIMIT :limit""")
    List<InmateRecord> search(@Nullable String institution, @Nullable String municipality, @Nullable String probation, boolean restrictedAccess,
                              @Nullable String status,
                              @Nullable LocalDate releaseFrom, @Nullable LocalDate releaseTo,
                              @Nullable UUID after, int limit);

    @Query("""
            SELECT i.* FROM inmate i
             WHERE i.cpr = :cpr AND """ + InmateVisibility.NAMED + """

             ORDER BY i.id
             LIMIT 100""")
    List<InmateRecord> findVisibleByCpr(String cpr, @Nullable String institution, @Nullable String municipality,
                                        @Nullable String probation, boolean restrictedAccess);

    /**
     * One page of the stored versions, newest first: those below {@code before} (issue 26: every
     * versioned resource keeps its versions in {@code resource_version}, read back as rows of its table).
     */
    @Query("SELECT * FROM versions_of(CAST(NULL AS inmate), CAST(:id AS text), :before, :limit)")
    List<InmateRecord> findVersions(UUID id, long before, int limit);

    /** One stored version. */
    @Query("SELECT * FROM versions_of(CAST(NULL AS inmate), CAST(:id AS text), :version + 1, 1) v WHERE v.version = :version")
    Optional<InmateRecord> findVersion(UUID id, long version);
}
