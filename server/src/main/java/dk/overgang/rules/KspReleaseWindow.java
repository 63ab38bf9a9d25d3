package dk.overgang.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * R18 (guide §3.3.8): a case may be discussed in KSP "around the release", a window proportional to
 * the time spent inside. The guide's example: after one month inside, two weeks after the release is
 * still around it, three months after is not. The window after the release is
 * {@code floor(daysInside x proportion)} days; the proportion is a policy setting (0.5 by default,
 * which keeps the example: 30 days inside, 15 days after).
 */
public final class KspReleaseWindow {

    /** Where a meeting day falls for a person. */
    public enum Status {
        /** Not released by the meeting day: before the release counts as around it. */
        IN_CUSTODY,
        /** Released, and the meeting is no later than {@code endsOn}. */
        WITHIN,
        /** Released, and the meeting is after {@code endsOn}. */
        OUTSIDE,
        /** Released, but when the custody began is unknown, so the window cannot be computed. */
        UNKNOWN_CUSTODY_START
    }

    /** The outcome; {@code endsOn} is the last day inside the window, null when there is none. */
    public record Result(Status status, LocalDate endsOn, String reason) {

        public boolean allowed() {
            return status == Status.IN_CUSTODY || status == Status.WITHIN;
        }
    }

    private KspReleaseWindow() {
    }

    public static Result evaluate(LocalDate custodyFrom, LocalDate releasedOn, LocalDate meetingDate, BigDecimal proportion) {
        if (proportion.signum() < 0) {
            throw new IllegalArgumentException("The KSP window proportion cannot be negative");
        }
        if (releasedOn == null || releasedOn.isAfter(meetingDate)) {
            return new Result(Status.IN_CUSTODY, null,
                    "Personen er ikke løsladt før mødet; sagen kan drøftes " + cite());
        }
        if (custodyFrom == null || custodyFrom.isAfter(releasedOn)) {
            return new Result(Status.UNKNOWN_CUSTODY_START, null,
                    "Det vides ikke, hvornår frihedsberøvelsen begyndte, så tidsrummet omkring løsladelsen kan ikke beregnes " + cite());
        }
        long daysInside = Math.max(1, ChronoUnit.DAYS.between(custodyFrom, releasedOn));
        long daysAfter = BigDecimal.valueOf(daysInside).multiply(proportion).setScale(0, RoundingMode.FLOOR).longValueExact();
        LocalDate endsOn = releasedOn.plusDays(daysAfter);
        if (meetingDate.isAfter(endsOn)) {
            return new Result(Status.OUTSIDE, endsOn, "Mødet ligger efter tidsrummet omkring løsladelsen, som sluttede "
                    + endsOn + " (" + daysAfter + " dage efter " + daysInside + " dage i forvaring) " + cite());
        }
        return new Result(Status.WITHIN, endsOn, "Mødet ligger i tidsrummet omkring løsladelsen, som slutter "
                + endsOn + " (" + daysAfter + " dage efter " + daysInside + " dage i forvaring) " + cite());
    }

    private static String cite() {
        return RuleId.R18.citation() + ".";
    }
}
