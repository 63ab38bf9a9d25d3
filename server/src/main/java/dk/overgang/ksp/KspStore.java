package dk.overgang.ksp;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for KSP. Plain JDBC rather than Micronaut Data repositories: membership and participation are
 * sets read with each forum and meeting, visibility is an EXISTS over them, and list versions are
 * insert-only rows whose uniqueness (not a version column) settles concurrent publishers.
 */
@Singleton
@Connectable
class KspStore {

    private final JdbcOperations jdbc;

    KspStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** What the KSP rules need to know of an inmate. */
    record InmateFacts(UUID id, String name, String cpr, LocalDate custodyFrom, LocalDate releasedOn,
                       String institution, String municipality) {

        @Override
        public String toString() {
            return "InmateFacts[id=" + id + "]";
        }
    }

    /** A stored list version before its entries are parsed. */
    record StoredVersion(int versionId, Instant publishedAt, String publishedBy, String changeNote, String entries) {
    }

    // ---- forums -------------------------------------------------------------------------------

    void insertForum(Forum f, String createdBy) {
        jdbc.prepareStatement("""
                INSERT INTO ksp_forum (id, name, secretariat, police_district, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, f.id());
            ps.setString(2, f.name());
            ps.setString(3, f.secretariat());
            ps.setString(4, f.policeDistrict());
            ps.setTimestamp(5, Timestamp.from(f.createdAt()));
            ps.setString(6, createdBy);
            return ps.executeUpdate();
        });
        List<Org> members = new ArrayList<>();
        f.municipalities().forEach(m -> members.add(new Org("municipality", m)));
        f.institutions().forEach(i -> members.add(new Org("prison", i)));
        f.probationOffices().forEach(p -> members.add(new Org("probation", p)));
        insertOrgs("INSERT INTO ksp_forum_member (forum_id, org_type, org_id) VALUES (?, ?, ?)", f.id(), members);
    }

    private static final String FORUM = """
            SELECT f.id, f.name, f.secretariat, f.police_district, f.created_at,
                   (SELECT string_agg(m.org_type || ':' || m.org_id, ',' ORDER BY m.org_type, m.org_id)
                      FROM ksp_forum_member m WHERE m.forum_id = f.id)
              FROM ksp_forum f
            """;

    /** A forum whose secretariat, police district or member list names the organisation. */
    private static final String FORUM_VISIBLE = """
             ((f.secretariat = ? AND ? = 'probation') OR (f.police_district = ? AND ? = 'police')
              OR EXISTS (SELECT 1 FROM ksp_forum_member m WHERE m.forum_id = f.id AND m.org_type = ? AND m.org_id = ?))
            """;

    Optional<Forum> visibleForum(UUID id, Org caller) {
        return jdbc.prepareStatement(FORUM + " WHERE f.id = ? AND" + FORUM_VISIBLE, ps -> {
            ps.setObject(1, id);
            bindOrg(ps, 2, caller, 3);
            return one(ps, KspStore::forum);
        });
    }

    List<Forum> visibleForums(Org caller) {
        return jdbc.prepareStatement(FORUM + " WHERE" + FORUM_VISIBLE + " ORDER BY f.name, f.id LIMIT 500", ps -> {
            bindOrg(ps, 1, caller, 3);
            return all(ps, KspStore::forum);
        });
    }

    private static Forum forum(ResultSet rs) throws SQLException {
        List<String> municipalities = new ArrayList<>();
        List<String> institutions = new ArrayList<>();
        List<String> probation = new ArrayList<>();
        for (Org o : orgs(rs.getString(6))) {
            switch (o.orgType()) {
                case "municipality" -> municipalities.add(o.orgId());
                case "prison" -> institutions.add(o.orgId());
                default -> probation.add(o.orgId());
            }
        }
        return new Forum(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), municipalities,
                institutions, probation, rs.getTimestamp(5).toInstant());
    }

    // ---- meetings -----------------------------------------------------------------------------

    void insertMeeting(Meeting m, String createdBy) {
        jdbc.prepareStatement("""
                INSERT INTO ksp_meeting (id, forum_id, meeting_date, place, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, m.id());
            ps.setObject(2, m.forumId());
            ps.setObject(3, m.date());
            ps.setString(4, m.place());
            ps.setTimestamp(5, Timestamp.from(m.createdAt()));
            ps.setString(6, createdBy);
            return ps.executeUpdate();
        });
        insertOrgs("INSERT INTO ksp_meeting_participant (meeting_id, org_type, org_id) VALUES (?, ?, ?)", m.id(),
                m.participants());
    }

    private static final String MEETING = """
            SELECT m.id, m.forum_id, f.name, m.meeting_date, m.place, f.secretariat, f.police_district,
                   (SELECT string_agg(p.org_type || ':' || p.org_id, ',' ORDER BY p.org_type, p.org_id)
                      FROM ksp_meeting_participant p WHERE p.meeting_id = m.id),
                   (SELECT max(v.version_id) FROM ksp_list_version v WHERE v.meeting_id = m.id),
                   m.created_at
              FROM ksp_meeting m JOIN ksp_forum f ON f.id = m.forum_id
            """;

    /** R17: the forum's secretariat and the meeting's participants, nobody else. */
    private static final String MEETING_VISIBLE = """
             ((f.secretariat = ? AND ? = 'probation')
              OR EXISTS (SELECT 1 FROM ksp_meeting_participant p WHERE p.meeting_id = m.id AND p.org_type = ? AND p.org_id = ?))
            """;

    Optional<Meeting> visibleMeeting(UUID id, Org caller) {
        return jdbc.prepareStatement(MEETING + " WHERE m.id = ? AND" + MEETING_VISIBLE, ps -> {
            ps.setObject(1, id);
            ps.setString(2, caller.orgId());
            ps.setString(3, caller.orgType());
            ps.setString(4, caller.orgType());
            ps.setString(5, caller.orgId());
            return one(ps, KspStore::meeting);
        });
    }

    List<Meeting> visibleMeetings(Org caller, UUID forumId, LocalDate from, LocalDate afterDate, UUID afterId, int limit) {
        return jdbc.prepareStatement(MEETING + " WHERE" + MEETING_VISIBLE + """
                   AND (CAST(? AS uuid) IS NULL OR m.forum_id = ?)
                   AND (CAST(? AS date) IS NULL OR m.meeting_date >= ?)
                   AND (CAST(? AS date) IS NULL OR (m.meeting_date, m.id) < (?, ?))
                 ORDER BY m.meeting_date DESC, m.id DESC LIMIT ?""", ps -> {
            ps.setString(1, caller.orgId());
            ps.setString(2, caller.orgType());
            ps.setString(3, caller.orgType());
            ps.setString(4, caller.orgId());
            ps.setObject(5, forumId);
            ps.setObject(6, forumId);
            ps.setObject(7, from);
            ps.setObject(8, from);
            ps.setObject(9, afterDate);
            ps.setObject(10, afterDate);
            ps.setObject(11, afterId);
            ps.setInt(12, limit);
            return all(ps, KspStore::meeting);
        });
    }

    private static Meeting meeting(ResultSet rs) throws SQLException {
        return new Meeting(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getString(7), orgs(rs.getString(8)),
                (Integer) rs.getObject(9), rs.getTimestamp(10).toInstant());
    }

    // ---- list versions ------------------------------------------------------------------------

    private static final String VERSION = """
            SELECT version_id, published_at, published_by, change_note, entries FROM ksp_list_version
            """;

    Optional<StoredVersion> latestVersion(UUID meetingId) {
        return jdbc.prepareStatement(VERSION + " WHERE meeting_id = ? ORDER BY version_id DESC LIMIT 1", ps -> {
            ps.setObject(1, meetingId);
            return one(ps, KspStore::version);
        });
    }

    Optional<StoredVersion> version(UUID meetingId, int versionId) {
        return jdbc.prepareStatement(VERSION + " WHERE meeting_id = ? AND version_id = ?", ps -> {
            ps.setObject(1, meetingId);
            ps.setInt(2, versionId);
            return one(ps, KspStore::version);
        });
    }

    /** Versions of the meeting's list below {@code before}, newest first, at most {@code limit}. */
    List<StoredVersion> versions(UUID meetingId, long before, int limit) {
        return jdbc.prepareStatement(VERSION + " WHERE meeting_id = ? AND version_id < ? ORDER BY version_id DESC LIMIT ?", ps -> {
            ps.setObject(1, meetingId);
            ps.setLong(2, before);
            ps.setInt(3, limit);
            return all(ps, KspStore::version);
        });
    }

    /** False when another publisher took this version number first. */
    boolean insertVersion(UUID meetingId, int versionId, Instant at, String by, String changeNote, String entries) {
        return jdbc.prepareStatement("""
                INSERT INTO ksp_list_version (meeting_id, version_id, published_at, published_by, change_note, entries)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id, version_id) DO NOTHING""", ps -> {
            ps.setObject(1, meetingId);
            ps.setInt(2, versionId);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, by);
            ps.setString(5, changeNote);
            ps.setString(6, entries);
            return ps.executeUpdate() == 1;
        });
    }

    private static StoredVersion version(ResultSet rs) throws SQLException {
        return new StoredVersion(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5));
    }

    // ---- inmates ------------------------------------------------------------------------------

    /**
     * The inmate's facts for a list entry, if {@code scope} covers it. Custody began at the sentence
     * start; the release is the actual release date, or the expected one once the status is {@code released}.
     */
    Optional<InmateFacts> inmate(UUID id, InmateScope scope) {
        return jdbc.prepareStatement("""
                SELECT i.id, i.name, i.cpr, i.sentence_start,
                       coalesce(i.actual_release_date, CASE WHEN i.custody_status = 'released' THEN i.expected_release_date END),
                       i.current_institution, i.acting_municipality
                  FROM inmate i WHERE i.id = ? AND """ + InmateVisibility.POSITIONAL, ps -> {
            ps.setObject(1, id);
            InmateVisibility.bind(ps, 2, scope);
            return one(ps, rs -> new InmateFacts(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7)));
        });
    }

    // ---- proposals ----------------------------------------------------------------------------

    void insertProposal(UUID id, UUID meetingId, Org proposer, String sub, Instant at, String entryJson) {
        jdbc.prepareStatement("""
                INSERT INTO ksp_proposal (id, meeting_id, proposer_org_type, proposer_org_id, proposed_by, proposed_at,
                                          entry, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')""", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, meetingId);
            ps.setString(3, proposer.orgType());
            ps.setString(4, proposer.orgId());
            ps.setString(5, sub);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.setString(7, entryJson);
            return ps.executeUpdate();
        });
    }

    /** A proposal with its entry as stored JSON (column 7). */
    record StoredProposal(UUID id, UUID meetingId, String status, Org proposer, String proposedBy, Instant proposedAt,
                          String entryJson, Instant decidedAt, String decisionReason, Integer acceptedInVersion) {
    }

    private static final String PROPOSAL = """
            SELECT id, meeting_id, status, proposer_org_type, proposer_org_id, proposed_by, proposed_at, entry,
                   decided_at, decision_reason, accepted_in_version
              FROM ksp_proposal
            """;

    Optional<StoredProposal> proposal(UUID id) {
        return jdbc.prepareStatement(PROPOSAL + " WHERE id = ?", ps -> {
            ps.setObject(1, id);
            return one(ps, KspStore::proposal);
        });
    }

    /** The meeting's proposals; {@code proposer} null = all of them. */
    List<StoredProposal> proposals(UUID meetingId, Org proposer) {
        return jdbc.prepareStatement(PROPOSAL + """
                 WHERE meeting_id = ? AND (CAST(? AS text) IS NULL OR (proposer_org_type = ? AND proposer_org_id = ?))
                 ORDER BY proposed_at, id LIMIT 10000""", ps -> {
            ps.setObject(1, meetingId);
            String type = proposer == null ? null : proposer.orgType();
            ps.setString(2, type);
            ps.setString(3, type);
            ps.setString(4, proposer == null ? null : proposer.orgId());
            return all(ps, KspStore::proposal);
        });
    }

    /** Decides a pending proposal; false when it was already decided. */
    boolean decide(UUID id, String status, String by, Instant at, String reason, Integer acceptedInVersion) {
        return jdbc.prepareStatement("""
                UPDATE ksp_proposal SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?,
                                        accepted_in_version = ?
                 WHERE id = ? AND status = 'pending'""", ps -> {
            ps.setString(1, status);
            ps.setString(2, by);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, reason);
            ps.setObject(5, acceptedInVersion);
            ps.setObject(6, id);
            return ps.executeUpdate() == 1;
        });
    }

    private static StoredProposal proposal(ResultSet rs) throws SQLException {
        Timestamp decided = rs.getTimestamp(9);
        return new StoredProposal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                new Org(rs.getString(4), rs.getString(5)), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                decided == null ? null : decided.toInstant(), rs.getString(10), (Integer) rs.getObject(11));
    }

    // ---- exchanges ----------------------------------------------------------------------------

    void insertExchange(ExchangeRecord e) {
        jdbc.prepareStatement("""
                INSERT INTO ksp_exchange (id, meeting_id, entry_id, inmate_id, summary, inmate_informed, protection_reason,
                                          approved_by, noted_on_plan, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, e.id());
            ps.setObject(2, e.meetingId());
            ps.setObject(3, e.entryId());
            ps.setObject(4, e.inmateId());
            ps.setString(5, e.summary());
            ps.setBoolean(6, e.inmateInformed());
            ps.setString(7, e.protectionReason());
            ps.setString(8, e.approvedBy());
            ps.setObject(9, e.notedOnPlan());
            ps.setString(10, e.recordedBy());
            ps.setTimestamp(11, Timestamp.from(e.recordedAt()));
            return ps.executeUpdate();
        });
    }

    /**
     * The meeting's exchange records the caller may read (issue 26): the secretariat keeps every record of
     * its meeting (R17); any other participant reads a record exactly when it may read the person's
     * action plan, where the record is noted ({@link InmateVisibility} with its {@code scope}).
     */
    List<ExchangeRecord> exchanges(UUID meetingId, InmateScope scope, boolean secretariat) {
        return jdbc.prepareStatement("""
                SELECT x.id, x.meeting_id, x.entry_id, x.inmate_id, x.summary, x.inmate_informed, x.protection_reason,
                       x.approved_by, x.noted_on_plan, x.recorded_by, x.recorded_at
                  FROM ksp_exchange x LEFT JOIN inmate i ON i.id = x.inmate_id
                 WHERE x.meeting_id = ?
                   AND CASE WHEN ? THEN true WHEN x.inmate_id IS NULL THEN false ELSE""" + " " + InmateVisibility.POSITIONAL + """
                 END
                 ORDER BY x.recorded_at, x.id LIMIT 10000""", ps -> {
            ps.setObject(1, meetingId);
            ps.setBoolean(2, secretariat);
            InmateVisibility.bind(ps, 3, scope);
            return all(ps, rs -> new ExchangeRecord(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5), rs.getBoolean(6),
                    rs.getString(7), rs.getString(8), rs.getObject(9, UUID.class), rs.getString(10),
                    rs.getTimestamp(11).toInstant()));
        });
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void insertOrgs(String sql, UUID owner, List<Org> orgs) {
        if (orgs.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(sql, ps -> {
            for (Org o : orgs) {
                ps.setObject(1, owner);
                ps.setString(2, o.orgType());
                ps.setString(3, o.orgId());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** Binds (orgId, orgType) pairs for FORUM_VISIBLE starting at {@code index}: secretariat, police, member. */
    private static void bindOrg(PreparedStatement ps, int index, Org caller, int pairs) throws SQLException {
        for (int i = 0; i < pairs; i++) {
            boolean member = i == pairs - 1;
            ps.setString(index + 2 * i, member ? caller.orgType() : caller.orgId());
            ps.setString(index + 2 * i + 1, member ? caller.orgId() : caller.orgType());
        }
    }

    /** Parses "type:id,type:id" as aggregated by the queries above (org ids never hold ':' or ','). */
    private static List<Org> orgs(String aggregated) {
        if (aggregated == null || aggregated.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(aggregated.split(",")).map(s -> {
            int colon = s.indexOf(':');
            return new Org(s.substring(0, colon), s.substring(colon + 1));
        }).toList();
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> Optional<T> one(PreparedStatement ps, Row<T> row) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        }
    }

    private static <T> List<T> all(PreparedStatement ps, Row<T> row) throws SQLException {
        List<T> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(row.map(rs));
            }
        }
        return found;
    }
}
