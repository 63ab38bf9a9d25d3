package dk.overgang.auth;

import dk.overgang.shared.Versions;
import dk.overgang.web.Cursors;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The client registry and the used assertion ids in SQL. */
@Singleton
@Connectable
class ClientStore {

    private final JdbcOperations jdbc;

    ClientStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A registered client; {@code jwks} is the JWKS JSON when the keys are inline; {@code approvedAt}
     * and {@code approvedRoles} are its organisation's last approval (null before the first).
     */
    record ClientRow(String id, long version, Instant lastUpdated, String name, String orgType, String orgId,
                     List<String> scopes, List<String> roles, String jwks, String jwksUrl, String status, boolean readOnly,
                     Instant createdAt, Instant approvedAt, List<String> approvedRoles) {

        boolean active() {
            return "active".equals(status);
        }
    }

    private static final String COLUMNS = "id, version, last_updated, name, org_type, org_id, scopes, roles, jwks::text,"
            + " jwks_url, status, read_only, created_at, approved_at, approved_roles";

    void insert(ClientRow c, String sub) {
        jdbc.prepareStatement("""
                INSERT INTO client (id, version, last_updated, name, org_type, org_id, scopes, roles, jwks, jwks_url, status,
                                    read_only, created_at, created_by_sub, updated_by_sub)
                VALUES (?, 1, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setString(1, c.id());
            ps.setTimestamp(2, Timestamp.from(c.lastUpdated()));
            ps.setString(3, c.name());
            ps.setString(4, c.orgType());
            ps.setString(5, c.orgId());
            ps.setArray(6, ps.getConnection().createArrayOf("text", c.scopes().toArray()));
            ps.setArray(7, ps.getConnection().createArrayOf("text", c.roles().toArray()));
            ps.setObject(8, c.jwks(), Types.VARCHAR);
            ps.setString(9, c.jwksUrl());
            ps.setString(10, c.status());
            ps.setBoolean(11, c.readOnly());
            ps.setTimestamp(12, Timestamp.from(c.createdAt()));
            ps.setString(13, sub);
            ps.setString(14, sub);
            return ps.executeUpdate();
        });
    }

    /** Replaces the client if it is still in {@code expectedVersion}; false when someone else changed it first. */
    boolean update(ClientRow c, long expectedVersion, String sub) {
        return jdbc.prepareStatement("""
                UPDATE client SET version = version + 1, last_updated = ?, name = ?, scopes = ?, roles = ?,
                       jwks = CAST(? AS jsonb), jwks_url = ?, status = ?, read_only = ?, updated_by_sub = ?
                 WHERE id = ? AND version = ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(c.lastUpdated()));
            ps.setString(2, c.name());
            ps.setArray(3, ps.getConnection().createArrayOf("text", c.scopes().toArray()));
            ps.setArray(4, ps.getConnection().createArrayOf("text", c.roles().toArray()));
            ps.setObject(5, c.jwks(), Types.VARCHAR);
            ps.setString(6, c.jwksUrl());
            ps.setString(7, c.status());
            ps.setBoolean(8, c.readOnly());
            ps.setString(9, sub);
            ps.setString(10, c.id());
            ps.setLong(11, expectedVersion);
            return ps.executeUpdate() == 1;
        });
    }

    /**
     * Records the organisation's approval of the client in {@code expectedVersion} and activates it;
     * false when someone changed it first.
     */
    boolean approve(String id, long expectedVersion, Instant at, String sub, List<String> roles) {
        return jdbc.prepareStatement("""
                UPDATE client SET version = version + 1, last_updated = ?, status = 'active', approved_at = ?,
                       approved_by_sub = ?, approved_roles = ?, updated_by_sub = ?
                 WHERE id = ? AND version = ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, sub);
            ps.setArray(4, ps.getConnection().createArrayOf("text", roles.toArray()));
            ps.setString(5, sub);
            ps.setString(6, id);
            ps.setLong(7, expectedVersion);
            return ps.executeUpdate() == 1;
        });
    }

    Optional<ClientRow> find(String id) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM client WHERE id = ?", ps -> {
            ps.setString(1, id);
            return rows(ps).stream().findFirst();
        });
    }

    /** The client's versions below {@code before}, newest first (issue 26: one version history). */
    List<ClientRow> versions(String id, long before, int rows) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM " + Versions.of("client", "client") + " ORDER BY version DESC", ps -> {
            Versions.bind(ps, 1, id, before, rows);
            return rows(ps);
        });
    }

    /**
     * Clients newest first, of one organisation (or all: null), after the client {@code after} (null:
     * from the newest), at most {@code limit}.
     */
    List<ClientRow> list(String orgType, String orgId, Cursors.InstantAndKey after, int limit) {
        return jdbc.prepareStatement("SELECT " + COLUMNS + " FROM client"
                + " WHERE (CAST(? AS text) IS NULL OR (org_type = ? AND org_id = ?))"
                + " AND (CAST(? AS timestamptz) IS NULL OR (created_at, id) < (?, ?))"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", ps -> {
            ps.setString(1, orgType);
            ps.setString(2, orgType);
            ps.setString(3, orgId);
            java.sql.Timestamp at = after == null ? null : java.sql.Timestamp.from(after.at());
            ps.setTimestamp(4, at);
            ps.setTimestamp(5, at);
            ps.setString(6, after == null ? null : after.key());
            ps.setInt(7, limit);
            return rows(ps);
        });
    }

    /**
     * Records an assertion id as used until {@code expiresAt}; false if it was used before (RFC 7523
     * replay), on this server or another. Expired ids are cleared on the way.
     */
    boolean useAssertion(String clientId, String jti, Instant expiresAt) {
        jdbc.prepareStatement("DELETE FROM client_assertion WHERE ctid IN"
                + " (SELECT ctid FROM client_assertion WHERE expires_at < now() - interval '1 minute' LIMIT 100)",
                PreparedStatement::executeUpdate);
        return jdbc.prepareStatement("""
                INSERT INTO client_assertion (client_id, jti, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (client_id, jti) DO NOTHING""", ps -> {
            ps.setString(1, clientId);
            ps.setString(2, jti);
            ps.setTimestamp(3, Timestamp.from(expiresAt));
            return ps.executeUpdate() == 1;
        });
    }

    private static List<ClientRow> rows(PreparedStatement ps) throws SQLException {
        List<ClientRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new ClientRow(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5), rs.getString(6), strings(rs, 7), strings(rs, 8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getBoolean(12), rs.getTimestamp(13).toInstant(),
                        rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant(),
                        rs.getArray(15) == null ? null : strings(rs, 15)));
            }
        }
        return rows;
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        return Arrays.stream((Object[]) rs.getArray(column).getArray()).map(String::valueOf).toList();
    }
}
