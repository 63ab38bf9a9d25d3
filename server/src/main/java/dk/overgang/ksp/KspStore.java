package dk.overgang.ksp;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * SQL for KSP. Hand-written SQL ({@link Sql}) rather than Micronaut Data repositories: membership and participation are
 * sets read with each forum and meeting, visibility is an EXISTS over them, and list versions are
 * insert-only rows whose uniqueness (not a version column) settles concurrent publishers.
 */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
class KspStore {

    private final Sql sql;

    KspStore(Sql sql) {
        this.sql = sql;
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
        sql.use(h -> h.createUpdate("""
                INSERT INTO ksp_forum (id, name, secretariat, police_district, created_at, created_by)
                VALUES (:id, :name, :secretariat, :policeDistrict, :createdAt, :createdBy)""")
                .bindMethods(f).bind("createdBy", createdBy)
                .execute());
        List<Org> members = new ArrayList<>();
        f.municipalities().forEach(m -> members.add(new Org("municipality", m)));
        f.institutions().forEach(i -> members.add(new Org("prison", i)));
        f.probationOffices().forEach(p -> members.add(new Org("probation", p)));
        insertOrgs("INSERT INTO ksp_forum_member (forum_id, org_type, org_id) VALUES (:owner, :orgType, :orgId)", f.id(), members);
    }

    private static final String FORUM = """
            SELECT f.id, f.name, f.secretariat, f.police_district, f.created_at,
                   (SELECT string_agg(m.org_type || ':' || m.org_id, ',' ORDER BY m.org_type, m.org_id)
                      FROM ksp_forum_member m WHERE m.forum_id = f.id) AS members
              FROM ksp_forum f
            """;

    /** A forum whose secretariat, police district or member list names the organisation ({@code :orgType}, {@code :orgId}). */
    private static final String FORUM_VISIBLE = """
             ((f.secretariat = :orgId AND :orgType = 'probation') OR (f.police_district = :orgId AND :orgType = 'police')
              OR EXISTS (SELECT 1 FROM ksp_forum_member m WHERE m.forum_id = f.id AND m.org_type = :orgType AND m.org_id = :orgId))
            """;

    Optional<Forum> visibleForum(UUID id, Org caller) {
        return sql.run(h -> h.createQuery(FORUM + " WHERE f.id = :id AND" + FORUM_VISIBLE)
                .bind("id", id).bindMethods(caller)
                .map(FORUM_ROW).findOne());
    }

    List<Forum> visibleForums(Org caller) {
        return sql.run(h -> h.createQuery(FORUM + " WHERE" + FORUM_VISIBLE + " ORDER BY f.name, f.id LIMIT 500")
                .bindMethods(caller)
                .map(FORUM_ROW).list());
    }

    private static final RowMapper<Forum> FORUM_ROW = (rs, ctx) -> {
        List<String> municipalities = new ArrayList<>();
        List<String> institutions = new ArrayList<>();
        List<String> probation = new ArrayList<>();
        for (Org o : orgs(rs.getString("members"))) {
            switch (o.orgType()) {
                case "municipality" -> municipalities.add(o.orgId());
                case "prison" -> institutions.add(o.orgId());
                default -> probation.add(o.orgId());
            }
        }
        return new Forum(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("secretariat"),
                rs.getString("police_district"), municipalities, institutions, probation,
                rs.getTimestamp("created_at").toInstant());
    };

    // ---- meetings -----------------------------------------------------------------------------

    void insertMeeting(Meeting m, String createdBy) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO ksp_meeting (id, forum_id, meeting_date, place, created_at, created_by)
                VALUES (:id, :forumId, :date, :place, :createdAt, :createdBy)""")
                .bindMethods(m).bind("createdBy", createdBy)
                .execute());
        insertOrgs("INSERT INTO ksp_meeting_participant (meeting_id, org_type, org_id) VALUES (:owner, :orgType, :orgId)",
                m.id(), m.participants());
    }

    private static final String MEETING = """
            SELECT m.id, m.forum_id, f.name AS forum_name, m.meeting_date, m.place, f.secretariat, f.police_district,
                   (SELECT string_agg(p.org_type || ':' || p.org_id, ',' ORDER BY p.org_type, p.org_id)
                      FROM ksp_meeting_participant p WHERE p.meeting_id = m.id) AS participants,
                   (SELECT max(v.version_id) FROM ksp_list_version v WHERE v.meeting_id = m.id) AS latest_version,
                   m.created_at
              FROM ksp_meeting m JOIN ksp_forum f ON f.id = m.forum_id
            """;

    /** R17: the forum's secretariat and the meeting's participants ({@code :orgType}, {@code :orgId}), nobody else. */
    private static final String MEETING_VISIBLE = """
             ((f.secretariat = :orgId AND :orgType = 'probation')
              OR EXISTS (SELECT 1 FROM ksp_meeting_participant p WHERE p.meeting_id = m.id AND p.org_type = :orgType
                                                                  AND p.org_id = :orgId))
            """;

    Optional<Meeting> visibleMeeting(UUID id, Org caller) {
        return sql.run(h -> h.createQuery(MEETING + " WHERE m.id = :id AND" + MEETING_VISIBLE)
                .bind("id", id).bindMethods(caller)
                .map(MEETING_ROW).findOne());
    }

    List<Meeting> visibleMeetings(Org caller, UUID forumId, LocalDate from, LocalDate afterDate, UUID afterId, int limit) {
        return sql.run(h -> h.createQuery(MEETING + " WHERE" + MEETING_VISIBLE + """
                           AND (CAST(:forum AS uuid) IS NULL OR m.forum_id = :forum)
                           AND (CAST(:from AS date) IS NULL OR m.meeting_date >= :from)
                           AND (CAST(:afterDate AS date) IS NULL OR (m.meeting_date, m.id) < (:afterDate, :afterId))
                         ORDER BY m.meeting_date DESC, m.id DESC LIMIT :limit""")
                .bindMethods(caller)
                .bindByType("forum", forumId, UUID.class).bindByType("from", from, LocalDate.class)
                .bindByType("afterDate", afterDate, LocalDate.class).bindByType("afterId", afterId, UUID.class)
                .bind("limit", limit)
                .map(MEETING_ROW).list());
    }

    private static final RowMapper<Meeting> MEETING_ROW = (rs, ctx) -> new Meeting(rs.getObject("id", UUID.class),
            rs.getObject("forum_id", UUID.class), rs.getString("forum_name"), rs.getObject("meeting_date", LocalDate.class),
            rs.getString("place"), rs.getString("secretariat"), rs.getString("police_district"),
            orgs(rs.getString("participants")), (Integer) rs.getObject("latest_version"),
            rs.getTimestamp("created_at").toInstant());

    // ---- list versions ------------------------------------------------------------------------

    private static final RowMapper<StoredVersion> VERSION_ROW = ConstructorMapper.of(StoredVersion.class);

    private static final String VERSION = """
            SELECT version_id, published_at, published_by, change_note, entries FROM ksp_list_version
            """;

    Optional<StoredVersion> latestVersion(UUID meetingId) {
        return sql.run(h -> h.createQuery(VERSION + " WHERE meeting_id = :meeting ORDER BY version_id DESC LIMIT 1")
                .bind("meeting", meetingId)
                .map(VERSION_ROW).findOne());
    }

    Optional<StoredVersion> version(UUID meetingId, int versionId) {
        return sql.run(h -> h.createQuery(VERSION + " WHERE meeting_id = :meeting AND version_id = :version")
                .bind("meeting", meetingId).bind("version", versionId)
                .map(VERSION_ROW).findOne());
    }

    /** Versions of the meeting's list below {@code before}, newest first, at most {@code limit}. */
    List<StoredVersion> versions(UUID meetingId, long before, int limit) {
        return sql.run(h -> h.createQuery(VERSION + " WHERE meeting_id = :meeting AND version_id < :before"
                        + " ORDER BY version_id DESC LIMIT :limit")
                .bind("meeting", meetingId).bind("before", before).bind("limit", limit)
                .map(VERSION_ROW).list());
    }

    /** False when another publisher took this version number first. */
    boolean insertVersion(UUID meetingId, int versionId, Instant at, String by, String changeNote, String entries) {
        return sql.run(h -> h.createUpdate("""
                        INSERT INTO ksp_list_version (meeting_id, version_id, published_at, published_by, change_note, entries)
                        VALUES (:meeting, :version, :at, :by, :changeNote, :entries)
                        ON CONFLICT (meeting_id, version_id) DO NOTHING""")
                .bind("meeting", meetingId).bind("version", versionId).bind("at", at).bind("by", by)
                .bind("changeNote", changeNote).bind("entries", entries)
                .execute() == 1);
    }

    // ---- inmates ------------------------------------------------------------------------------

    private static final RowMapper<InmateFacts> INMATE_FACTS = ConstructorMapper.of(InmateFacts.class);

    /**
     * The inmate's facts for a list entry, if {@code scope} covers it. Custody began at the sentence
     * start; the release is the actual release date, or the expected one once the status is {@code released}.
     */
    Optional<InmateFacts> inmate(UUID id, InmateScope scope) {
        return sql.run(h -> h.createQuery("""
                        SELECT i.id, i.name, i.cpr, i.sentence_start AS custody_from,
                               coalesce(i.actual_release_date,
                                        CASE WHEN i.custody_status = 'released' THEN i.expected_release_date END) AS released_on,
                               i.current_institution AS institution, i.acting_municipality AS municipality
                          FROM inmate i WHERE i.id = :id AND\s""" + InmateVisibility.NAMED)
                .bind("id", id).bindMap(InmateVisibility.params(scope))
                .map(INMATE_FACTS).findOne());
    }

    // ---- proposals ----------------------------------------------------------------------------

    void insertProposal(UUID id, UUID meetingId, Org proposer, String sub, Instant at, String entryJson) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO ksp_proposal (id, meeting_id, proposer_org_type, proposer_org_id, proposed_by, proposed_at,
                                          entry, status)
                VALUES (:id, :meeting, :orgType, :orgId, :sub, :at, :entry, 'pending')""")
                .bind("id", id).bind("meeting", meetingId).bindMethods(proposer).bind("sub", sub).bind("at", at)
                .bind("entry", entryJson)
                .execute());
    }

    /** A proposal with its entry as stored JSON. */
    record StoredProposal(UUID id, UUID meetingId, String status, Org proposer, String proposedBy, Instant proposedAt,
                          String entryJson, Instant decidedAt, String decisionReason, Integer acceptedInVersion) {
    }

    private static final String PROPOSAL = """
            SELECT id, meeting_id, status, proposer_org_type, proposer_org_id, proposed_by, proposed_at, entry,
                   decided_at, decision_reason, accepted_in_version
              FROM ksp_proposal
            """;

    Optional<StoredProposal> proposal(UUID id) {
        return sql.run(h -> h.createQuery(PROPOSAL + " WHERE id = :id")
                .bind("id", id)
                .map(PROPOSAL_ROW).findOne());
    }

    /** The meeting's proposals; {@code proposer} null = all of them. */
    List<StoredProposal> proposals(UUID meetingId, Org proposer) {
        return sql.run(h -> h.createQuery(PROPOSAL + """
                         WHERE meeting_id = :meeting
                           AND (CAST(:orgType AS text) IS NULL OR (proposer_org_type = :orgType AND proposer_org_id = :orgId))
                         ORDER BY proposed_at, id LIMIT 10000""")
                .bind("meeting", meetingId)
                .bind("orgType", proposer == null ? null : proposer.orgType())
                .bind("orgId", proposer == null ? null : proposer.orgId())
                .map(PROPOSAL_ROW).list());
    }

    /** Decides a pending proposal; false when it was already decided. */
    boolean decide(UUID id, String status, String by, Instant at, String reason, Integer acceptedInVersion) {
        return sql.run(h -> h.createUpdate("""
                        UPDATE ksp_proposal SET status = :status, decided_by = :by, decided_at = :at, decision_reason = :reason,
                                                accepted_in_version = :acceptedInVersion
                         WHERE id = :id AND status = 'pending'""")
                .bind("status", status).bind("by", by).bind("at", at).bind("reason", reason)
                .bind("acceptedInVersion", acceptedInVersion).bind("id", id)
                .execute() == 1);
    }

    private static final RowMapper<StoredProposal> PROPOSAL_ROW = (rs, ctx) -> {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new StoredProposal(rs.getObject("id", UUID.class), rs.getObject("meeting_id", UUID.class),
                rs.getString("status"), new Org(rs.getString("proposer_org_type"), rs.getString("proposer_org_id")),
                rs.getString("proposed_by"), rs.getTimestamp("proposed_at").toInstant(), rs.getString("entry"),
                decided == null ? null : decided.toInstant(), rs.getString("decision_reason"),
                (Integer) rs.getObject("accepted_in_version"));
    };

    // ---- exchanges ----------------------------------------------------------------------------

    private static final RowMapper<ExchangeRecord> EXCHANGE = ConstructorMapper.of(ExchangeRecord.class);

    void insertExchange(ExchangeRecord e) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO ksp_exchange (id, meeting_id, entry_id, inmate_id, summary, inmate_informed, protection_reason,
                                          approved_by, noted_on_plan, recorded_by, recorded_at)
                VALUES (:id, :meetingId, :entryId, :inmateId, :summary, :inmateInformed, :protectionReason, :approvedBy,
                        :notedOnPlan, :recordedBy, :recordedAt)""")
                .bindMethods(e)
                .execute());
    }

    /**
     * The meeting's exchange records the caller may read (issue 26): the secretariat keeps every record of
     * its meeting (R17); any other participant reads a record exactly when it may read the person's
     * action plan, where the record is noted ({@link InmateVisibility} with its {@code scope}).
     */
    List<ExchangeRecord> exchanges(UUID meetingId, InmateScope scope, boolean secretariat) {
        return sql.run(h -> h.createQuery("""
                        SELECT x.id, x.meeting_id, x.entry_id, x.inmate_id, x.summary, x.inmate_informed, x.protection_reason,
                               x.approved_by, x.noted_on_plan, x.recorded_by, x.recorded_at
                          FROM ksp_exchange x LEFT JOIN inmate i ON i.id = x.inmate_id
                         WHERE x.meeting_id = :meeting
                           AND CASE WHEN :secretariat THEN true WHEN x.inmate_id IS NULL THEN false ELSE""" + " "
                        + InmateVisibility.NAMED + """
                         END
                         ORDER BY x.recorded_at, x.id LIMIT 10000""")
                .bind("meeting", meetingId).bind("secretariat", secretariat).bindMap(InmateVisibility.params(scope))
                .map(EXCHANGE).list());
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Inserts the (owner, organisation) rows of {@code statement} in one batch. */
    private void insertOrgs(String statement, UUID owner, List<Org> orgs) {
        if (orgs.isEmpty()) {
            return;
        }
        sql.use(h -> {
            var batch = h.prepareBatch(statement);
            for (Org o : orgs) {
                batch.bind("owner", owner).bindMethods(o).add();
            }
            batch.execute();
        });
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
}
