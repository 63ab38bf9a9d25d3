package dk.overgang.releasemeeting;

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
import java.util.UUID;

/**
 * A meeting is seen by those who may see its inmate ({@link InmateVisibility}, only when
 * {@code seesInmates}) and by the organisations the institution added as invitees.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReleaseMeetingRepository extends GenericRepository<ReleaseMeetingRecord, UUID> {

    // An invitee sees the meeting without seeing the person otherwise, but never a restricted person's
    // without the restricted-access role (issue 17).
    String VISIBLE = """
            ((:seesInmates AND """ + InmateVisibility.NAMED + """
            ) OR (EXISTS (SELECT 1 FROM release_meeting_invitee x
                          WHERE x.meeting_id = m.id AND x.org_type = :orgType AND x.org_id = :orgId)
                  AND """ + " " + InmateVisibility.RESTRICTED_ONLY_WITH_ROLE + "))";

    ReleaseMeetingRecord save(ReleaseMeetingRecord meeting);

    ReleaseMeetingRecord update(ReleaseMeetingRecord meeting);

    @Query("""
            SELECT m.* FROM release_meeting m JOIN inmate i ON i.id = m.inmate_id
             WHERE m.id = :id AND """ + VISIBLE)
    Optional<ReleaseMeetingRecord> findVisible(UUID id, boolean seesInmates, @Nullable String institution,
                                               @Nullable String municipality, @Nullable String probation, boolean restrictedAccess,
                                               String orgType, String orgId);

    @Query("""
            SELECT m.* FROM release_meeting m JOIN inmate i ON i.id = m.inmate_id
             WHERE """ + VISIBLE + """

               AND (CAST(:inmateId AS uuid) IS NULL OR m.inmate_id = :inmateId)
               AND (CAST(:from AS date) IS NULL OR m.meeting_date >= :from)
               AND (CAST(:to AS date) IS NULL OR m.meeting_date <= :to)
               AND (CAST(:afterDate AS date) IS NULL OR (m.meeting_date, m.id) > (:afterDate, :afterId))
             ORDER BY m.meeting_date, m.id
             LIMIT :limit""")
    List<ReleaseMeetingRecord> search(boolean seesInmates, @Nullable String institution, @Nullable String municipality,
                                      @Nullable String probation, boolean restrictedAccess, String orgType, String orgId, @Nullable UUID inmateId,
                                      @Nullable LocalDate from, @Nullable LocalDate to, @Nullable LocalDate afterDate,
                                      @Nullable UUID afterId, int limit);

    /** What the invitees and the response need of the inmate: read by the server, not for a caller. */
    @Introspected
    record InmateSide(UUID id, String name, String currentInstitution, String actingMunicipality,
                      @Nullable String probationOffice) {
    }

    @Query("""
            SELECT i.id, i.name, i.current_institution, i.acting_municipality, s.probation_office
              FROM inmate i LEFT JOIN supervision s ON s.inmate_id = i.id AND s.status <> 'ended'
             WHERE i.id = :inmateId""")
    Optional<InmateSide> inmateSide(UUID inmateId);

    @Query("DELETE FROM release_meeting_invitee WHERE meeting_id = :meetingId")
    void clearInvitees(UUID meetingId);

    @Query("INSERT INTO release_meeting_invitee (meeting_id, org_type, org_id) VALUES (:meetingId, :orgType, :orgId)")
    void addInvitee(UUID meetingId, String orgType, String orgId);

    /**
     * One page of the stored versions, newest first: those below {@code before} (issue 26: every
     * versioned resource keeps its versions in {@code resource_version}, read back as rows of its table).
     */
    @Query("SELECT * FROM versions_of(CAST(NULL AS release_meeting), CAST(:id AS text), :before, :limit)")
    List<ReleaseMeetingRecord> findVersions(UUID id, long before, int limit);

    /** One stored version. */
    @Query("SELECT * FROM versions_of(CAST(NULL AS release_meeting), CAST(:id AS text), :version + 1, 1) v WHERE v.version = :version")
    Optional<ReleaseMeetingRecord> findVersion(UUID id, long version);
}
