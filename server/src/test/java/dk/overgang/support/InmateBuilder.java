package dk.overgang.support;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test inmates with sensible defaults: {@code anInmate().inInstitution("storstroem").inMunicipality("101")}.
 * CPR numbers are fake: a random 1950-1999 birth date and a serial 0xxx (so the century rule says
 * 19xx), never checked against the modulus-11 rule and never a number taken from anywhere real.
 */
public final class InmateBuilder {

    private final Map<String, Object> body = new LinkedHashMap<>();

    private InmateBuilder() {
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(365 * 50));
        body.put("cpr", fakeCpr(born));
        body.put("name", "Test Person");
        body.put("birthDate", born.toString());
        body.put("custodyStatus", "sentenced");
        body.put("expelledByJudgment", false);
        body.put("currentInstitution", "storstroem");
        body.put("sentenceStart", "2026-03-01");
        body.put("sentenceLengthDays", 540);
        body.put("expectedParoleDate", "2027-03-01");
        body.put("expectedReleaseDate", "2027-08-23");
        body.put("actingMunicipality", "101");
    }

    public static InmateBuilder anInmate() {
        return new InmateBuilder();
    }

    /** Handed out in this test run: a fake CPR number is never given twice (issue 17's duplicate check). */
    private static final java.util.Set<String> ISSUED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static String fakeCpr(LocalDate born) {
        while (true) {
            String cpr = born.format(DateTimeFormatter.ofPattern("ddMMyy")) + "-0"
                    + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
            if (ISSUED.add(cpr)) {
                return cpr;
            }
        }
    }

    public InmateBuilder inInstitution(String institution) {
        return with("currentInstitution", institution);
    }

    public InmateBuilder inMunicipality(String code) {
        return with("actingMunicipality", code);
    }

    /** Expected to leave on this day at the end of the full term: no parole expected. */
    public InmateBuilder releasedOn(String expectedReleaseDate) {
        return with("expectedReleaseDate", expectedReleaseDate).with("expectedParoleDate", null);
    }

    /** Expected to be paroled on {@code parole}; the full term ends on {@code fullTerm}. */
    public InmateBuilder paroledOn(String parole, String fullTerm) {
        return with("expectedParoleDate", parole).with("expectedReleaseDate", fullTerm);
    }

    public InmateBuilder with(String field, Object value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return this;
    }

    public String cpr() {
        return (String) body.get("cpr");
    }

    public Map<String, Object> build() {
        return new LinkedHashMap<>(body);
    }
}
