package dk.overgang.actionplan;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read-only: versions are written by the database trigger. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ActionPlanHistoryRepository extends GenericRepository<ActionPlanVersionRecord, Long> {

    /** One page of the versions, newest first: those below {@code before}, as many as {@code page} asks. */
    List<ActionPlanVersionRecord> findByPlanIdAndVersionLessThanOrderByVersionDesc(UUID planId, Long before, Pageable page);

    Optional<ActionPlanVersionRecord> findByPlanIdAndVersion(UUID planId, Long version);
}
