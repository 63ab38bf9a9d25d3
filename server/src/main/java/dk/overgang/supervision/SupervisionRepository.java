package dk.overgang.supervision;

import java.util.List;
import dk.overgang.access.InmateVisibility;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** Scoped by {@link InmateVisibility}: a supervision is seen by those who may see its person. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SupervisionRepository extends GenericRepository<SupervisionRecord, UUID> {

    SupervisionRecord save(SupervisionRecord supervision);

    SupervisionRecord update(SupervisionRecord supervision);

    /** The person as the caller may see it, with the current supervision if any. */
    @Introspected
    record Case(UUID inmateId, String currentInstitution, @Nullable String probationOffice, @Nullable String status) {
    }

    @Query("""
            SELECT i.id AS inmate_id, i.current_institution, s.probation_office, s.status
              FROM inmate i LEFT JOIN supervision s ON s.inmate_id = i.id
             WHERE i.id = :inmateId AND """ + InmateVisibility.NAMED)
    Optional<Case> findCase(UUID inmateId, @Nullable String institution, @Nullable String municipality,
                            @Nullable String probation, boolean restrictedAccess);

    @Query("""
            SELECT s.* FROM supervision s JOIN inmate i ON i.id = s.inmate_id
             WHERE s.inmate_id = :inmateId AND """ + InmateVisibility.NAMED)
    Optional<SupervisionRecord> findVisible(UUID inmateId, @Nullable String institution, @Nullable String municipality,
                                            @Nullable String probation, boolean restrictedAccess);

    /**
     * One page of the stored versions, newest first: those below {@code before} (issue 26: every
     * versioned resource keeps its versions in {@code resource_version}, read back as rows of its table).
     */
    @Query("SELECT * FROM versions_of(CAST(NULL AS supervision), CAST(:id AS text), :before, :limit)")
    List<SupervisionRecord> findVersions(UUID id, long before, int limit);

    /** One stored version. */
    @Query("SELECT * FROM versions_of(CAST(NULL AS supervision), CAST(:id AS text), :version + 1, 1) v WHERE v.version = :version")
    Optional<SupervisionRecord> findVersion(UUID id, long version);
}
