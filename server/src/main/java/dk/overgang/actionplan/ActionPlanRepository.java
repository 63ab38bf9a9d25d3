package dk.overgang.actionplan;

import io.micronaut.core.annotation.Introspected;
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
             WHERE p.id = :id
               AND (CAST(:institution AS text) IS NULL OR i.current_institution = :institution)
               AND (CAST(:municipality AS text) IS NULL OR i.acting_municipality = :municipality)""")
    Optional<ActionPlanRecord> findVisible(UUID id, @Nullable String institution, @Nullable String municipality);

    @Query("""
            SELECT p.* FROM action_plan p JOIN inmate i ON i.id = p.inmate_id
             WHERE p.inmate_id = :inmateId
               AND (CAST(:institution AS text) IS NULL OR i.current_institution = :institution)
               AND (CAST(:municipality AS text) IS NULL OR i.acting_municipality = :municipality)
             ORDER BY p.sentence_start DESC""")
    List<ActionPlanRecord> findVisibleByInmate(UUID inmateId, @Nullable String institution, @Nullable String municipality);

    boolean existsByInmateIdAndSentenceStart(UUID inmateId, LocalDate sentenceStart);

    /** What the plan rules need to know about its inmate. */
    @Introspected
    record InmateSide(String currentInstitution, String actingMunicipality, @Nullable LocalDate sentenceStart,
                      @Nullable LocalDate expectedReleaseDate) {
    }

    @Query("""
            SELECT current_institution, acting_municipality, sentence_start, expected_release_date FROM inmate
             WHERE id = :inmateId
               AND (CAST(:institution AS text) IS NULL OR current_institution = :institution)
               AND (CAST(:municipality AS text) IS NULL OR acting_municipality = :municipality)""")
    Optional<InmateSide> findInmateSide(UUID inmateId, @Nullable String institution, @Nullable String municipality);
}
