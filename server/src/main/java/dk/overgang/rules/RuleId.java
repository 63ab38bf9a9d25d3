package dk.overgang.rules;

/** The rules of {@code shared/domain.md} this package implements, with the guide section they come from. */
public enum RuleId {
    R2("§2.4, §3.1.1"), R6("boksen efter §3.1.1, §3.3.8"), R4("§3.1.1 note 5"), R8("§3.2.5"), R10("§3.3.3"), R11("§3.3.4"), R13("§3.3.5"),
    R7("§3.2.4"), R9("§3.3.1"), R14("§3.3.5, løsladelsesbekendtgørelsens § 21"), R16("§3.3.7"), R18("§3.3.8"), R20("§3.2.1"),
    /** Not a rule of the guide: the outcome goal of seed 003 (domain.md, "Outcomes"). */
    G1("Københavns Kommunes succeskriterium: mindst 60 pct. i aktivering, beskæftigelse eller uddannelse 3, 6 og 12 måneder efter løsladelse");

    private final String source;

    RuleId(String source) {
        this.source = source;
    }

    /** Where in the guide the rule stands, for the reason texts. */
    public String source() {
        return source;
    }

    /** "(R14, vejledningens §3.3.5 ...)": the citation every reason ends with. */
    String citation() {
        return this == G1 ? "(" + name() + ", " + source + ")" : "(" + name() + ", vejledningen " + source + ")";
    }
}
