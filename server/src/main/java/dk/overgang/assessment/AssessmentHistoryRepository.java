package dk.overgang.assessment;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read-only: versions are written by the database trigger. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AssessmentHistoryRepository extends GenericRepository<AssessmentVersionRecord, Long> {

    /** One page of the versions, newest first: those below {@code before}, as many as {@code page} asks. */
    List<AssessmentVersionRecord> findByAssessmentIdAndVersionLessThanOrderByVersionDesc(UUID assessmentId, Long before, Pageable page);

    Optional<AssessmentVersionRecord> findByAssessmentIdAndVersion(UUID assessmentId, Long version);
}
