package dk.overgang.supervision;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Read-only: versions are written by the database trigger. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SupervisionHistoryRepository extends GenericRepository<SupervisionVersionRecord, Long> {

    /** One page of the versions, newest first: those below {@code before}, as many as {@code page} asks. */
    List<SupervisionVersionRecord> findByInmateIdAndVersionLessThanOrderByVersionDesc(UUID inmateId, Long before, Pageable page);
}
