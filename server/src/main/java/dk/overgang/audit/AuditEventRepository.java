package dk.overgang.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** Insert and read only: the audit log offers no update or delete, and the schema refuses both. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditEventRepository extends GenericRepository<AuditEvent, Long> {

    AuditEvent save(AuditEvent event);

    List<AuditEvent> saveAll(Iterable<AuditEvent> events);

    @Query("""
            SELECT * FROM audit_event
             WHERE resource_type = :resourceType AND resource_id = :resourceId AND id > :after
             ORDER BY id LIMIT :limit""")
    List<AuditEvent> findPage(String resourceType, UUID resourceId, long after, int limit);
}
