package dk.overgang.access;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The one consent check of every NGO-facing read (issue 13; R6: an NGO has no legal basis to see
 * anyone without consent). A query for the NGO is built here, around the caller's own columns and
 * conditions, so it always carries the predicate "a consent valid today covers this person, this
 * programme and this purpose" and fails closed: no consent, an expired or a withdrawn one, and the
 * row is not there ("not yours" and "missing" alike). The referral row must be aliased {@code r}.
 */
public final class ConsentCheck {

    /** What a consent is for. */
    public enum Purpose {
        REFERRAL("referral"), NOTE_SHARING("note-sharing");

        private final String code;

        Purpose(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final String VALID = valid(":consentPurpose", ":consentDay");

    /**
     * The same predicate without parameters, for SQL that names no caller (events, issue 14): a
     * {@link Purpose#REFERRAL} consent valid today (Danish time) covers referral {@code r}'s person and
     * programme.
     */
    public static final String REFERRAL_CONSENT_VALID_NOW = "EXISTS (SELECT 1 FROM consent c WHERE "
            + valid("'referral'", "CAST(now() AT TIME ZONE 'Europe/Copenhagen' AS date)") + ")";

    private static String valid(String purpose, String today) {
        return "c.inmate_id = r.inmate_id AND c.programme_id = r.programme_id AND c.purpose = " + purpose
                + " AND c.withdrawn_at IS NULL AND c.valid_from <= " + today
                + " AND (c.valid_until IS NULL OR c.valid_until >= " + today + ")";
    }

    private ConsentCheck() {
    }

    /** The programme an NGO caller speaks for, when it is {@code programmeId}; empty for anyone else. */
    public static Optional<String> programmeOf(Caller caller, String programmeId) {
        return caller.orgType() == OrgType.NGO && caller.orgId().equals(programmeId) ? Optional.of(programmeId) : Optional.empty();
    }

    /**
     * {@code SELECT <columns>, <consented items> FROM referral r <joins> WHERE <consent valid> AND <where>}:
     * the last selected column, {@code consented_items}, is the array of data items the valid consents
     * grant. Bind {@link #params}.
     */
    public static String ngoQuery(String columns, String joins, String where) {
        return "SELECT " + columns + ", (SELECT coalesce(array_agg(DISTINCT item ORDER BY item), '{}') FROM consent c,"
                + " unnest(c.data_items) AS item WHERE " + VALID + ") AS consented_items FROM referral r " + joins
                + " WHERE EXISTS (SELECT 1 FROM consent c WHERE " + VALID + ") AND (" + where + ")";
    }

    /**
     * {@code SELECT <columns> FROM ngo_note r <joins> WHERE <shared> AND <note-sharing consent valid> AND <where>}:
     * the one way an authority reads an NGO's notes. A note leaves the NGO only when the NGO recorded
     * that the person agreed to share it and a {@link Purpose#NOTE_SHARING} consent for the programme
     * is valid today; withdrawing that consent hides every note again at once. Bind {@link #params}.
     */
    public static String sharedNoteQuery(String columns, String joins, String where) {
        return "SELECT " + columns + " FROM ngo_note r " + joins + " WHERE r.share_with_authorities"
                + " AND EXISTS (SELECT 1 FROM consent c WHERE " + VALID + ") AND (" + where + ")";
    }

    /**
     * Whether a consent valid today covers a person ({@code :inmate}), a programme ({@code :programme})
     * and the purpose: the same predicate, for the authorities' own checks (a referral needs one). Bind
     * the person, the programme and {@link #params}.
     */
    public static final String EXISTS_FOR_PERSON = "SELECT 1 FROM (VALUES (CAST(:inmate AS uuid), CAST(:programme AS text)))"
            + " AS r (inmate_id, programme_id) WHERE EXISTS (SELECT 1 FROM consent c WHERE " + VALID + ")";

    /** The check's named parameters: the purpose and the day the consent must be valid on. */
    public static Map<String, Object> params(Purpose purpose, LocalDate today) {
        return Map.of("consentPurpose", purpose.code(), "consentDay", today);
    }
}
