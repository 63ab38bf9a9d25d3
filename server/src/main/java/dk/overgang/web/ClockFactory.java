package dk.overgang.web;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * "Today" is Danish time: deadlines are calendar days in Denmark. The clock ticks in microseconds,
 * PostgreSQL's precision, so a timestamp the API answers with when it stores a record is the one it
 * later reads back (issue 26: an information notice's {@code recordedAt} had nanoseconds in the 201
 * answer and microseconds when listed).
 */
@Factory
class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.tick(Clock.system(ZoneId.of("Europe/Copenhagen")), Duration.ofNanos(1_000));
    }
}
