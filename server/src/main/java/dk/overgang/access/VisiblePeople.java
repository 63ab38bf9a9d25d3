package dk.overgang.access;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Whether a person is within a caller's or a scope's sight: the one visibility predicate, asked of one
 * id, for the operations that answer 404 for a person the caller may not see before reading anything.
 */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
public class VisiblePeople {

    private final Sql sql;

    VisiblePeople(Sql sql) {
        this.sql = sql;
    }

    /** Within the caller's sight (restricted persons only with the restricted-access role). */
    public boolean visible(Caller caller, UUID inmateId) {
        return InmateAccessPolicy.visibleTo(caller).map(scope -> visible(scope, inmateId)).orElse(false);
    }

    public boolean visible(InmateScope scope, UUID inmateId) {
        return sql.run(h -> h.createQuery("SELECT 1 FROM inmate i WHERE i.id = :inmate AND " + InmateVisibility.NAMED)
                .bind("inmate", inmateId).bindMap(InmateVisibility.params(scope))
                .mapTo(Integer.class).findOne().isPresent());
    }
}
