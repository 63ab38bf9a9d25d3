package dk.overgang.web;

import dk.overgang.shared.ApiDates;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverterRegistrar;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Query parameters of {@code format: date} ({@code releaseFrom}, {@code from}, {@code date}, ...):
 * exactly {@code yyyy-MM-dd} (the contract's {@code maxLength: 10}) and within {@link ApiDates}'
 * range, else 400 naming the parameter. Replaces Micronaut's text-to-date conversion, which reads
 * {@code +999999999-12-31}.
 */
@Singleton
class ApiDateConverters implements TypeConverterRegistrar {

    @Override
    public void register(MutableConversionService conversions) {
        conversions.addConverter(CharSequence.class, LocalDate.class, ApiDateConverters::date);
        conversions.addConverter(String.class, LocalDate.class, ApiDateConverters::date);
    }

    private static Optional<LocalDate> date(CharSequence text, Class<LocalDate> target, ConversionContext context) {
        try {
            return Optional.of(ApiDates.date(text));
        } catch (DateTimeException e) {
            context.reject(text, new DateTimeException(ApiDates.RANGE));
            return Optional.empty();
        }
    }
}
