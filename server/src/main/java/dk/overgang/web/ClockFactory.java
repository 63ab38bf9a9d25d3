package dk.overgang.web;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;

/** "Today" is Danish time: deadlines are calendar days in Denmark. */
@Factory
class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.system(ZoneId.of("Europe/Copenhagen"));
    }
}
