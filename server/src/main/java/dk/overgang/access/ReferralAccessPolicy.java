package dk.overgang.access;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.shared.ForbiddenException;

/**
 * Who records consent and refers a person to a programme (issue 13): prison staff of the person's
 * institution (the chaplain, the social worker) and the acting municipality. Who reports a
 * referral's status: the programme it was referred to, through {@link ConsentCheck}.
 */
public final class ReferralAccessPolicy {

    private ReferralAccessPolicy() {
    }

    /** The people the caller may record consent for and refer; 403 for anyone but prison staff and municipalities. */
    public static InmateScope referrerScope(Caller caller) {
        if (caller.orgType() != OrgType.PRISON && caller.orgType() != OrgType.MUNICIPALITY) {
            throw new ForbiddenException("Consent and referrals are recorded by prison staff of the person's institution "
                    + "or the acting municipality.");
        }
        return InmateAccessPolicy.visibleTo(caller).orElseThrow();
    }

    /** 403 unless the caller is an NGO programme (which then sees only its own referrals, consent-checked). */
    public static void requireReporter(Caller caller) {
        if (caller.orgType() != OrgType.NGO) {
            throw new ForbiddenException("A referral's status is reported by the programme it was referred to.");
        }
    }

    /** Whether the caller reads a person's referrals as an authority (NGOs use their programme's view). */
    public static boolean readsAsAuthority(Caller caller) {
        return caller.orgType() != OrgType.NGO;
    }
}
