package dk.overgang.handover;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Scoped: prison staff by the inmate's institution (any status), the acting municipality by its
 * code and only sent or superseded handovers. State changes are conditional updates, so two
 * approvals or acknowledgements cannot both succeed.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface HandoverRepository extends GenericRepository<HandoverRecord, UUID> {

    HandoverRecord save(HandoverRecord handover);

    @Query("""
            SELECT h.* FROM handover h JOIN inmate i ON i.id = h.inmate_id
             WHERE h.id = :id
               AND (CAST(:institution AS text) IS NULL OR i.current_institution = :institution)
               AND (CAST(:municipality AS text) IS NULL OR (i.acting_municipality = :municipality AND h.status <> 'draft'))""")
    Optional<HandoverRecord> findVisible(UUID id, @Nullable String institution, @Nullable String municipality);

    @Query("""
            SELECT h.* FROM handover h JOIN inmate i ON i.id = h.inmate_id
             WHERE h.inmate_id = :inmateId
               AND (CAST(:institution AS text) IS NULL OR i.current_institution = :institution)
               AND (CAST(:municipality AS text) IS NULL OR (i.acting_municipality = :municipality AND h.status <> 'draft'))
             ORDER BY h.drafted_at DESC""")
    List<HandoverRecord> findVisibleByInmate(UUID inmateId, @Nullable String institution, @Nullable String municipality);

    @Query("""
            UPDATE handover SET status = 'sent', approved_by = :approvedBy, sent_at = :sentAt, signature = :signature
             WHERE id = :id AND status = 'draft'""")
    long markSent(UUID id, String approvedBy, Instant sentAt, String signature);

    @Query("UPDATE handover SET status = 'superseded', superseded_by = :by WHERE id = :id AND status = 'sent'")
    long markSuperseded(UUID id, UUID by);

    @Query("""
            UPDATE handover SET acknowledged_at = :at, acknowledged_by = :by
             WHERE id = :id AND status <> 'draft' AND acknowledged_at IS NULL""")
    long markAcknowledged(UUID id, Instant at, String by);

    Optional<HandoverRecord> findById(UUID id);
}
