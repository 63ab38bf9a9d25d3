package dk.overgang.access;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import java.util.HashMap;
import java.util.Map;

/**
 * The one SQL predicate that says which inmates a caller may see, for every store that reads person
 * data. It is written here once and pasted into queries as a compile-time constant, so the database
 * itself returns nothing a caller may not see ("not yours" and "missing" are the same empty result),
 * and a change of the rule is a change in one place. The inmate row must be aliased {@code i}.
 *
 * <p>Three restrictions, each off when its value is null ({@link InmateScope}): the institution
 * (prison staff), the acting municipality (R20) and the supervising probation office (KiF: only the
 * people it supervises or is assigned to supervise, supervision not ended); and a fourth that is
 * always on: a restricted person (issue 17) only for a caller with the restricted-access role. A
 * subscription has no roles, so no event about a restricted person is told to a subscriber.
 */
public final class InmateVisibility {

    /**
     * With named parameters {@code :institution}, {@code :municipality}, {@code :probation},
     * {@code :restrictedAccess}: Micronaut Data {@code @Query} binds them from method parameters, hand-written
     * SQL ({@code database.Sql}) with {@link #params}.
     */
    public static final String NAMED = """
            (CAST(:institution AS text) IS NULL OR i.current_institution = :institution)
               AND (CAST(:municipality AS text) IS NULL OR i.acting_municipality = :municipality)
               AND (CAST(:probation AS text) IS NULL OR i.id IN (
                    SELECT s.inmate_id FROM supervision s WHERE s.probation_office = :probation AND s.status <> 'ended'))
               AND (NOT i.restricted OR :restrictedAccess)""";

    /**
     * Issue 17, for an inmate row {@code i} that a query reaches other than through the caller's scope
     * (release meetings an organisation is invited to, gang-exit cases of an exit unit): a restricted
     * person only with the restricted-access role. Named parameter {@code :restrictedAccess}.
     */
    public static final String RESTRICTED_ONLY_WITH_ROLE = "(NOT i.restricted OR :restrictedAccess)";

    /**
     * Issue 17 for those that never hold the role (subscriptions, NGO programmes): the inmate row
     * {@code i} is not a restricted person.
     */
    public static final String NOT_RESTRICTED = "NOT i.restricted";

    /**
     * {@link #RESTRICTED_ONLY_WITH_ROLE} for a row that names its person by {@code inmateIdColumn}
     * without joining the inmate (a worklist's obligations). Named parameter {@code :restrictedAccess}.
     */
    public static String restrictedOnlyWithRole(String inmateIdColumn) {
        return "(:restrictedAccess OR " + notRestrictedPerson(inmateIdColumn) + ")";
    }

    /** {@link #NOT_RESTRICTED} for a row that names its person (or none) by {@code inmateIdColumn}. */
    public static String notRestricted(String inmateIdColumn) {
        return "(" + inmateIdColumn + " IS NULL OR " + notRestrictedPerson(inmateIdColumn) + ")";
    }

    private static String notRestrictedPerson(String inmateIdColumn) {
        return "NOT EXISTS (SELECT 1 FROM inmate ri WHERE ri.id = " + inmateIdColumn + " AND ri.restricted)";
    }

    /**
     * The same rule for an organisation named by columns rather than by a caller: a subscriber
     * ({@code sub.org_type}, {@code sub.org_id}) sees an inmate exactly as {@link InmateAccessPolicy}
     * lets a caller of that organisation see it (events, issue 14). No parameters.
     */
    public static final String FOR_ORGANISATION = """
            ((sub.org_type = 'prison' AND i.current_institution = sub.org_id)
               OR (sub.org_type = 'municipality' AND i.acting_municipality = sub.org_id)
               OR (sub.org_type = 'probation' AND i.id IN (
                    SELECT s.inmate_id FROM supervision s WHERE s.probation_office = sub.org_id AND s.status <> 'ended')))
               AND """ + " " + NOT_RESTRICTED;

    private InmateVisibility() {
    }

    /** {@link #NAMED}'s parameters for {@code scope} (a null restriction is off), to bind by name. */
    public static Map<String, Object> params(InmateScope scope) {
        Map<String, Object> params = new HashMap<>(8);
        params.put("institution", scope.institution());
        params.put("municipality", scope.municipality());
        params.put("probation", scope.probationOffice());
        params.put("restrictedAccess", scope.restrictedAccess());
        return params;
    }
}
