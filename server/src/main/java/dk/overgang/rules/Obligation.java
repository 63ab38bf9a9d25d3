package dk.overgang.rules;

import java.time.LocalDate;

/**
 * One obligation of one inmate's case on one day: what, by when, where it stands and why, in plain
 * Danish citing the rule. {@code dueDate} is the latest date (a deadline) or, for
 * {@link ObligationKind#MENTOR_START}, the earliest date; null when not applicable or incomplete.
 */
public record Obligation(ObligationKind kind, LocalDate dueDate, ObligationStatus status, String reason, LocalDate doneOn) {

    /** How many days before its due date an obligation shows as due on worklists. */
    public static final int DUE_SOON_DAYS = 14;

    /** How long after an outcome checkpoint the municipality has to record it before it is overdue (G1). */
    public static final int OUTCOME_RECORDING_DAYS = 30;

    /**
     * The status on {@code today} of an obligation due on {@code due}: done once done; otherwise
     * overdue after a deadline, due within {@link #DUE_SOON_DAYS} days of it, not yet due before. An
     * earliest date ({@link ObligationKind#isEarliestDate()}) is due from that day and never overdue;
     * an R20 notice and a release-meeting invitation are simply due.
     */
    public static ObligationStatus statusOn(ObligationKind kind, LocalDate due, LocalDate doneOn, LocalDate today) {
        if (doneOn != null) {
            return ObligationStatus.DONE;
        }
        if (kind == ObligationKind.ACTING_MUNICIPALITY_CHANGED || kind == ObligationKind.RELEASE_MEETING_INVITATION) {
            return ObligationStatus.DUE;
        }
        if (kind.isOutcome()) {
            // G1: the status is recorded from the checkpoint on, within OUTCOME_RECORDING_DAYS.
            return today.isBefore(due) ? ObligationStatus.NOT_YET_DUE
                    : today.isAfter(due.plusDays(OUTCOME_RECORDING_DAYS)) ? ObligationStatus.OVERDUE : ObligationStatus.DUE;
        }
        if (kind.isEarliestDate()) {
            return today.isBefore(due) ? ObligationStatus.NOT_YET_DUE : ObligationStatus.DUE;
        }
        if (today.isAfter(due)) {
            return ObligationStatus.OVERDUE;
        }
        return today.isBefore(due.minusDays(DUE_SOON_DAYS)) ? ObligationStatus.NOT_YET_DUE : ObligationStatus.DUE;
    }

    static Obligation notApplicable(ObligationKind kind, String reason) {
        return new Obligation(kind, null, ObligationStatus.NOT_APPLICABLE, reason + " " + kind.rule().citation() + ".", null);
    }

    static Obligation incomplete(ObligationKind kind, String missing) {
        return new Obligation(kind, null, ObligationStatus.INCOMPLETE,
                "Kan ikke beregnes: " + missing + " mangler " + kind.rule().citation() + ".", null);
    }

    /**
     * An opportunity that opens on {@code from} and never becomes overdue (R11: a mentor may start at
     * the earliest then): not yet due before, due from that day until done.
     */
    static Obligation earliest(ObligationKind kind, LocalDate from, String reason, LocalDate today, LocalDate doneOn) {
        ObligationStatus status = statusOn(kind, from, doneOn, today);
        String done = doneOn == null ? "" : " Udført " + doneOn + ".";
        return new Obligation(kind, from, status, reason + " " + kind.rule().citation() + "." + done, doneOn);
    }

    /** A deadline, with its status on {@code today} given whether (and when) it was done. */
    static Obligation deadline(ObligationKind kind, LocalDate due, String reason, LocalDate today, LocalDate doneOn) {
        ObligationStatus status = statusOn(kind, due, doneOn, today);
        String done = doneOn == null ? "" : " Udført " + doneOn + ".";
        return new Obligation(kind, due, status, reason + " " + kind.rule().citation() + "." + done, doneOn);
    }
}
