package dk.overgang.handover;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.rules.PlainLanguage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every text a handover can contain exists, is a finished Danish sentence, and carries no internal jargon (R9). */
class HandoverTextsTest {

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
            // R9: the same list staff-written text is checked against at approval.
            assertTrue(PlainLanguage.jargonIn(text).isEmpty(), "jargon " + PlainLanguage.jargonIn(text) + " in: " + text);
        }
        assertTrue(all.size() == 5 + 8 * 3 + 4);
    }
}
