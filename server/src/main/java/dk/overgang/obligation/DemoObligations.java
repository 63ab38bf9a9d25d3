package dk.overgang.obligation;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev only: the demo inmates are loaded by SQL, past the events that keep obligations current, so
 * their obligations are computed once at start-up for the worklists to show something.
 */
@Singleton
@Requires(env = "dev")
class DemoObligations {

    private static final Logger LOG = LoggerFactory.getLogger(DemoObligations.class);

    private final ObligationRecompute recompute;
    private final Sql sql;

    DemoObligations(ObligationRecompute recompute, Sql sql) {
        this.recompute = recompute;
        this.sql = sql;
    }

    /** Once, on a database without obligations; afterwards the events keep them current. */
    @EventListener
    @Connectable
    void onStartup(StartupEvent event) {
        try {
            boolean computed = sql.run(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM obligation)")
                    .mapTo(Boolean.class).one());
            if (computed) {
                return;
            }
            LOG.info("Computed {} obligations for the demo data", recompute.recomputeAll());
        } catch (Exception e) {
            LOG.warn("Could not compute the demo data's obligations ({})", e.getClass().getSimpleName());
        }
    }
}
