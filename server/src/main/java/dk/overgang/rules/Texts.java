package dk.overgang.rules;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/** Small helpers for the Danish reason texts. */
final class Texts {

    private static final Locale DANISH = Locale.forLanguageTag("da-DK");

    private Texts() {
    }

    static String risk(RiskLevel level) {
        return switch (level) {
            case VERY_LOW -> "meget lav";
            case LOW -> "lav";
            case MEDIUM -> "middel";
            case HIGH -> "høj";
            case VERY_HIGH -> "meget høj";
        };
    }

    static String weekday(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.FULL, DANISH);
    }
}
