package dk.overgang.referral;

import dk.overgang.access.ConsentCheck;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import dk.overgang.database.Sql;
import dk.overgang.shared.Versions;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Consents and referrals in SQL. The authorities' reads carry {@link InmateVisibility}; the NGO's
 * carry {@link ConsentCheck} (built by it), so neither can be written without its access rule.
 * Columns are selected under the names of the row records' components (issue 26: rows by name).
 */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
class ReferralStore {

    private final Sql sql;

    ReferralStore(Sql sql) {
        this.sql = sql;
    }

    public record ConsentRow(UUID id, long version, Instant lastUpdated, UUID inmateId, String programmeId, String purpose,
                      List<String> dataItems, LocalDate validFrom, LocalDate validUntil, Instant withdrawnAt,
                      String orgType, String orgId) {

        boolean activeOn(LocalDate day) {
            return withdrawnAt == null && !validFrom.isAfter(day) && (validUntil == null || !validUntil.isBefore(day));
        }
    }

    public record ReferralRow(UUID id, long version, Instant lastUpdated, UUID inmateId, String programmeId, String status,
                       String orgType, String orgId, Instant referredAt, String volunteer, LocalDate nextVisit,
                       int visitsHeld, boolean mentorPairAssigned, String statusReason) {
    }

    /** A referral as its programme may see it: the person's facts, and the data items consented and needed. */
    record NgoRow(@Nested ReferralRow referral, String name, LocalDate birthDate, String custodyStatus, String institution,
                  String municipality, LocalDate release, List<String> programmeItems, List<String> consentedItems) {
    }

    /** A note of the programme on a referral (the NGO's own). */
    public record NoteRow(UUID id, UUID referralId, UUID inmateId, String programmeId, Instant writtenAt, String text,
                   boolean shareWithAuthorities) {
    }

    private static final RowMapper<ConsentRow> CONSENT = ConstructorMapper.of(ConsentRow.class);
    private static final RowMapper<ReferralRow> REFERRAL = ConstructorMapper.of(ReferralRow.class);
    private static final RowMapper<NgoRow> NGO = ConstructorMapper.of(NgoRow.class);
    private static final RowMapper<NoteRow> NOTE = ConstructorMapper.of(NoteRow.class);

    void insertConsent(ConsentRow c, String sub) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO consent (id, version, last_updated, inmate_id, programme_id, purpose, data_items, valid_from,
                                     valid_until, recorded_by_org_type, recorded_by_org_id, recorded_by_sub)
                VALUES (:id, :version, :lastUpdated, :inmateId, :programmeId, :purpose, :dataItems, :validFrom,
                        :validUntil, :orgType, :orgId, :sub)""")
                .bindMethods(c)
                .bind("dataItems", c.dataItems().toArray(String[]::new))
                .bind("sub", sub)
                .execute());
    }

    private static final String CONSENT_COLUMNS = """
            c.id, c.version, c.last_updated, c.inmate_id, c.programme_id, c.purpose, c.data_items, c.valid_from,
            c.valid_until, c.withdrawn_at, c.recorded_by_org_type AS org_type, c.recorded_by_org_id AS org_id""";

    List<ConsentRow> consentsOf(UUID inmateId, InmateScope scope) {
        return sql.run(h -> h.createQuery("SELECT " + CONSENT_COLUMNS + " FROM consent c JOIN inmate i ON i.id = c.inmate_id"
                        + " WHERE c.inmate_id = :inmate AND " + InmateVisibility.NAMED + " ORDER BY c.last_updated DESC, c.id")
                .bind("inmate", inmateId).bindMap(InmateVisibility.params(scope))
                .map(CONSENT).list());
    }

    Optional<ConsentRow> findConsent(UUID id, InmateScope scope) {
        return sql.run(h -> h.createQuery("SELECT " + CONSENT_COLUMNS + " FROM consent c JOIN inmate i ON i.id = c.inmate_id"
                        + " WHERE c.id = :id AND " + InmateVisibility.NAMED)
                .bind("id", id).bindMap(InmateVisibility.params(scope))
                .map(CONSENT).findOne());
    }

    /** The consent's versions below {@code before}, newest first (issue 26: one version history). */
    List<ConsentRow> consentVersions(UUID id, long before, int rows) {
        return sql.run(h -> h.createQuery("SELECT " + CONSENT_COLUMNS + " FROM " + Versions.of("consent", "c")
                        + " ORDER BY c.version DESC")
                .bindMap(Versions.params(id, before, rows))
                .map(CONSENT).list());
    }

    /** Withdraws a consent not withdrawn yet; false when it already was. */
    boolean withdraw(UUID id, Instant at, String note) {
        return sql.run(h -> h.createUpdate("""
                        UPDATE consent SET withdrawn_at = :at, withdrawal_note = :note, version = version + 1, last_updated = :at
                         WHERE id = :id AND withdrawn_at IS NULL""")
                .bind("at", at).bind("note", note).bind("id", id)
                .execute() == 1);
    }

    /** Whether a consent valid on {@code day} covers the person, the programme and the purpose. */
    boolean hasValidConsent(UUID inmateId, String programmeId, ConsentCheck.Purpose purpose, LocalDate day) {
        return sql.run(h -> h.createQuery(ConsentCheck.EXISTS_FOR_PERSON)
                .bind("inmate", inmateId).bind("programme", programmeId).bindMap(ConsentCheck.params(purpose, day))
                .mapTo(Integer.class).findOne().isPresent());
    }

    void insertReferral(ReferralRow r, String sub) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO referral (id, version, last_updated, inmate_id, programme_id, status, referred_by_org_type,
                                      referred_by_org_id, referred_by_sub, referred_at)
                VALUES (:id, :version, :lastUpdated, :inmateId, :programmeId, :status, :orgType, :orgId, :sub, :referredAt)""")
                .bindMethods(r)
                .bind("sub", sub)
                .execute());
    }

    private static final String REFERRAL_COLUMNS = """
            r.id, r.version, r.last_updated, r.inmate_id, r.programme_id, r.status, r.referred_by_org_type AS org_type,
            r.referred_by_org_id AS org_id, r.referred_at, r.volunteer, r.next_visit, r.visits_held, r.mentor_pair_assigned,
            r.status_reason""";

    List<ReferralRow> referralsOf(UUID inmateId, InmateScope scope) {
        return sql.run(h -> h.createQuery("SELECT " + REFERRAL_COLUMNS + " FROM referral r JOIN inmate i ON i.id = r.inmate_id"
                        + " WHERE r.inmate_id = :inmate AND " + InmateVisibility.NAMED + " ORDER BY r.referred_at DESC, r.id")
                .bind("inmate", inmateId).bindMap(InmateVisibility.params(scope))
                .map(REFERRAL).list());
    }

    Optional<ReferralRow> findReferral(UUID id, InmateScope scope) {
        return sql.run(h -> h.createQuery("SELECT " + REFERRAL_COLUMNS + " FROM referral r JOIN inmate i ON i.id = r.inmate_id"
                        + " WHERE r.id = :id AND " + InmateVisibility.NAMED)
                .bind("id", id).bindMap(InmateVisibility.params(scope))
                .map(REFERRAL).findOne());
    }

    /** The referral's versions below {@code before}, newest first (issue 26: one version history). */
    List<ReferralRow> referralVersions(UUID id, long before, int rows) {
        return sql.run(h -> h.createQuery("SELECT " + REFERRAL_COLUMNS + " FROM " + Versions.of("referral", "r")
                        + " ORDER BY r.version DESC")
                .bindMap(Versions.params(id, before, rows))
                .map(REFERRAL).list());
    }

    private static final String NGO_COLUMNS = REFERRAL_COLUMNS + """
            , i.name, i.birth_date, i.custody_status, i.current_institution AS institution,
            i.acting_municipality AS municipality,
            CASE WHEN i.parole_refused OR i.expected_parole_date IS NULL THEN i.expected_release_date
                 ELSE i.expected_parole_date END AS release, p.data_items AS programme_items""";
    // Issue 17: a restricted person is not shown to a programme (NGOs never hold the restricted-access role).
    private static final String NGO_JOINS = "JOIN inmate i ON i.id = r.inmate_id AND " + InmateVisibility.NOT_RESTRICTED
            + " JOIN programme p ON p.id = r.programme_id";

    /** A page of the programme's referrals with a valid referral consent on {@code today}, by id. */
    List<NgoRow> ngoPage(String programmeId, LocalDate today, UUID after, int limit) {
        return sql.run(h -> h.createQuery(ConsentCheck.ngoQuery(NGO_COLUMNS, NGO_JOINS,
                        "r.programme_id = :programme AND r.id > :after") + " ORDER BY r.id LIMIT :limit")
                .bindMap(ConsentCheck.params(ConsentCheck.Purpose.REFERRAL, today))
                .bind("programme", programmeId).bind("after", after == null ? new UUID(0, 0) : after).bind("limit", limit)
                .map(NGO).list());
    }

    Optional<NgoRow> ngoOne(String programmeId, UUID id, LocalDate today) {
        return sql.run(h -> h.createQuery(ConsentCheck.ngoQuery(NGO_COLUMNS, NGO_JOINS, "r.programme_id = :programme AND r.id = :id"))
                .bindMap(ConsentCheck.params(ConsentCheck.Purpose.REFERRAL, today))
                .bind("programme", programmeId).bind("id", id)
                .map(NGO).findOne());
    }

    /** The programme's report; true when {@code expectedVersion} was current. */
    boolean updateStatus(UUID id, long expectedVersion, Instant at, String status, String volunteer, LocalDate nextVisit,
                         int visitsHeld, boolean mentorPairAssigned, String reason) {
        return sql.run(h -> h.createUpdate("""
                        UPDATE referral SET status = :status, volunteer = :volunteer, next_visit = :nextVisit,
                               visits_held = :visitsHeld, mentor_pair_assigned = :mentorPair, status_reason = :reason,
                               version = version + 1, last_updated = :at,
                               activated_at = CASE WHEN :status = 'active' THEN coalesce(activated_at, :at) ELSE activated_at END
                         WHERE id = :id AND version = :expectedVersion""")
                .bind("status", status).bind("volunteer", volunteer).bind("nextVisit", nextVisit)
                .bind("visitsHeld", visitsHeld).bind("mentorPair", mentorPairAssigned).bind("reason", reason)
                .bind("at", at).bind("id", id).bind("expectedVersion", expectedVersion)
                .execute() == 1);
    }

    private static final String NOTE_COLUMNS = "r.id, r.referral_id, r.inmate_id, r.programme_id, r.written_at, r.text,"
            + " r.share_with_authorities";

    void insertNote(NoteRow n, String authorSub) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO ngo_note (id, referral_id, inmate_id, programme_id, written_at, author_sub, text, share_with_authorities)
                VALUES (:id, :referralId, :inmateId, :programmeId, :writtenAt, :authorSub, :text, :shareWithAuthorities)""")
                .bindMethods(n)
                .bind("authorSub", authorSub)
                .execute());
    }

    /** The programme's notes on one referral; the caller has already passed the consent check for the referral. */
    List<NoteRow> notesOf(UUID referralId, String programmeId) {
        return sql.run(h -> h.createQuery("SELECT " + NOTE_COLUMNS + " FROM ngo_note r"
                        + " WHERE r.referral_id = :referral AND r.programme_id = :programme ORDER BY r.written_at, r.id")
                .bind("referral", referralId).bind("programme", programmeId)
                .map(NOTE).list());
    }

    Optional<NoteRow> note(UUID id) {
        return sql.run(h -> h.createQuery("SELECT " + NOTE_COLUMNS + " FROM ngo_note r WHERE r.id = :id")
                .bind("id", id)
                .map(NOTE).findOne());
    }

    /** The notes an authority may read: shared by the person's choice, under a note-sharing consent valid today. */
    List<NoteRow> sharedNotes(UUID inmateId, InmateScope scope, LocalDate today) {
        return sql.run(h -> h.createQuery(ConsentCheck.sharedNoteQuery(NOTE_COLUMNS, "JOIN inmate i ON i.id = r.inmate_id",
                        "r.inmate_id = :inmate AND " + InmateVisibility.NAMED) + " ORDER BY r.written_at, r.id")
                .bindMap(ConsentCheck.params(ConsentCheck.Purpose.NOTE_SHARING, today))
                .bind("inmate", inmateId).bindMap(InmateVisibility.params(scope))
                .map(NOTE).list());
    }
}
