package dk.overgang.actionplan;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read-only: versions are written by the database trigger. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ActionPlanHistoryRepository extends GenericRepository<ActionPlanVersionRecord, Long> {

    List<ActionPlanVersionRecord> findByPlanIdOrderByVersionDesc(UUID planId);

    Optional<ActionPlanVersionRecord> findByPlanIdAndVersion(UUID planId, Long version);
}
