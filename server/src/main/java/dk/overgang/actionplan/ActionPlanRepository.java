package dk.overgang.actionplan;

import io.micronaut.core.annotation.Introspected;
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

/** Scoped like inmates: a plan is visible exactly when its inmate is (null scope = unrestricted). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ActionPlanRepository extends GenericRepository<ActionPlanRecord, UUID> {

    ActionPlanRecord save(ActionPlanRecord plan);

    ActionPlanRecord update(ActionPlanRecord plan);

    @Query("""
            SELECT p.* FROM action_plan p JOIN inmate i ON i.id = p.inmate_id
             WHERE p.id = :id AND """ + InmateVisibility.NAMED)
    Optional<ActionPlanRecord> findVisible(UUID id, @Nullable String institution, @Nullable String municipality,
                                           @Nullable String probation, boolean restrictedAccess);

    @Query("""
            SELECT p.* FROM action_plan p JOIN inmate i ON i.id = p.inmate_id
             WHERE p.inmate_id = :inmateId AND """ + InmateVisibility.NAMED + """

             ORDER BY p.sentence_start DESC""")
    List<ActionPlanRecord> findVisibleByInmate(UUID inmateId, @Nullable String institution, @Nullable String municipality,
                                               @Nullable String probation, boolean restrictedAccess);

    boolean existsByInmateIdAndSentenceStart(UUID inmateId, LocalDate sentenceStart);

    /** What the plan rules need to know about its inmate. */
    @Introspected
    record InmateSide(String currentInstitution, String actingMunicipality, @Nullable LocalDate sentenceStart,
                      @Nullable Integer sentenceLengthDays, @Nullable LocalDate expectedParoleDate,
                      boolean paroleRefused, @Nullable LocalDate expectedReleaseDate) {
    }

    @Query("""
            SELECT i.current_institution, i.acting_municipality, i.sentence_start, i.sentence_length_days,
                   i.expected_parole_date, i.parole_refused, i.expected_release_date FROM inmate i
             WHERE i.id = :inmateId AND """ + InmateVisibility.NAMED)
    Optional<InmateSide> findInmateSide(UUID inmateId, @Nullable String institution, @Nullable String municipality,
                                        @Nullable String probation, boolean restrictedAccess);

    /**
     * One page of the stored versions, newest first: those below {@code before} (issue 26: every
     * versioned resource keeps its versions in {@code resource_version}, read back as rows of its table).
     */
    @Query("SELECT * FROM versions_of(CAST(NULL AS action_plan), CAST(:id AS text), :before, :limit)")
    List<ActionPlanRecord> findVersions(UUID id, long before, int limit);

    /** One stored version. */
    @Query("SELECT * FROM versions_of(CAST(NULL AS action_plan), CAST(:id AS text), :version + 1, 1) v WHERE v.version = :version")
    Optional<ActionPlanRecord> findVersion(UUID id, long version);
}
