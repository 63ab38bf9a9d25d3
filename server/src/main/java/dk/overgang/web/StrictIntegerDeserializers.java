package dk.overgang.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.InvalidFormatException;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigInteger;

/**
 * JSON integers are integer literals, nothing else. Micronaut Serde 2 (what micronaut-parent 4.10
 * brings) truncates {@code 29.5} to 29 and parses the string {@code "30"}, and has no setting to stop
 * it (a coercion policy arrives with Serde 3.2); a truncated {@code sentenceLengthDays} decides whether
 * R14 applies. So: an integer literal in range, or 400 naming the field. Like {@link StrictBooleanDeserializer}.
 */
@Factory
class StrictIntegerDeserializers {

    @Singleton
    @Primary
    Deserializer<Integer> integers() {
        return new Strict<>(Integer.MIN_VALUE, Integer.MAX_VALUE) {
            @Override
            Integer of(long value) {
                return (int) value;
            }
        };
    }

    @Singleton
    @Primary
    Deserializer<Long> longs() {
        return new Strict<>(Long.MIN_VALUE, Long.MAX_VALUE) {
            @Override
            Long of(long value) {
                return value;
            }
        };
    }

    private abstract static class Strict<T extends Number> implements Deserializer<T> {

        private final long min;
        private final long max;

        Strict(long min, long max) {
            this.min = min;
            this.max = max;
        }

        abstract T of(long value);

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            Object value = decoder.decodeArbitrary();
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                long v = ((Number) value).longValue();
                if (v >= min && v <= max) {
                    return of(v);
                }
            } else if (value instanceof BigInteger big && big.bitLength() < 64) {
                long v = big.longValue();
                if (v >= min && v <= max) {
                    return of(v);
                }
            }
            throw new InvalidPropertyFormatException(
                    new InvalidFormatException("Expected a JSON integer in range", null, null), type);
        }

        @Override
        public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }
}
