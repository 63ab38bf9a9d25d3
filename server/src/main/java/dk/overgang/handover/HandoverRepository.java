package dk.overgang.handover;

import dk.overgang.access.InmateVisibility;
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
 * Scoped by {@link InmateVisibility} and {@link dk.overgang.access.HandoverAccessPolicy} (drafts only
 * for whom it allows: the acting municipality sees only sent or superseded handovers). State changes are conditional updates, so two
 * approvals or acknowledgements cannot both succeed.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface HandoverRepository extends GenericRepository<HandoverRecord, UUID> {

    HandoverRecord save(HandoverRecord handover);

    @Query("""
            SELECT h.* FROM handover h JOIN inmate i ON i.id = h.inmate_id
             WHERE h.id = :id
               AND (:drafts OR h.status <> 'draft')
               AND """ + InmateVisibility.NAMED)
    Optional<HandoverRecord> findVisible(UUID id, @Nullable String institution, @Nullable String municipality,
                                         @Nullable String probation, boolean restrictedAccess, boolean drafts);

    @Query("""
            SELECT h.* FROM handover h JOIN inmate i ON i.id = h.inmate_id
             WHERE h.inmate_id = :inmateId
               AND (:drafts OR h.status <> 'draft')
               AND """ + InmateVisibility.NAMED + """

             ORDER BY h.drafted_at DESC""")
    List<HandoverRecord> findVisibleByInmate(UUID inmateId, @Nullable String institution, @Nullable String municipality,
                                             @Nullable String probation, boolean restrictedAccess, boolean drafts);

    @Query("""
            UPDATE handover SET status = 'sent', approved_by = :approvedBy, sent_at = :sentAt, signature = :signature,
                   jargon_confirmation = :jargonConfirmation
             WHERE id = :id AND status = 'draft'""")
    long markSent(UUID id, String approvedBy, Instant sentAt, String signature, @Nullable String jargonConfirmation);

    @Query("UPDATE handover SET status = 'superseded', superseded_by = :by WHERE id = :id AND status = 'sent'")
    long markSuperseded(UUID id, UUID by);

    @Query("""
            UPDATE handover SET acknowledged_at = :at, acknowledged_by = :by
             WHERE id = :id AND status <> 'draft' AND acknowledged_at IS NULL""")
    long markAcknowledged(UUID id, Instant at, String by);

    Optional<HandoverRecord> findById(UUID id);
}
