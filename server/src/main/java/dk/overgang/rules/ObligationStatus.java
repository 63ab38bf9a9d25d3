package dk.overgang.rules;

/** Where an obligation stands on a given day. */
public enum ObligationStatus {
    /** The law does not require it for this person. */
    NOT_APPLICABLE,
    /** A fact the rule needs is missing (e.g. no expected release date); the reason names it. */
    INCOMPLETE,
    /** More than {@link Obligation#DUE_SOON_DAYS} days before the due date. */
    NOT_YET_DUE,
    /** Due within {@link Obligation#DUE_SOON_DAYS} days (or today). */
    DUE,
    /** Done: the fulfilling event was recorded. */
    DONE,
    /** The due date has passed and it is not done. */
    OVERDUE
}
