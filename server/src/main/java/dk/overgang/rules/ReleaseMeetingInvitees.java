package dk.overgang.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R10, the guide's §3.3.3: who is invited to a release meeting. "Den handleplansansvarlige medarbejder
 * i kriminalforsorgen bør så vidt muligt indkalde kommunen og andre relevante samarbejdspartnere til
 * løsladelsesmødet ... Hvis afsoneren er i målgruppen for prøveløsladelse med tilsyn, skal KiF også
 * inviteres." The inmate takes part as well ("en fælles plan mellem afsoneren, kriminalforsorgen og
 * kommunen"); that is a flag on the meeting, not an organisation.
 */
public final class ReleaseMeetingInvitees {

    /** An invited organisation and why, in Danish citing R10. */
    public record Invitee(String orgType, String orgId, String reason) {

        /** The worklist key: {@code municipality:101}. */
        public String key() {
            return orgType + ":" + orgId;
        }
    }

    /** An organisation the institution adds ("andre relevante samarbejdspartnere"). */
    public record Added(String orgType, String orgId) {
    }

    private ReleaseMeetingInvitees() {
    }

    /**
     * @param institution       the inmate's institution (calls the meeting)
     * @param municipality      the acting municipality (R20)
     * @param supervisingOffice the probation office that supervises or is assigned to supervise the
     *                          person on parole (null when none: KiF is then not invited)
     * @param added             further authorities the institution invites
     * @return each organisation once, the case's own first
     */
    public static List<Invitee> of(String institution, String municipality, String supervisingOffice, List<Added> added) {
        Map<String, Invitee> invited = new LinkedHashMap<>();
        put(invited, new Invitee("prison", institution, "Institutionen, hvor den indsatte afsoner, indkalder (R10)"));
        put(invited, new Invitee("municipality", municipality, "Handlekommunen indkaldes (R10, R20)"));
        if (supervisingOffice != null) {
            put(invited, new Invitee("probation", supervisingOffice,
                    "KiF fører tilsyn efter prøveløsladelsen og skal inviteres (R10)"));
        }
        for (Added a : added) {
            put(invited, new Invitee(a.orgType(), a.orgId(), "Inviteret af institutionen som samarbejdspartner (R10)"));
        }
        return new ArrayList<>(invited.values());
    }

    private static void put(Map<String, Invitee> invited, Invitee invitee) {
        invited.putIfAbsent(invitee.key(), invitee);
    }
}
