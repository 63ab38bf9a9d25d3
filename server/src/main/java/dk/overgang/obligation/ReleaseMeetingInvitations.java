package dk.overgang.obligation;

import dk.overgang.rules.ReleaseMeetingInvitees;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * R10: each coming, planned release meeting is an item on every invited organisation's worklist until
 * its day ({@code release-meeting-invitation} rows). The invitees are worked out from the case as it
 * is now ({@link ReleaseMeetingInvitees}), so they follow a transfer, a new acting municipality or a
 * new supervision. SQL on the caller's handle: used inside a case's recompute (one inmate) and by the
 * operator's recompute of everything (all inmates).
 */
final class ReleaseMeetingInvitations {

    private static final ZoneId DENMARK = ZoneId.of("Europe/Copenhagen");
    private static final DateTimeFormatter MEETING_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd 'kl.' HH:mm");

    private ReleaseMeetingInvitations() {
    }

    /** A planned meeting with one of its added invitees (or none), as the query returns it. */
    public record Row(UUID id, UUID inmateId, LocalDate meetingDate, OffsetDateTime startsAt, String place, String videoLink,
                      String name, String currentInstitution, String actingMunicipality, String probationOffice,
                      String orgType, String orgId) {
    }

    private record Meeting(UUID id, UUID inmateId, LocalDate date, String reason, String institution, String municipality,
                           String supervisingOffice, List<ReleaseMeetingInvitees.Added> added) {
    }

    /**
     * Inserts the invitations of the coming meetings of {@code inmateId} (null: of everyone). The
     * caller has removed the old ones.
     *
     * @return how many rows it inserted
     */
    static int insert(Handle h, UUID inmateId, LocalDate today) {
        Map<UUID, Meeting> meetings = new LinkedHashMap<>();
        List<Row> found = h.createQuery("""
                        SELECT m.id, m.inmate_id, m.meeting_date, m.starts_at, m.place, m.video_link, i.name,
                               i.current_institution, i.acting_municipality, sv.probation_office, x.org_type, x.org_id
                          FROM release_meeting m JOIN inmate i ON i.id = m.inmate_id
                          LEFT JOIN supervision sv ON sv.inmate_id = i.id AND sv.status <> 'ended'
                          LEFT JOIN release_meeting_invitee x ON x.meeting_id = m.id
                         WHERE (CAST(:inmate AS uuid) IS NULL OR m.inmate_id = :inmate) AND m.status = 'planned'
                           AND m.meeting_date >= :today
                         ORDER BY m.id""")
                .bindByType("inmate", inmateId, UUID.class).bind("today", today)
                .map(ConstructorMapper.of(Row.class)).list();
        for (Row row : found) {
            Meeting m = meetings.computeIfAbsent(row.id(), id -> {
                String when = row.startsAt().atZoneSameInstant(DENMARK).format(MEETING_TIME);
                String place = row.place() != null ? ", " + row.place() : "";
                String video = row.videoLink() != null ? ", også via video" : "";
                return new Meeting(id, row.inmateId(), row.meetingDate(), row.name() + ": løsladelsesmøde " + when + place + video
                        + ".", row.currentInstitution(), row.actingMunicipality(), row.probationOffice(), new ArrayList<>());
            });
            if (row.orgType() != null) {
                m.added().add(new ReleaseMeetingInvitees.Added(row.orgType(), row.orgId()));
            }
        }
        if (meetings.isEmpty()) {
            return 0;
        }
        var batch = h.prepareBatch("""
                INSERT INTO obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, reason,
                                        invitee, release_meeting_id)
                VALUES (:inmate, 'release-meeting-invitation', 'invitee', :institution, :municipality, :due, :reason,
                        :invitee, :meeting)""");
        for (Meeting m : meetings.values()) {
            for (var invitee : ReleaseMeetingInvitees.of(m.institution(), m.municipality(), m.supervisingOffice(), m.added())) {
                batch.bind("inmate", m.inmateId()).bind("institution", m.institution()).bind("municipality", m.municipality())
                        .bind("due", m.date()).bind("reason", m.reason() + " " + invitee.reason() + ".")
                        .bind("invitee", invitee.key()).bind("meeting", m.id())
                        .add();
            }
        }
        int rows = batch.size();
        if (rows > 0) {
            batch.execute();
        }
        return rows;
    }
}
