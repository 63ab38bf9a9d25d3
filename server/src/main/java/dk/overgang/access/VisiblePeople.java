package dk.overgang.access;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.UUID;

/**
 * Whether a person is within a caller's or a scope's sight: the one visibility predicate, asked of one
 * id, for the operations that answer 404 for a person the caller may not see before reading anything.
 */
@Singleton
@Connectable // joins the caller's transaction, or borrows a connection for a read outside one
public class VisiblePeople {

    private final JdbcOperations jdbc;

    VisiblePeople(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Within the caller's sight (restricted persons only with the restricted-access role). */
    public boolean visible(Caller caller, UUID inmateId) {
        return InmateAccessPolicy.visibleTo(caller).map(scope -> visible(scope, inmateId)).orElse(false);
    }

    public boolean visible(InmateScope scope, UUID inmateId) {
        return jdbc.prepareStatement("SELECT 1 FROM inmate i WHERE i.id = ? AND " + InmateVisibility.POSITIONAL, ps -> {
            ps.setObject(1, inmateId);
            InmateVisibility.bind(ps, 2, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }
}
