package dk.overgang.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * R9, the guide's §3.3.1: the handover reaches the municipality "i et sprog, som er forståeligt for
 * medarbejdere uden for kriminalforsorgen", so internal terms are translated ("at oversætte interne
 * fagtermer"). This is the list of internal terms a handover text must not contain: the instrument's
 * names, its item names and scores, and the English category names of the "central eight". The
 * reviewed handover texts are tested against the same list; free text written by staff (priorities,
 * mentor recommendation) is checked at approval.
 */
public final class PlainLanguage {

    /** Whole words or phrases, matched case-insensitively. */
    public static final List<String> JARGON = List.of(
            "ls/rnr", "lsrnr", "ls-rnr", "rnr", "level of service", "score", "scores", "scoret", "kriminogen",
            "kriminogene", "criminogenic", "responsivitet", "responsivity", "central eight", "need", "needs", "risk",
            "criminal history", "education/employment", "family/marital", "leisure/recreation", "companions",
            "alcohol/drug", "procriminal", "antisocial pattern", "pro-criminal");

    /** A number of points, as a score is given ("6 point", "23 points"). */
    private static final Pattern POINTS = Pattern.compile("\\b\\d+\\s*points?\\b", Pattern.CASE_INSENSITIVE);

    private static final List<Pattern> WORDS = JARGON.stream()
            .map(w -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .toList();

    private PlainLanguage() {
    }

    /** The internal terms found in {@code text}, each once, in the list's order; empty when it is plain. */
    public static List<String> jargonIn(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < WORDS.size(); i++) {
            if (WORDS.get(i).matcher(text).find()) {
                found.add(JARGON.get(i));
            }
        }
        var points = POINTS.matcher(text);
        if (points.find()) {
            found.add(points.group().toLowerCase(Locale.ROOT).replaceAll("\\d+\\s*", "<tal> "));
        }
        return new ArrayList<>(found);
    }
}
