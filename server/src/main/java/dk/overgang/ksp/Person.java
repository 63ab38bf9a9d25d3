package dk.overgang.ksp;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * A person named directly (not by inmate id); {@code cpr} is 10 digits; {@code municipality} the one
 * the person is released to, which places the case in a forum's area.
 */
@Serdeable
public record Person(String name, String cpr, @Nullable LocalDate custodyFrom, @Nullable LocalDate releasedOn,
                     @Nullable String municipality) {

    @Override
    public String toString() {
        return "Person[redacted]";
    }
}
