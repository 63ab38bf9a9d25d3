package dk.overgang.handover;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * What a handover is made from: the inmate, its latest LS/RNR assessment and its latest action
 * plan, with the versions used (provenance). Plain SQL over the other resources' tables: a
 * read-only view across three of them, taken in the drafting transaction.
 */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
class HandoverSources {

    private static final RowMapper<Sources> SOURCES = ConstructorMapper.of(Sources.class);

    private final Sql sql;

    HandoverSources(Sql sql) {
        this.sql = sql;
    }

    record Sources(UUID inmateId, String name, String institution, String municipality, LocalDate expectedRelease,
                   UUID assessmentId, long assessmentVersion, String riskLevel, String needsJson,
                   UUID planId, long planVersion, String prisonSectionsJson) {
    }

    /** The sources, for an inmate the caller may see ({@code scope}); empty when there is no such inmate. */
    Optional<Sources> load(UUID inmateId, InmateScope scope) {
        return sql.run(h -> h.createQuery("""
                        SELECT i.id AS inmate_id, i.name, i.current_institution AS institution,
                               i.acting_municipality AS municipality, i.expected_release_date AS expected_release,
                               a.id AS assessment_id, a.version AS assessment_version, a.risk_level, a.needs AS needs_json,
                               p.id AS plan_id, p.version AS plan_version, p.prison_sections AS prison_sections_json
                          FROM inmate i
                          LEFT JOIN LATERAL (SELECT * FROM lsrnr_assessment la WHERE la.inmate_id = i.id
                                              ORDER BY la.assessed_on DESC, la.last_updated DESC LIMIT 1) a ON true
                          LEFT JOIN LATERAL (SELECT * FROM action_plan ap WHERE ap.inmate_id = i.id
                                              ORDER BY ap.sentence_start DESC LIMIT 1) p ON true
                         WHERE i.id = :inmate AND\s""" + InmateVisibility.NAMED)
                .bind("inmate", inmateId).bindMap(InmateVisibility.params(scope))
                .map(SOURCES).findOne());
    }
}
