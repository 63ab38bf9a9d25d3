package dk.overgang.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dk.overgang.api.generated.model.InmateInput;
import dk.overgang.api.generated.model.KspListInput;
import dk.overgang.api.generated.model.ActionPlanInput;
import dk.overgang.inmate.Cpr;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.web.Cursors;
import dk.overgang.web.ETags;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Coverage-guided fuzzing (Jazzer) of what parses caller input: CPR numbers, paging cursors, ETags
 * and request bodies (through the same serde mapper and generated models the server uses). A parser
 * either accepts or refuses in its documented way, never with another exception (NullPointer,
 * StackOverflow, NumberFormat ...), and a refusal never echoes a CPR number. One test, so that one
 * bounded fuzzing run covers all parsers (Jazzer fuzzes one test per run); 30 s in every build.
 */
class JazzerParsersFuzzTest {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    @FuzzTest(maxDuration = "30s")
    void parsersAcceptOrRefuseCleanly(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 5)) {
            case 0 -> cpr(data.consumeRemainingAsString());
            case 1 -> refusedAs("_cursor", () -> Cursors.uuidAfter(data.consumeRemainingAsString()));
            case 2 -> refusedAs("_cursor", () -> Cursors.dateAndUuidAfter(data.consumeRemainingAsString()));
            case 3 -> {
                String header = data.consumeRemainingAsString();
                // A version we could hold, or 0 (never matches: 412) for anything else; empty only when absent.
                ETags.ifMatchVersion(header).ifPresentOrElse(v -> assertTrue(v == 0 || header.contains(Long.toString(v))),
                        () -> assertTrue(header.isBlank()));
            }
            case 4 -> body(data.consumeRemainingAsBytes(), InmateInput.class);
            default -> {
                byte[] bytes = data.consumeRemainingAsBytes();
                body(bytes, KspListInput.class);
                body(bytes, ActionPlanInput.class);
            }
        }
    }

    private static void cpr(String raw) {
        try {
            Cpr cpr = Cpr.parse(raw, "cpr");
            assertEquals(10, cpr.digits().length());
            assertTrue(cpr.formatted().matches("[0-9]{6}-[0-9]{4}"));
            LocalDate born = cpr.birthDate();
            assertTrue(born.getYear() >= 1858 && born.getYear() <= 2057, "century rule");
        } catch (InvalidFieldException e) {
            assertEquals("cpr", e.field());
            String digits = raw.replaceAll("[^0-9]", "");
            assertFalse(digits.length() >= 6 && e.getMessage().contains(digits), "no CPR in the message");
        }
    }

    private static void refusedAs(String field, Runnable parse) {
        try {
            parse.run();
        } catch (InvalidFieldException e) {
            assertEquals(field, e.field());
        }
    }

    private static void body(byte[] bytes, Class<?> type) {
        try {
            JSON.readValue(bytes, type);
        } catch (IOException e) {
            // refused as malformed: the server answers 400 malformed-json
        } catch (RuntimeException e) {
            // bean-level refusals the server maps to 400 (e.g. an unknown enum value) are IllegalArgumentException
            if (!(e instanceof IllegalArgumentException)) {
                throw e;
            }
        }
    }
}
