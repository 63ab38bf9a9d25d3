package dk.overgang.handover;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

/**
 * The wording of handovers, read from {@code handover/texts_da.properties}: one reviewed sentence
 * per risk level, per need domain and level, and per mentor case. A missing text stops the server
 * at start-up rather than sending a handover with a hole in it.
 */
@Singleton
public class HandoverTexts {

    static final String RESOURCE = "handover/texts_da.properties";
    static final Set<String> RISK_LEVELS = Set.of("very-low", "low", "medium", "high", "very-high");
    static final Set<String> NEED_LEVELS = Set.of("low", "medium", "high");
    static final Set<String> DOMAINS = Set.of("criminal-history", "education-employment", "family-marital",
            "leisure-recreation", "companions", "alcohol-drug", "procriminal-attitude", "antisocial-pattern");
    static final Set<String> MENTOR_CASES = Set.of("recommended", "exit", "not-recommended", "not-assessed");

    private final Properties texts = new Properties();

    public HandoverTexts() {
        try (InputStream in = HandoverTexts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigurationException(RESOURCE + " is missing");
            }
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + RESOURCE, e);
        }
        RISK_LEVELS.forEach(level -> text("risk." + level));
        DOMAINS.forEach(domain -> NEED_LEVELS.forEach(level -> text("need." + domain + "." + level)));
        MENTOR_CASES.forEach(c -> text("mentor." + c));
    }

    public String risk(String level) {
        return text("risk." + level);
    }

    public String need(String domain, String level) {
        return text("need." + domain + "." + level);
    }

    public String mentor(String mentorCase) {
        return text("mentor." + mentorCase);
    }

    private String text(String key) {
        String value = texts.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("No handover text for " + key + " in " + RESOURCE);
        }
        return value.trim();
    }
}
