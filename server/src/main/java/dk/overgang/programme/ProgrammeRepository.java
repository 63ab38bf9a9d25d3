package dk.overgang.programme;

import dk.overgang.access.InmateVisibility;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The catalogue, and the facts of a person the eligibility rules need (scoped by {@link InmateVisibility}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProgrammeRepository extends GenericRepository<ProgrammeRecord, String> {

    List<ProgrammeRecord> findAllOrderById();

    Optional<ProgrammeRecord> findById(String id);

    ProgrammeRecord update(ProgrammeRecord programme);

    /**
     * One page of the stored versions, newest first: those below {@code before} (issue 26: every
     * versioned resource keeps its versions in {@code resource_version}, read back as rows of its table).
     */
    @Query("SELECT * FROM versions_of(CAST(NULL AS programme), :id, :before, :limit) ORDER BY version DESC")
    List<ProgrammeRecord> findVersions(String id, long before, int limit);

    /** What {@link dk.overgang.rules.ProgrammeEligibility} needs of a person; no CPR, no name. */
    @Introspected
    record PersonFacts(java.util.UUID id, LocalDate birthDate, String custodyStatus, String currentInstitution,
                       @Nullable LocalDate sentenceStart, @Nullable Integer sentenceLengthDays,
                       @Nullable LocalDate expectedParoleDate, @Nullable LocalDate expectedReleaseDate,
                       @Nullable LocalDate actualReleaseDate, boolean paroleRefused, @Nullable String riskLevel) {
    }

    @Query("""
            SELECT i.id, i.birth_date, i.custody_status, i.current_institution, i.sentence_start, i.sentence_length_days,
                   i.expected_parole_date, i.expected_release_date, i.actual_release_date, i.parole_refused,
                   (SELECT a.risk_level FROM lsrnr_assessment a WHERE a.inmate_id = i.id
                     ORDER BY a.assessed_on DESC, a.last_updated DESC LIMIT 1) AS risk_level
              FROM inmate i
             WHERE i.id = :inmateId AND """ + InmateVisibility.NAMED)
    Optional<PersonFacts> findPersonFacts(java.util.UUID inmateId, @Nullable String institution,
                                          @Nullable String municipality, @Nullable String probation, boolean restrictedAccess);
}
