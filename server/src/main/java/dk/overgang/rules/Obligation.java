package dk.overgang.rules;

import java.time.LocalDate;

/**
 * One obligation of one inmate's case on one day: what, by when, where it stands and why, in plain
 * Danish citing the rule. {@code dueDate} is the latest date (a deadline) or, for
 * {@link ObligationKind#MENTOR_START}, the earliest date; null when not applicable or incomplete.
 */
public record Obligation(ObligationKind kind, LocalDate dueDate, ObligationStatus status, String reason) {

    /** How many days before its due date an obligation shows as due on worklists. */
    public static final int DUE_SOON_DAYS = 14;

    static Obligation notApplicable(ObligationKind kind, String reason) {
        return new Obligation(kind, null, ObligationStatus.NOT_APPLICABLE, reason + " " + kind.rule().citation() + ".");
    }

    static Obligation incomplete(ObligationKind kind, String missing) {
        return new Obligation(kind, null, ObligationStatus.INCOMPLETE,
                "Kan ikke beregnes: " + missing + " mangler " + kind.rule().citation() + ".");
    }

    /**
     * An opportunity that opens on {@code from} and never becomes overdue (R11: a mentor may start at
     * the earliest then): not yet due before, due from that day until done.
     */
    static Obligation earliest(ObligationKind kind, LocalDate from, String reason, LocalDate today, LocalDate doneOn) {
        ObligationStatus status = doneOn != null ? ObligationStatus.DONE
                : today.isBefore(from) ? ObligationStatus.NOT_YET_DUE : ObligationStatus.DUE;
        String done = doneOn == null ? "" : " Udført " + doneOn + ".";
        return new Obligation(kind, from, status, reason + " " + kind.rule().citation() + "." + done);
    }

    /** A deadline, with its status on {@code today} given whether (and when) it was done. */
    static Obligation deadline(ObligationKind kind, LocalDate due, String reason, LocalDate today, LocalDate doneOn) {
        ObligationStatus status;
        if (doneOn != null) {
            status = ObligationStatus.DONE;
        } else if (today.isAfter(due)) {
            status = ObligationStatus.OVERDUE;
        } else if (!today.isBefore(due.minusDays(DUE_SOON_DAYS))) {
            status = ObligationStatus.DUE;
        } else {
            status = ObligationStatus.NOT_YET_DUE;
        }
        String done = doneOn == null ? "" : " Udført " + doneOn + ".";
        return new Obligation(kind, due, status, reason + " " + kind.rule().citation() + "." + done);
    }
}
