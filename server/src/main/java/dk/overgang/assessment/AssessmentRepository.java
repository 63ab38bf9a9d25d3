package dk.overgang.assessment;

import dk.overgang.access.InmateVisibility;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Scoped by {@link InmateVisibility}, like every resource. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AssessmentRepository extends GenericRepository<AssessmentRecord, UUID> {

    AssessmentRecord save(AssessmentRecord assessment);

    AssessmentRecord update(AssessmentRecord assessment);

    @Query("""
            SELECT a.* FROM lsrnr_assessment a JOIN inmate i ON i.id = a.inmate_id
             WHERE a.id = :id AND """ + InmateVisibility.NAMED)
    Optional<AssessmentRecord> findVisible(UUID id, @Nullable String institution, @Nullable String municipality,
                                           @Nullable String probation, boolean restrictedAccess);

    @Query("""
            SELECT a.* FROM lsrnr_assessment a JOIN inmate i ON i.id = a.inmate_id
             WHERE a.inmate_id = :inmateId AND """ + InmateVisibility.NAMED + """

             ORDER BY a.assessed_on DESC, a.id""")
    List<AssessmentRecord> findVisibleByInmate(UUID inmateId, @Nullable String institution, @Nullable String municipality,
                                               @Nullable String probation, boolean restrictedAccess);

    @Query("""
            SELECT count(*) > 0 FROM inmate i
             WHERE i.id = :inmateId AND """ + InmateVisibility.NAMED)
    boolean inmateVisible(UUID inmateId, @Nullable String institution, @Nullable String municipality,
                          @Nullable String probation, boolean restrictedAccess);

    /**
     * One page of the stored versions, newest first: those below {@code before} (issue 26: every
     * versioned resource keeps its versions in {@code resource_version}, read back as rows of its table).
     */
    @Query("SELECT * FROM versions_of(CAST(NULL AS lsrnr_assessment), CAST(:id AS text), :before, :limit)")
    List<AssessmentRecord> findVersions(UUID id, long before, int limit);

    /** One stored version. */
    @Query("SELECT * FROM versions_of(CAST(NULL AS lsrnr_assessment), CAST(:id AS text), :version + 1, 1) v WHERE v.version = :version")
    Optional<AssessmentRecord> findVersion(UUID id, long version);
}
