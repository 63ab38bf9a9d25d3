package dk.overgang.rules;

import java.time.LocalDate;
import java.time.Period;

/**
 * Who a civil-society programme is for, from the Red Cross programme description (seed 000, §2.1-2.3),
 * with the reason in Danish and the rule that decided. Where the seed leaves a number open, the
 * value is a parameter of the programme, never a guess in code.
 *
 * <ul>
 *   <li>the visit service (Fængselsbesøgstjenesten, §2.1): anyone deprived of liberty, remand or
 *       sentenced, in every prison, arrest house and halfway house; it matters most to those with a
 *       very small network, which staff assess (not computed here);</li>
 *   <li>a release mentor (Primus Motor, §2.2): sentenced people in the last part of their sentence,
 *       and released people up to a year after release. When the prison service's own mentor is not
 *       available because the LS/RNR risk is below medium (R11), the answer says the NGO mentor is the
 *       fallback;</li>
 *   <li>young remand prisoners (Kickstart, §2.3): 17-25-year-olds on remand, from the first day in the
 *       arrest house.</li>
 * </ul>
 */
public final class ProgrammeEligibility {

    /** The kinds of programme the rules know. */
    public enum Kind {
        VISIT_SERVICE("visit-service"), RELEASE_MENTOR("release-mentor"), YOUNG_REMAND("young-remand");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Kind fromCode(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown programme kind");
        }
    }

    /** What the rules need to know of the person. */
    public record Person(LocalDate birthDate, String custodyStatus, LocalDate expectedRelease, LocalDate releasedOn,
                         RiskLevel riskLevel) {
    }

    /** The programme's own limits (catalogue values). */
    public record Limits(int minAge, int maxAge, int monthsBeforeRelease, int monthsAfterRelease) {
    }

    /**
     * The answer: eligible or not, the failed (or deciding) criterion as a stable code, the reason in
     * Danish, and whether an NGO mentor is the fallback for a prison-service mentor R11 rules out.
     */
    public record Answer(boolean eligible, String criterion, String reason, boolean prisonMentorFallback) {
    }

    private ProgrammeEligibility() {
    }

    public static Answer evaluate(Kind kind, Limits limits, Person person, LocalDate today) {
        return switch (kind) {
            case VISIT_SERVICE -> visitService(person);
            case RELEASE_MENTOR -> releaseMentor(limits, person, today);
            case YOUNG_REMAND -> youngRemand(limits, person, today);
        };
    }

    /** Seed 000 §2.1: "Tilbuddet om en besøgsven fra Røde Kors gælder i alle landets fængsler, arrester og udslusningsfængsler." */
    static Answer visitService(Person p) {
        if ("released".equals(p.custodyStatus())) {
            return new Answer(false, "in-custody", "Besøgstjenesten er for indsatte; personen er løsladt", false);
        }
        return new Answer(true, "in-custody", "Besøgstjenesten gælder alle indsatte i fængsler, arresthuse og "
                + "udslusningsfængsler; den er især for indsatte med et meget lille netværk, hvilket personalet vurderer", false);
    }

    /**
     * Seed 000 §2.2: "Et forløb i Primus Motor starter typisk i den sidste del af en afsoning ... kan
     * strække sig op til et år efter løsladelse." The last part is the catalogue's
     * {@code monthsBeforeRelease}; after release, {@code monthsAfterRelease}. R11: the prison
     * service's mentor needs medium risk or more, so below that the NGO mentor is the fallback.
     */
    static Answer releaseMentor(Limits limits, Person p, LocalDate today) {
        boolean fallback = p.riskLevel() == RiskLevel.LOW || p.riskLevel() == RiskLevel.VERY_LOW;
        String r11 = fallback ? "; Kriminalforsorgens mentor kræver mindst middel risiko (R11), så en frivillig mentor "
                + "er alternativet" : "";
        if ("remand".equals(p.custodyStatus())) {
            return new Answer(false, "sentenced", "Mentorforløbet er for afsonere og løsladte; personen er varetægtsfængslet", false);
        }
        if ("released".equals(p.custodyStatus())) {
            if (p.releasedOn() == null) {
                return new Answer(false, "released-within", "Løsladelsesdatoen kendes ikke", false);
            }
            LocalDate until = p.releasedOn().plusMonths(limits.monthsAfterRelease());
            if (today.isAfter(until)) {
                return new Answer(false, "released-within", "Forløbet kan vare til " + limits.monthsAfterRelease()
                        + " måneder efter løsladelsen; personen blev løsladt " + p.releasedOn(), false);
            }
            return new Answer(true, "released-within", "Løsladt " + p.releasedOn() + "; forløbet kan vare til " + until + r11,
                    fallback);
        }
        if (p.expectedRelease() == null) {
            return new Answer(false, "last-part-of-sentence", "Forventet løsladelsesdato kendes ikke", false);
        }
        LocalDate from = p.expectedRelease().minusMonths(limits.monthsBeforeRelease());
        if (today.isBefore(from)) {
            return new Answer(false, "last-part-of-sentence", "Forløbet begynder i den sidste del af afsoningen, "
                    + limits.monthsBeforeRelease() + " måneder før forventet løsladelse " + p.expectedRelease()
                    + ", dvs. fra " + from, fallback);
        }
        return new Answer(true, "last-part-of-sentence", "Sidste del af afsoningen: forventet løsladelse "
                + p.expectedRelease() + r11, fallback);
    }

    /** Seed 000 §2.3: "Kickstart ... tilbydes de 17-25-årige varetægtsfængslede", from the day they are admitted. */
    static Answer youngRemand(Limits limits, Person p, LocalDate today) {
        if (p.birthDate() == null) {
            return new Answer(false, "age", "Fødselsdatoen kendes ikke", false);
        }
        int age = Period.between(p.birthDate(), today).getYears();
        if (age < limits.minAge() || age > limits.maxAge()) {
            return new Answer(false, "age", "Forløbet er for " + limits.minAge() + "-" + limits.maxAge()
                    + "-årige; personen er " + age + " år", false);
        }
        if (!"remand".equals(p.custodyStatus())) {
            return new Answer(false, "remand", "Forløbet begynder i varetægt; personen er ikke varetægtsfængslet (et "
                    + "igangværende forløb fortsætter, når varetægt afløses af afsoning)", false);
        }
        return new Answer(true, "remand", age + " år og varetægtsfængslet: en frivillig kan tilknyttes fra første dag", false);
    }
}
