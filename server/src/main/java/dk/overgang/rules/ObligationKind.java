package dk.overgang.rules;

/** The things the law requires of someone before a release, and who. */
public enum ObligationKind {
    MUNICIPALITY_CONTACT(RuleId.R2, Party.PRISON, "Kontakt til handlekommunen"),
    LSRNR_ASSESSMENT(RuleId.R4, Party.PRISON, "LS/RNR-udredning"),
    HOUSING_REGISTRATION_RENEWAL(RuleId.R8, Party.PRISON, "Påmindelse om fornyelse af boligopskrivning"),
    RELEASE_MEETING(RuleId.R10, Party.PRISON, "Løsladelsesmøde"),
    MENTOR_START(RuleId.R11, Party.PRISON, "Mentorforløb kan begynde"),
    ONE_OFF_BENEFIT_DECISION(RuleId.R13, Party.MUNICIPALITY, "Afgørelse om engangshjælp"),
    INFOHUS_NOTICE(RuleId.R16, Party.PRISON_SECURITY_UNIT, "Underretning af Infohuset"),
    /** Not computed by the schedule: a notice to the old and the new municipality when the acting municipality changes. */
    ACTING_MUNICIPALITY_CHANGED(RuleId.R20, Party.MUNICIPALITY, "Handlekommunen er ændret"),
    /** Not computed by the schedule: a sent handover the municipality has not acknowledged within 5 working days. */
    HANDOVER_ACKNOWLEDGEMENT(RuleId.R9, Party.PRISON, "Kommunen har ikke kvitteret for overleveringen"),
    /** Not computed by the schedule: a called release meeting, on each invited organisation's worklist until its day. */
    RELEASE_MEETING_INVITATION(RuleId.R10, Party.INVITEE, "Indkaldt til løsladelsesmøde"),
    /** After the release: the acting municipality records where the person is (G1, issue 13), by recording the outcome. */
    OUTCOME_3_MONTHS(RuleId.G1, Party.MUNICIPALITY, "Status 3 måneder efter løsladelse"),
    OUTCOME_6_MONTHS(RuleId.G1, Party.MUNICIPALITY, "Status 6 måneder efter løsladelse"),
    OUTCOME_12_MONTHS(RuleId.G1, Party.MUNICIPALITY, "Status 12 måneder efter løsladelse");

    /** Who must act. */
    public enum Party {
        PRISON, PRISON_SECURITY_UNIT, MUNICIPALITY,
        /** Whoever is invited (R10 invitations): no one records them as fulfilled. */
        INVITEE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final RuleId rule;
    private final Party responsible;
    private final String title;

    ObligationKind(RuleId rule, Party responsible, String title) {
        this.rule = rule;
        this.responsible = responsible;
        this.title = title;
    }

    public RuleId rule() {
        return rule;
    }

    public Party responsible() {
        return responsible;
    }

    /** The name on the wire: {@code MUNICIPALITY_CONTACT} is {@code municipality-contact}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static ObligationKind fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** R11's mentor start is an earliest date, never overdue; everything else is a deadline. */
    public boolean isEarliestDate() {
        return this == MENTOR_START;
    }

    /** Kinds the schedule does not compute: R20 notices, handover follow-up, release-meeting invitations. */
    public boolean isEventDriven() {
        return this == ACTING_MUNICIPALITY_CHANGED || this == HANDOVER_ACKNOWLEDGEMENT || this == RELEASE_MEETING_INVITATION;
    }

    /** The outcome checkpoints after a release: recorded as an outcome, never through a fulfilment. */
    public boolean isOutcome() {
        return this == OUTCOME_3_MONTHS || this == OUTCOME_6_MONTHS || this == OUTCOME_12_MONTHS;
    }

    /** For an outcome checkpoint, the months after the release (3, 6, 12); 0 for every other kind. */
    public int outcomeMonths() {
        return switch (this) {
            case OUTCOME_3_MONTHS -> 3;
            case OUTCOME_6_MONTHS -> 6;
            case OUTCOME_12_MONTHS -> 12;
            default -> 0;
        };
    }

    /** The wire name of an outcome checkpoint: {@code 3-months}, {@code 6-months}, {@code 12-months}. */
    public String checkpointCode() {
        return outcomeMonths() + "-months";
    }

    /** The outcome checkpoint a wire name ({@code 3-months} ...) names, if any. */
    public static java.util.Optional<ObligationKind> outcomeCheckpoint(String code) {
        return java.util.stream.Stream.of(OUTCOME_3_MONTHS, OUTCOME_6_MONTHS, OUTCOME_12_MONTHS)
                .filter(k -> k.checkpointCode().equals(code)).findFirst();
    }

    /** The outcome checkpoint {@code months} after the release. */
    public static ObligationKind outcomeAt(int months) {
        return switch (months) {
            case 3 -> OUTCOME_3_MONTHS;
            case 6 -> OUTCOME_6_MONTHS;
            case 12 -> OUTCOME_12_MONTHS;
            default -> throw new IllegalArgumentException("no outcome checkpoint at " + months + " months");
        };
    }

    /** A short Danish title for worklists. */
    public String title() {
        return title;
    }
}
