package dk.overgang.handover;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every text a handover can contain exists, is a finished Danish sentence, and carries no internal jargon (R9). */
class HandoverTextsTest {

    private static final List<String> JARGON = List.of("ls/rnr", "rnr", "score", "kriminogen", "criminogenic", "responsivitet",
            "central eight", "need", "risk");

    @Test
    void everyRiskNeedAndMentorTextIsPlainDanish() {
        HandoverTexts texts = new HandoverTexts();
        List<String> all = new ArrayList<>();
        HandoverTexts.RISK_LEVELS.forEach(level -> all.add(texts.risk(level)));
        HandoverTexts.DOMAINS.forEach(domain -> HandoverTexts.NEED_LEVELS.forEach(level -> all.add(texts.need(domain, level))));
        HandoverTexts.MENTOR_CASES.forEach(c -> all.add(texts.mentor(c)));
        for (String text : all) {
            assertTrue(text.length() > 20 && text.endsWith("."), text);
            assertTrue(Character.isUpperCase(text.charAt(0)), text);
            for (String word : JARGON) {
                assertFalse(text.toLowerCase(Locale.ROOT).matches(".*\\b" + java.util.regex.Pattern.quote(word) + "\\b.*"),
                        "jargon '" + word + "' in: " + text);
            }
        }
        assertTrue(all.size() == 5 + 8 * 3 + 4);
    }
}
