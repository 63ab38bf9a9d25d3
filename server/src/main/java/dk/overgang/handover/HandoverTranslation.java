package dk.overgang.handover;

import dk.overgang.rules.PlainLanguage;
import dk.overgang.shared.JargonFoundException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns an assessment's codes and scores and an action plan's priorities into the handover's plain
 * Danish (R9), using only the reviewed texts of {@link HandoverTexts}: no sentence is put together
 * in code. Needs come highest first; low needs are left out as they ask nothing of the municipality.
 */
@Singleton
public class HandoverTranslation {

    private static final Map<String, Integer> LEVEL_ORDER = Map.of("high", 0, "medium", 1, "low", 2);

    private final HandoverTexts texts;
    private final JsonMapper json;

    HandoverTranslation(HandoverTexts texts, JsonMapper json) {
        this.texts = texts;
        this.json = json;
    }

    @Serdeable
    record NeedScore(String domain, int score, String level) {
    }

    HandoverDocument translate(HandoverSources.Sources s) {
        List<NeedScore> scores = read(s.needsJson(), Argument.listOf(NeedScore.class));
        List<HandoverDocument.Need> needs = scores.stream()
                .filter(n -> !n.level().equals("low"))
                .sorted(Comparator.comparing((NeedScore n) -> LEVEL_ORDER.get(n.level())).thenComparing(n -> -n.score()))
                .map(n -> new HandoverDocument.Need(n.domain(), n.level(), texts.need(n.domain(), n.level())))
                .toList();
        JsonNode plan = read(s.prisonSectionsJson(), Argument.of(JsonNode.class));
        List<String> priorities = new ArrayList<>();
        JsonNode listed = plan.get("interventions") == null ? null : plan.get("interventions").get("priorities");
        if (listed != null) {
            listed.values().forEach(p -> priorities.add(p.getStringValue()));
        }
        return new HandoverDocument(s.inmateId(), s.name(), s.municipality(), s.expectedRelease(), s.riskLevel(),
                texts.risk(s.riskLevel()), needs, priorities, mentor(plan.get("mentor")),
                new HandoverDocument.Provenance(s.assessmentId(), Long.toString(s.assessmentVersion()), s.planId(),
                        Long.toString(s.planVersion())));
    }

    /** R12: the mentor recommendation, from the plan's mentor section. */
    private String mentor(JsonNode mentor) {
        if (mentor == null) {
            return texts.mentor("not-assessed");
        }
        String text;
        if (flag(mentor, "exitOrExtremismMentor")) {
            text = texts.mentor("exit");
        } else if (flag(mentor, "specialNeed") && flag(mentor, "motivated")) {
            text = texts.mentor("recommended");
        } else {
            text = texts.mentor("not-recommended");
        }
        JsonNode note = mentor.get("recommendation");
        return note == null || note.getStringValue().isBlank() ? text : text + " " + note.getStringValue().trim();
    }

    private static boolean flag(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }

    /** R9: internal terms in what staff wrote (the plan's priorities, the mentor recommendation), per field. */
    List<JargonFoundException.Finding> jargon(String documentJson) {
        HandoverDocument d = read(documentJson, Argument.of(HandoverDocument.class));
        List<JargonFoundException.Finding> found = new ArrayList<>();
        for (int i = 0; i < d.priorities().size(); i++) {
            List<String> terms = PlainLanguage.jargonIn(d.priorities().get(i));
            if (!terms.isEmpty()) {
                found.add(new JargonFoundException.Finding("document.priorities[" + i + "]", terms));
            }
        }
        List<String> terms = PlainLanguage.jargonIn(d.mentorRecommendation());
        if (!terms.isEmpty()) {
            found.add(new JargonFoundException.Finding("document.mentorRecommendation", terms));
        }
        return found;
    }

    String canonical(HandoverDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
