package dk.overgang.referral;

import dk.overgang.shared.Versions;
import dk.overgang.access.ConsentCheck;
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
 * Consents and referrals in SQL. The authorities' reads carry {@link InmateVisibility}; the NGO's
 * carry {@link ConsentCheck} (built by it), so neither can be written without its access rule.
 */
@Singleton
@Connectable
class ReferralStore {

    private final JdbcOperations jdbc;

    ReferralStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    record ConsentRow(UUID id, long version, Instant lastUpdated, UUID inmateId, String programmeId, String purpose,
                      List<String> dataItems, LocalDate validFrom, LocalDate validUntil, Instant withdrawnAt,
                      String orgType, String orgId) {

        boolean activeOn(LocalDate day) {
            return withdrawnAt == null && !validFrom.isAfter(day) && (validUntil == null || !validUntil.isBefore(day));
        }
    }

    record ReferralRow(UUID id, long version, Instant lastUpdated, UUID inmateId, String programmeId, String status,
                       String orgType, String orgId, Instant referredAt, String volunteer, LocalDate nextVisit,
                       int visitsHeld, boolean mentorPairAssigned, String statusReason) {
    }

    /** A referral as its programme may see it: the person's facts, and the data items consented and needed. */
    record NgoRow(ReferralRow referral, String name, LocalDate birthDate, String custodyStatus, String institution,
                  String municipality, LocalDate release, List<String> programmeItems, List<String> consentedItems) {
    }

    boolean personVisible(UUID inmateId, InmateScope scope) {
        return jdbc.prepareStatement("SELECT 1 FROM inmate i WHERE i.id = ? AND " + InmateVisibility.POSITIONAL, ps -> {
            ps.setObject(1, inmateId);
            InmateVisibility.bind(ps, 2, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    void insertConsent(ConsentRow c, String sub) {
        jdbc.prepareStatement("""
                INSERT INTO consent (id, version, last_updated, inmate_id, programme_id, purpose, data_items, valid_from,
                                     valid_until, recorded_by_org_type, recorded_by_org_id, recorded_by_sub)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, c.id());
            ps.setLong(2, c.version());
            ps.setTimestamp(3, Timestamp.from(c.lastUpdated()));
            ps.setObject(4, c.inmateId());
            ps.setString(5, c.programmeId());
            ps.setString(6, c.purpose());
            ps.setArray(7, ps.getConnection().createArrayOf("text", c.dataItems().toArray()));
            ps.setObject(8, c.validFrom());
            ps.setObject(9, c.validUntil());
            ps.setString(10, c.orgType());
            ps.setString(11, c.orgId());
            ps.setString(12, sub);
            return ps.executeUpdate();
        });
    }

    private static final String CONSENT_COLUMNS = """
            c.id, c.version, c.last_updated, c.inmate_id, c.programme_id, c.purpose, c.data_items, c.valid_from,
            c.valid_until, c.withdrawn_at, c.recorded_by_org_type, c.recorded_by_org_id""";

    List<ConsentRow> consentsOf(UUID inmateId, InmateScope scope) {
        return jdbc.prepareStatement("SELECT " + CONSENT_COLUMNS + " FROM consent c JOIN inmate i ON i.id = c.inmate_id"
                + " WHERE c.inmate_id = ? AND " + InmateVisibility.POSITIONAL + " ORDER BY c.last_updated DESC, c.id", ps -> {
            ps.setObject(1, inmateId);
            InmateVisibility.bind(ps, 2, scope);
            return consents(ps);
        });
    }

    Optional<ConsentRow> findConsent(UUID id, InmateScope scope) {
        return jdbc.prepareStatement("SELECT " + CONSENT_COLUMNS + " FROM consent c JOIN inmate i ON i.id = c.inmate_id"
                + " WHERE c.id = ? AND " + InmateVisibility.POSITIONAL, ps -> {
            ps.setObject(1, id);
            InmateVisibility.bind(ps, 2, scope);
            return consents(ps).stream().findFirst();
        });
    }

    /** The consent's versions below {@code before}, newest first (issue 26: one version history). */
    List<ConsentRow> consentVersions(UUID id, long before, int rows) {
        return jdbc.prepareStatement("SELECT " + CONSENT_COLUMNS + " FROM " + Versions.of("consent", "c")
                + " ORDER BY c.version DESC", ps -> {
            Versions.bind(ps, 1, id, before, rows);
            return consents(ps);
        });
    }

    /** Withdraws a consent not withdrawn yet; false when it already was. */
    boolean withdraw(UUID id, Instant at, String note) {
        return jdbc.prepareStatement("""
                UPDATE consent SET withdrawn_at = ?, withdrawal_note = ?, version = version + 1, last_updated = ?
                 WHERE id = ? AND withdrawn_at IS NULL""", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, note);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setObject(4, id);
            return ps.executeUpdate() == 1;
        });
    }

    /** Whether a consent valid on {@code day} covers the person, the programme and the purpose. */
    boolean hasValidConsent(UUID inmateId, String programmeId, ConsentCheck.Purpose purpose, LocalDate day) {
        return jdbc.prepareStatement(ConsentCheck.EXISTS_FOR_PERSON, ps -> {
            ps.setObject(1, inmateId);
            ps.setString(2, programmeId);
            ConsentCheck.bindOnce(ps, 3, purpose, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    void insertReferral(ReferralRow r, String sub) {
        jdbc.prepareStatement("""
                INSERT INTO referral (id, version, last_updated, inmate_id, programme_id, status, referred_by_org_type,
                                      referred_by_org_id, referred_by_sub, referred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, r.id());
            ps.setLong(2, r.version());
            ps.setTimestamp(3, Timestamp.from(r.lastUpdated()));
            ps.setObject(4, r.inmateId());
            ps.setString(5, r.programmeId());
            ps.setString(6, r.status());
            ps.setString(7, r.orgType());
            ps.setString(8, r.orgId());
            ps.setString(9, sub);
            ps.setTimestamp(10, Timestamp.from(r.referredAt()));
            return ps.executeUpdate();
        });
    }

    private static final String REFERRAL_COLUMNS = """
            r.id, r.version, r.last_updated, r.inmate_id, r.programme_id, r.status, r.referred_by_org_type,
            r.referred_by_org_id, r.referred_at, r.volunteer, r.next_visit, r.visits_held, r.mentor_pair_assigned,
            r.status_reason""";

    List<ReferralRow> referralsOf(UUID inmateId, InmateScope scope) {
        return jdbc.prepareStatement("SELECT " + REFERRAL_COLUMNS + " FROM referral r JOIN inmate i ON i.id = r.inmate_id"
                + " WHERE r.inmate_id = ? AND " + InmateVisibility.POSITIONAL + " ORDER BY r.referred_at DESC, r.id", ps -> {
            ps.setObject(1, inmateId);
            InmateVisibility.bind(ps, 2, scope);
            return referrals(ps);
        });
    }

    Optional<ReferralRow> findReferral(UUID id, InmateScope scope) {
        return jdbc.prepareStatement("SELECT " + REFERRAL_COLUMNS + " FROM referral r JOIN inmate i ON i.id = r.inmate_id"
                + " WHERE r.id = ? AND " + InmateVisibility.POSITIONAL, ps -> {
            ps.setObject(1, id);
            InmateVisibility.bind(ps, 2, scope);
            return referrals(ps).stream().findFirst();
        });
    }

    /** The referral's versions below {@code before}, newest first (issue 26: one version history). */
    List<ReferralRow> referralVersions(UUID id, long before, int rows) {
        return jdbc.prepareStatement("SELECT " + REFERRAL_COLUMNS + " FROM " + Versions.of("referral", "r")
                + " ORDER BY r.version DESC", ps -> {
            Versions.bind(ps, 1, id, before, rows);
            return referrals(ps);
        });
    }

    private List<ReferralRow> referrals(PreparedStatement ps) throws SQLException {
        List<ReferralRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(referral(rs));
            }
        }
        return rows;
    }

    private static final String NGO_COLUMNS = REFERRAL_COLUMNS + """
            , i.name, i.birth_date, i.custody_status, i.current_institution, i.acting_municipality,
            CASE WHEN i.parole_refused OR i.expected_parole_date IS NULL THEN i.expected_release_date
                 ELSE i.expected_parole_date END, p.data_items""";
    // Issue 17: a restricted person is not shown to a programme (NGOs never hold the restricted-access role).
    private static final String NGO_JOINS = "JOIN inmate i ON i.id = r.inmate_id AND " + InmateVisibility.NOT_RESTRICTED
            + " JOIN programme p ON p.id = r.programme_id";

    /** A page of the programme's referrals with a valid referral consent on {@code today}, by id. */
    List<NgoRow> ngoPage(String programmeId, LocalDate today, UUID after, int limit) {
        return jdbc.prepareStatement(ConsentCheck.ngoQuery(NGO_COLUMNS, NGO_JOINS, "r.programme_id = ? AND r.id > ?")
                + " ORDER BY r.id LIMIT ?", ps -> {
            int i = ConsentCheck.bind(ps, 1, ConsentCheck.Purpose.REFERRAL, today);
            ps.setString(i++, programmeId);
            ps.setObject(i++, after == null ? new UUID(0, 0) : after);
            ps.setInt(i, limit);
            return ngoRows(ps);
        });
    }

    Optional<NgoRow> ngoOne(String programmeId, UUID id, LocalDate today) {
        return jdbc.prepareStatement(ConsentCheck.ngoQuery(NGO_COLUMNS, NGO_JOINS, "r.programme_id = ? AND r.id = ?"), ps -> {
            int i = ConsentCheck.bind(ps, 1, ConsentCheck.Purpose.REFERRAL, today);
            ps.setString(i++, programmeId);
            ps.setObject(i, id);
            return ngoRows(ps).stream().findFirst();
        });
    }

    /** The programme's report; true when {@code expectedVersion} was current. */
    boolean updateStatus(UUID id, long expectedVersion, Instant at, String status, String volunteer, LocalDate nextVisit,
                         int visitsHeld, boolean mentorPairAssigned, String reason) {
        return jdbc.prepareStatement("""
                UPDATE referral SET status = ?, volunteer = ?, next_visit = ?, visits_held = ?, mentor_pair_assigned = ?,
                       status_reason = ?, version = version + 1, last_updated = ?,
                       activated_at = CASE WHEN ? = 'active' THEN coalesce(activated_at, ?) ELSE activated_at END
                 WHERE id = ? AND version = ?""", ps -> {
            ps.setString(1, status);
            ps.setString(2, volunteer);
            ps.setObject(3, nextVisit);
            ps.setInt(4, visitsHeld);
            ps.setBoolean(5, mentorPairAssigned);
            ps.setString(6, reason);
            ps.setTimestamp(7, Timestamp.from(at));
            ps.setString(8, status);
            ps.setTimestamp(9, Timestamp.from(at));
            ps.setObject(10, id);
            ps.setLong(11, expectedVersion);
            return ps.executeUpdate() == 1;
        });
    }

    /** A note of the programme on a referral (the NGO's own). */
    record NoteRow(UUID id, UUID referralId, UUID inmateId, String programmeId, Instant writtenAt, String text,
                   boolean shareWithAuthorities) {
    }

    private static final String NOTE_COLUMNS = "r.id, r.referral_id, r.inmate_id, r.programme_id, r.written_at, r.text,"
            + " r.share_with_authorities";

    void insertNote(NoteRow n, String authorSub) {
        jdbc.prepareStatement("""
                INSERT INTO ngo_note (id, referral_id, inmate_id, programme_id, written_at, author_sub, text, share_with_authorities)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, n.id());
            ps.setObject(2, n.referralId());
            ps.setObject(3, n.inmateId());
            ps.setString(4, n.programmeId());
            ps.setTimestamp(5, Timestamp.from(n.writtenAt()));
            ps.setString(6, authorSub);
            ps.setString(7, n.text());
            ps.setBoolean(8, n.shareWithAuthorities());
            return ps.executeUpdate();
        });
    }

    /** The programme's notes on one referral; the caller has already passed the consent check for the referral. */
    List<NoteRow> notesOf(UUID referralId, String programmeId) {
        return jdbc.prepareStatement("SELECT " + NOTE_COLUMNS + " FROM ngo_note r WHERE r.referral_id = ? AND r.programme_id = ?"
                + " ORDER BY r.written_at, r.id", ps -> {
            ps.setObject(1, referralId);
            ps.setString(2, programmeId);
            return notes(ps);
        });
    }

    Optional<NoteRow> note(UUID id) {
        return jdbc.prepareStatement("SELECT " + NOTE_COLUMNS + " FROM ngo_note r WHERE r.id = ?", ps -> {
            ps.setObject(1, id);
            return notes(ps).stream().findFirst();
        });
    }

    /** The notes an authority may read: shared by the person's choice, under a note-sharing consent valid today. */
    List<NoteRow> sharedNotes(UUID inmateId, InmateScope scope, LocalDate today) {
        return jdbc.prepareStatement(ConsentCheck.sharedNoteQuery(NOTE_COLUMNS, "JOIN inmate i ON i.id = r.inmate_id",
                "r.inmate_id = ? AND " + InmateVisibility.POSITIONAL) + " ORDER BY r.written_at, r.id", ps -> {
            int next = ConsentCheck.bindOnce(ps, 1, ConsentCheck.Purpose.NOTE_SHARING, today);
            ps.setObject(next, inmateId);
            InmateVisibility.bind(ps, next + 1, scope);
            return notes(ps);
        });
    }

    private static List<NoteRow> notes(PreparedStatement ps) throws SQLException {
        List<NoteRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new NoteRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getBoolean(7)));
            }
        }
        return rows;
    }

    private static List<ConsentRow> consents(PreparedStatement ps) throws SQLException {
        List<ConsentRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp withdrawn = rs.getTimestamp(10);
                rows.add(new ConsentRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), texts(rs, 7),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class),
                        withdrawn == null ? null : withdrawn.toInstant(), rs.getString(11), rs.getString(12)));
            }
        }
        return rows;
    }

    private static ReferralRow referral(ResultSet rs) throws SQLException {
        return new ReferralRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getObject(11, LocalDate.class), rs.getInt(12),
                rs.getBoolean(13), rs.getString(14));
    }

    private static List<NgoRow> ngoRows(PreparedStatement ps) throws SQLException {
        List<NgoRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new NgoRow(referral(rs), rs.getString(15), rs.getObject(16, LocalDate.class), rs.getString(17),
                        rs.getString(18), rs.getString(19), rs.getObject(20, LocalDate.class), texts(rs, 21), texts(rs, 22)));
            }
        }
        return rows;
    }

    private static List<String> texts(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
