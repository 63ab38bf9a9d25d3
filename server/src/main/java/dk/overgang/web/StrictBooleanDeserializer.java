package dk.overgang.web;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.InvalidFormatException;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JSON booleans are {@code true} or {@code false}, nothing else. Micronaut Serde's default coerces
 * strings ("perhaps" becomes false), which would silently store a value the client never meant,
 * for example for {@code expelledByJudgment}, which decides whether the municipality is contacted (R2).
 */
@Singleton
@Primary
public class StrictBooleanDeserializer implements Deserializer<Boolean> {

    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new InvalidPropertyFormatException(new InvalidFormatException("Expected a JSON boolean", null, null), type);
    }

    @Override
    public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }
}
