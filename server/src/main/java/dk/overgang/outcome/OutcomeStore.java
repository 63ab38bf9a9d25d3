package dk.overgang.outcome;

import dk.overgang.shared.Versions;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Outcomes in SQL; the person is looked up through {@link InmateVisibility}, so no read skips its access rule. */
@Singleton
@Connectable
class OutcomeStore {

    private final JdbcOperations jdbc;

    OutcomeStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** What an outcome needs of the person: the day of release (null before it) and the acting municipality. */
    record Person(UUID inmateId, LocalDate releasedOn, String actingMunicipality) {
    }

    record OutcomeRow(UUID id, long version, Instant lastUpdated, UUID inmateId, int months, String status,
                      LocalDate releasedOn, String municipality, LocalDate recordedOn) {
    }

    Optional<Person> person(UUID inmateId, InmateScope scope) {
        return jdbc.prepareStatement("""
                SELECT i.id, CASE WHEN i.custody_status = 'released'
                                  THEN coalesce(i.actual_release_date, i.expected_release_date) END, i.acting_municipality
                  FROM inmate i WHERE i.id = ? AND\s""" + InmateVisibility.POSITIONAL, ps -> {
            ps.setObject(1, inmateId);
            InmateVisibility.bind(ps, 2, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Person(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getString(3)))
                        : Optional.empty();
            }
        });
    }

    private static final String COLUMNS = "id, version, last_updated, inmate_id, checkpoint_months, status, released_on,"
            + " municipality, recorded_on";

    List<OutcomeRow> outcomes(UUID inmateId, LocalDate releasedOn) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM outcome WHERE inmate_id = ? AND released_on = ?"
                + " ORDER BY checkpoint_months", ps -> {
            ps.setObject(1, inmateId);
            ps.setObject(2, releasedOn);
            List<OutcomeRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        });
    }

    /** The outcome's versions below {@code before}, newest first (issue 26: one version history). */
    List<OutcomeRow> versions(UUID id, long before, int rows) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM " + Versions.of("outcome", "outcome") + " ORDER BY version DESC", ps -> {
            Versions.bind(ps, 1, id, before, rows);
            List<OutcomeRow> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(row(rs));
                }
            }
            return found;
        });
    }

    /** The outcome of one checkpoint of one release, locked for a correction. */
    Optional<OutcomeRow> forUpdate(UUID inmateId, LocalDate releasedOn, int months) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM outcome WHERE inmate_id = ? AND released_on = ?"
                + " AND checkpoint_months = ? FOR UPDATE", ps -> {
            ps.setObject(1, inmateId);
            ps.setObject(2, releasedOn);
            ps.setInt(3, months);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        });
    }

    /** Inserts unless the checkpoint was recorded meanwhile; false then (the caller answers as for a correction). */
    boolean insert(OutcomeRow r, String orgType, String orgId, String sub) {
        return jdbc.prepareStatement("""
                INSERT INTO outcome (id, version, last_updated, inmate_id, checkpoint_months, status, released_on,
                                     municipality, recorded_on, recorded_by_org_type, recorded_by_org_id, recorded_by_sub)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (inmate_id, released_on, checkpoint_months) DO NOTHING""", ps -> {
            ps.setObject(1, r.id());
            ps.setTimestamp(2, Timestamp.from(r.lastUpdated()));
            ps.setObject(3, r.inmateId());
            ps.setInt(4, r.months());
            ps.setString(5, r.status());
            ps.setObject(6, r.releasedOn());
            ps.setString(7, r.municipality());
            ps.setObject(8, r.recordedOn());
            ps.setString(9, orgType);
            ps.setString(10, orgId);
            ps.setString(11, sub);
            return ps.executeUpdate() == 1;
        });
    }

    boolean update(UUID id, long version, Instant now, String status, String municipality, LocalDate recordedOn,
                   String orgType, String orgId, String sub) {
        return jdbc.prepareStatement("""
                UPDATE outcome SET version = version + 1, last_updated = ?, status = ?, municipality = ?, recorded_on = ?,
                       recorded_by_org_type = ?, recorded_by_org_id = ?, recorded_by_sub = ?
                 WHERE id = ? AND version = ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, status);
            ps.setString(3, municipality);
            ps.setObject(4, recordedOn);
            ps.setString(5, orgType);
            ps.setString(6, orgId);
            ps.setString(7, sub);
            ps.setObject(8, id);
            ps.setLong(9, version);
            return ps.executeUpdate() == 1;
        });
    }

    private static OutcomeRow row(ResultSet rs) throws SQLException {
        return new OutcomeRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                rs.getObject(4, UUID.class), rs.getInt(5), rs.getString(6), rs.getObject(7, LocalDate.class),
                rs.getString(8), rs.getObject(9, LocalDate.class));
    }
}
