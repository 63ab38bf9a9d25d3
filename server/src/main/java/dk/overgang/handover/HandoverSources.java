package dk.overgang.handover;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * What a handover is made from: the inmate, its latest LS/RNR assessment and its latest action
 * plan, with the versions used (provenance). Plain SQL over the other resources' tables: a
 * read-only view across three of them, taken in the drafting transaction.
 */
@Singleton
@Connectable
class HandoverSources {

    private final JdbcOperations jdbc;

    HandoverSources(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    record Sources(UUID inmateId, String name, String institution, String municipality, LocalDate expectedRelease,
                   UUID assessmentId, long assessmentVersion, String riskLevel, String needsJson,
                   UUID planId, long planVersion, String prisonSectionsJson) {
    }

    /** The sources, for an inmate the caller may see ({@code scope}); empty when there is no such inmate. */
    Optional<Sources> load(UUID inmateId, InmateScope scope) {
        return jdbc.prepareStatement("""
                SELECT i.id, i.name, i.current_institution, i.acting_municipality, i.expected_release_date,
                       a.id, a.version, a.risk_level, a.needs, p.id, p.version, p.prison_sections
                  FROM inmate i
                  LEFT JOIN LATERAL (SELECT * FROM lsrnr_assessment la WHERE la.inmate_id = i.id
                                      ORDER BY la.assessed_on DESC, la.last_updated DESC LIMIT 1) a ON true
                  LEFT JOIN LATERAL (SELECT * FROM action_plan ap WHERE ap.inmate_id = i.id
                                      ORDER BY ap.sentence_start DESC LIMIT 1) p ON true
                 WHERE i.id = ? AND """ + InmateVisibility.POSITIONAL, ps -> {
            ps.setObject(1, inmateId);
            InmateVisibility.bind(ps, 2, scope);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Sources(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, UUID.class), rs.getLong(7),
                        rs.getString(8), rs.getString(9), rs.getObject(10, UUID.class), rs.getLong(11),
                        rs.getString(12)));
            }
        });
    }
}
