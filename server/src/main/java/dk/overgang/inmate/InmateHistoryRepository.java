package dk.overgang.inmate;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read-only: versions are written by the database trigger and can never change. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface InmateHistoryRepository extends GenericRepository<InmateVersionRecord, Long> {

    List<InmateVersionRecord> findByInmateIdOrderByVersionDesc(UUID inmateId);

    Optional<InmateVersionRecord> findByInmateIdAndVersion(UUID inmateId, Long version);
}
