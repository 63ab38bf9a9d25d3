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
        h.createQuery("""
                        SELECT m.id, m.inmate_id, m.meeting_date, m.starts_at, m.place, m.video_link, i.name,
                               i.current_institution, i.acting_municipality, sv.probation_office, x.org_type, x.org_id
                          FROM release_meeting m JOIN inmate i ON i.id = m.inmate_id
                          LEFT JOIN supervision sv ON sv.inmate_id = i.id AND sv.status <> 'ended'
                          LEFT JOIN release_meeting_invitee x ON x.meeting_id = m.id
                         WHERE (CAST(:inmate AS uuid) IS NULL OR m.inmate_id = :inmate) AND m.status = 'planned'
                           AND m.meeting_date >= :today
                         ORDER BY m.id""")
                .bindByType("inmate", inmateId, UUID.class).bind("today", today)
                .map((rs, ctx) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Meeting m = meetings.get(id);
                    if (m == null) {
                        String when = rs.getObject("starts_at", OffsetDateTime.class).atZoneSameInstant(DENMARK)
                                .format(MEETING_TIME);
                        String place = rs.getString("place") != null ? ", " + rs.getString("place") : "";
                        String video = rs.getString("video_link") != null ? ", også via video" : "";
                        m = new Meeting(id, rs.getObject("inmate_id", UUID.class), rs.getObject("meeting_date", LocalDate.class),
                                rs.getString("name") + ": løsladelsesmøde " + when + place + video + ".",
                                rs.getString("current_institution"), rs.getString("acting_municipality"),
                                rs.getString("probation_office"), new ArrayList<>());
                        meetings.put(id, m);
                    }
                    if (rs.getString("org_type") != null) {
                        m.added().add(new ReleaseMeetingInvitees.Added(rs.getString("org_type"), rs.getString("org_id")));
                    }
                    return id;
                })
                .forEach(id -> { });
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
