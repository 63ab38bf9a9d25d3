package dk.overgang.releasemeeting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read-only: versions are written by the database trigger. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReleaseMeetingHistoryRepository extends GenericRepository<ReleaseMeetingVersionRecord, Long> {

    List<ReleaseMeetingVersionRecord> findByMeetingIdOrderByVersionDesc(UUID meetingId);

    Optional<ReleaseMeetingVersionRecord> findByMeetingIdAndVersion(UUID meetingId, Long version);
}
