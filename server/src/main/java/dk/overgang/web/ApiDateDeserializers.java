package dk.overgang.web;

import dk.overgang.shared.ApiDates;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.InvalidFormatException;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.function.Function;

/**
 * Dates and date-times in JSON bodies: a string in the contract's format and within
 * {@link ApiDates}' range, else 400 naming the property. Micronaut Serde's defaults read any year
 * Java can hold ({@code +999999999-12-31}) and epoch numbers; the database cannot store the first
 * and the contract allows neither.
 */
final class ApiDateDeserializers {

    private ApiDateDeserializers() {
    }

    static <T> T read(Decoder decoder, Argument<?> type, Function<String, T> parse) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value instanceof String text) {
            try {
                return parse.apply(text);
            } catch (DateTimeException e) {
                // The message would quote the value; the property name and a fixed sentence are enough.
            }
        }
        throw new InvalidPropertyFormatException(new InvalidFormatException(ApiDates.RANGE, null, null), type);
    }

    /** {@code format: date}. */
    @Singleton
    @Primary
    static class Dates implements Deserializer<LocalDate> {

        @Override
        public LocalDate deserialize(Decoder decoder, DecoderContext context, Argument<? super LocalDate> type) throws IOException {
            return read(decoder, type, ApiDates::date);
        }

        @Override
        public LocalDate deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super LocalDate> type)
                throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }

    /** {@code format: date-time}. */
    @Singleton
    @Primary
    static class DateTimes implements Deserializer<ZonedDateTime> {

        @Override
        public ZonedDateTime deserialize(Decoder decoder, DecoderContext context, Argument<? super ZonedDateTime> type)
                throws IOException {
            return read(decoder, type, ApiDates::dateTime);
        }

        @Override
        public ZonedDateTime deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super ZonedDateTime> type)
                throws IOException {
            return decoder.decodeNull() ? null : deserialize(decoder, context, type);
        }
    }
}
