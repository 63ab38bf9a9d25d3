package dk.overgang.obligation;

import dk.overgang.rules.ReleaseMeetingInvitees;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * R10: each coming, planned release meeting is an item on every invited organisation's worklist until
 * its day ({@code release-meeting-invitation} rows). The invitees are worked out from the case as it
 * is now ({@link ReleaseMeetingInvitees}), so they follow a transfer, a new acting municipality or a
 * new supervision. Plain JDBC on the caller's connection: used inside a case's recompute (one inmate)
 * and by the operator's recompute of everything (all inmates).
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
    static int insert(Connection connection, UUID inmateId, LocalDate today) throws SQLException {
        Map<UUID, Meeting> meetings = new LinkedHashMap<>();
        try (var ps = connection.prepareStatement("""
                SELECT m.id, m.inmate_id, m.meeting_date, m.starts_at, m.place, m.video_link, i.name,
                       i.current_institution, i.acting_municipality, sv.probation_office, x.org_type, x.org_id
                  FROM release_meeting m JOIN inmate i ON i.id = m.inmate_id
                  LEFT JOIN supervision sv ON sv.inmate_id = i.id AND sv.status <> 'ended'
                  LEFT JOIN release_meeting_invitee x ON x.meeting_id = m.id
                 WHERE (CAST(? AS uuid) IS NULL OR m.inmate_id = ?) AND m.status = 'planned' AND m.meeting_date >= ?
                 ORDER BY m.id""")) {
            ps.setObject(1, inmateId);
            ps.setObject(2, inmateId);
            ps.setObject(3, today);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Meeting m = meetings.get(id);
                    if (m == null) {
                        String when = rs.getObject(4, OffsetDateTime.class).atZoneSameInstant(DENMARK).format(MEETING_TIME);
                        String place = rs.getString(5) != null ? ", " + rs.getString(5) : "";
                        String video = rs.getString(6) != null ? ", også via video" : "";
                        m = new Meeting(id, rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class),
                                rs.getString(7) + ": løsladelsesmøde " + when + place + video + ".", rs.getString(8),
                                rs.getString(9), rs.getString(10), new ArrayList<>());
                        meetings.put(id, m);
                    }
                    if (rs.getString(11) != null) {
                        m.added().add(new ReleaseMeetingInvitees.Added(rs.getString(11), rs.getString(12)));
                    }
                }
            }
        }
        if (meetings.isEmpty()) {
            return 0;
        }
        try (var ps = connection.prepareStatement("""
                INSERT INTO obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, reason,
                                        invitee, release_meeting_id)
                VALUES (?, 'release-meeting-invitation', 'invitee', ?, ?, ?, ?, ?, ?)""")) {
            int rows = 0;
            for (Meeting m : meetings.values()) {
                for (var invitee : ReleaseMeetingInvitees.of(m.institution(), m.municipality(), m.supervisingOffice(), m.added())) {
                    ps.setObject(1, m.inmateId());
                    ps.setString(2, m.institution());
                    ps.setString(3, m.municipality());
                    ps.setObject(4, m.date());
                    ps.setString(5, m.reason() + " " + invitee.reason() + ".");
                    ps.setString(6, invitee.key());
                    ps.setObject(7, m.id());
                    ps.addBatch();
                    rows++;
                }
            }
            ps.executeBatch();
            return rows;
        }
    }
}
