package dk.overgang.outcome;

import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import dk.overgang.database.Sql;
import dk.overgang.shared.Versions;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Outcomes in SQL; the person is looked up through {@link InmateVisibility}, so no read skips its access rule. */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
class OutcomeStore {

    private static final RowMapper<Person> PERSON = ConstructorMapper.of(Person.class);
    private static final RowMapper<OutcomeRow> OUTCOME = ConstructorMapper.of(OutcomeRow.class);

    private final Sql sql;

    OutcomeStore(Sql sql) {
        this.sql = sql;
    }

    /** What an outcome needs of the person: the day of release (null before it) and the acting municipality. */
    record Person(UUID inmateId, LocalDate releasedOn, String actingMunicipality) {
    }

    public record OutcomeRow(UUID id, long version, Instant lastUpdated, UUID inmateId, int months, String status,
                      LocalDate releasedOn, String municipality, LocalDate recordedOn) {
    }

    Optional<Person> person(UUID inmateId, InmateScope scope) {
        return sql.run(h -> h.createQuery("""
                        SELECT i.id AS inmate_id, CASE WHEN i.custody_status = 'released'
                                  THEN coalesce(i.actual_release_date, i.expected_release_date) END AS released_on,
                               i.acting_municipality
                          FROM inmate i WHERE i.id = :inmate AND\s""" + InmateVisibility.NAMED)
                .bind("inmate", inmateId).bindMap(InmateVisibility.params(scope))
                .map(PERSON).findOne());
    }

    private static final String COLUMNS = "id, version, last_updated, inmate_id, checkpoint_months AS months, status,"
            + " released_on, municipality, recorded_on";

    List<OutcomeRow> outcomes(UUID inmateId, LocalDate releasedOn) {
        return sql.run(h -> h.createQuery("SELECT " + COLUMNS + " FROM outcome WHERE inmate_id = :inmate"
                        + " AND released_on = :releasedOn ORDER BY checkpoint_months")
                .bind("inmate", inmateId).bind("releasedOn", releasedOn)
                .map(OUTCOME).list());
    }

    /** The outcome's versions below {@code before}, newest first (issue 26: one version history). */
    List<OutcomeRow> versions(UUID id, long before, int rows) {
        return sql.run(h -> h.createQuery("SELECT " + COLUMNS + " FROM " + Versions.of("outcome", "outcome")
                        + " ORDER BY version DESC")
                .bindMap(Versions.params(id, before, rows))
                .map(OUTCOME).list());
    }

    /** The outcome of one checkpoint of one release, locked for a correction. */
    Optional<OutcomeRow> forUpdate(UUID inmateId, LocalDate releasedOn, int months) {
        return sql.run(h -> h.createQuery("SELECT " + COLUMNS + " FROM outcome WHERE inmate_id = :inmate"
                        + " AND released_on = :releasedOn AND checkpoint_months = :months FOR UPDATE")
                .bind("inmate", inmateId).bind("releasedOn", releasedOn).bind("months", months)
                .map(OUTCOME).findOne());
    }

    /** Inserts unless the checkpoint was recorded meanwhile; false then (the caller answers as for a correction). */
    boolean insert(OutcomeRow r, String orgType, String orgId, String sub) {
        return sql.run(h -> h.createUpdate("""
                        INSERT INTO outcome (id, version, last_updated, inmate_id, checkpoint_months, status, released_on,
                                             municipality, recorded_on, recorded_by_org_type, recorded_by_org_id, recorded_by_sub)
                        VALUES (:id, 1, :lastUpdated, :inmateId, :months, :status, :releasedOn, :municipality, :recordedOn,
                                :orgType, :orgId, :sub)
                        ON CONFLICT (inmate_id, released_on, checkpoint_months) DO NOTHING""")
                .bindMethods(r)
                .bind("orgType", orgType).bind("orgId", orgId).bind("sub", sub)
                .execute() == 1);
    }

    boolean update(UUID id, long version, Instant now, String status, String municipality, LocalDate recordedOn,
                   String orgType, String orgId, String sub) {
        return sql.run(h -> h.createUpdate("""
                        UPDATE outcome SET version = version + 1, last_updated = :now, status = :status,
                               municipality = :municipality, recorded_on = :recordedOn, recorded_by_org_type = :orgType,
                               recorded_by_org_id = :orgId, recorded_by_sub = :sub
                         WHERE id = :id AND version = :version""")
                .bind("now", now).bind("status", status).bind("municipality", municipality).bind("recordedOn", recordedOn)
                .bind("orgType", orgType).bind("orgId", orgId).bind("sub", sub).bind("id", id).bind("version", version)
                .execute() == 1);
    }
}
