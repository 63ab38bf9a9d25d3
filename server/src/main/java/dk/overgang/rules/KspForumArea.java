package dk.overgang.rules;

import java.util.Collection;

/**
 * Whether a KSP case belongs to the forum's area. KSP is local cooperation of the prison service, the
 * social authorities and the police (the guide's §3.3.8, "KSP-samarbejdet"): the social authority at
 * the table is the municipality, so a case is discussed where its municipality sits. A person belongs
 * to a forum when the acting municipality (R20) or the municipality the person is released to is one
 * of the forum's municipalities; a young person serving under straffuldbyrdelseslovens § 78 (R6 b)
 * the same way, through the municipality responsible for the placement.
 */
public final class KspForumArea {

    public enum Status { WITHIN, OUTSIDE, UNKNOWN }

    private KspForumArea() {
    }

    /**
     * @param forumMunicipalities  the forum's member municipalities
     * @param actingMunicipality   the acting municipality, if known (an inmate in Overgang)
     * @param releaseMunicipality  the municipality the person is released to, if given
     */
    public static Decision<Status> evaluate(Collection<String> forumMunicipalities, String actingMunicipality,
                                            String releaseMunicipality) {
        if (actingMunicipality == null && releaseMunicipality == null) {
            return new Decision<>(RuleId.R6, Status.UNKNOWN, "Personens kommune er ikke oplyst, så det kan ikke "
                    + "afgøres, om sagen hører til KSP-kredsens område (R6, vejledningen §3.3.8).");
        }
        boolean within = (actingMunicipality != null && forumMunicipalities.contains(actingMunicipality))
                || (releaseMunicipality != null && forumMunicipalities.contains(releaseMunicipality));
        return within
                ? new Decision<>(RuleId.R6, Status.WITHIN, "Personens handle- eller løsladelseskommune hører til "
                        + "KSP-kredsen (R6, vejledningen §3.3.8).")
                : new Decision<>(RuleId.R6, Status.OUTSIDE, "Hverken handlekommunen eller løsladelseskommunen hører til "
                        + "KSP-kredsens kommuner (R6, vejledningen §3.3.8).");
    }
}
