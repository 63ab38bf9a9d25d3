package dk.overgang.privacy;

import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.UUID;

/** Whether a person is within a caller's or a scope's sight: the one visibility predicate, asked of one id. */
@Singleton
class VisiblePeople {

    private final JdbcOperations jdbc;

    VisiblePeople(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Within the caller's sight (restricted persons only with the restricted-access role). */
    boolean visible(Caller caller, UUID inmateId) {
        return InmateAccessPolicy.visibleTo(caller).map(scope -> visible(scope, inmateId)).orElse(false);
    }

    boolean visible(InmateScope scope, UUID inmateId) {
        return jdbc.prepareStatement("SELECT 1 FROM inmate i WHERE i.id = ? AND " + InmateVisibility.POSITIONAL, ps -> {
            ps.setObject(1, inmateId);
            InmateVisibility.bind(ps, 2, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }
}
