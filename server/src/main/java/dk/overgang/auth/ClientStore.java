package dk.overgang.auth;

import dk.overgang.database.Sql;
import dk.overgang.shared.Versions;
import dk.overgang.web.Cursors;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The client registry and the used assertion ids in SQL. */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
class ClientStore {

    private static final RowMapper<ClientRow> CLIENT = ConstructorMapper.of(ClientRow.class);

    private final Sql sql;

    ClientStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * A registered client; {@code jwks} is the JWKS JSON when the keys are inline; {@code approvedAt}
     * and {@code approvedRoles} are its organisation's last approval (null before the first).
     */
    public record ClientRow(String id, long version, Instant lastUpdated, String name, String orgType, String orgId,
                     List<String> scopes, List<String> roles, String jwks, String jwksUrl, String status, boolean readOnly,
                     Instant createdAt, Instant approvedAt, List<String> approvedRoles) {

        boolean active() {
            return "active".equals(status);
        }
    }

    private static final String COLUMNS = "id, version, last_updated, name, org_type, org_id, scopes, roles, jwks::text AS jwks,"
            + " jwks_url, status, read_only, created_at, approved_at, approved_roles";

    void insert(ClientRow c, String sub) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO client (id, version, last_updated, name, org_type, org_id, scopes, roles, jwks, jwks_url, status,
                                    read_only, created_at, created_by_sub, updated_by_sub)
                VALUES (:id, 1, :lastUpdated, :name, :orgType, :orgId, :scopes, :roles, CAST(:jwks AS jsonb), :jwksUrl,
                        :status, :readOnly, :createdAt, :sub, :sub)""")
                .bindMethods(c)
                .bind("scopes", c.scopes().toArray(String[]::new)).bind("roles", c.roles().toArray(String[]::new))
                .bind("sub", sub)
                .execute());
    }

    /** Replaces the client if it is still in {@code expectedVersion}; false when someone else changed it first. */
    boolean update(ClientRow c, long expectedVersion, String sub) {
        return sql.run(h -> h.createUpdate("""
                        UPDATE client SET version = version + 1, last_updated = :lastUpdated, name = :name, scopes = :scopes,
                               roles = :roles, jwks = CAST(:jwks AS jsonb), jwks_url = :jwksUrl, status = :status,
                               read_only = :readOnly, updated_by_sub = :sub
                         WHERE id = :id AND version = :expectedVersion""")
                .bindMethods(c)
                .bind("scopes", c.scopes().toArray(String[]::new)).bind("roles", c.roles().toArray(String[]::new))
                .bind("sub", sub).bind("expectedVersion", expectedVersion)
                .execute() == 1);
    }

    /**
     * Records the organisation's approval of the client in {@code expectedVersion} and activates it;
     * false when someone changed it first.
     */
    boolean approve(String id, long expectedVersion, Instant at, String sub, List<String> roles) {
        return sql.run(h -> h.createUpdate("""
                        UPDATE client SET version = version + 1, last_updated = :at, status = 'active', approved_at = :at,
                               approved_by_sub = :sub, approved_roles = :roles, updated_by_sub = :sub
                         WHERE id = :id AND version = :expectedVersion""")
                .bind("at", at).bind("sub", sub).bind("roles", roles.toArray(String[]::new))
                .bind("id", id).bind("expectedVersion", expectedVersion)
                .execute() == 1);
    }

    Optional<ClientRow> find(String id) {
        return sql.run(h -> h.createQuery("SELECT " + COLUMNS + " FROM client WHERE id = :id")
                .bind("id", id)
                .map(CLIENT).findOne());
    }

    /** The client's versions below {@code before}, newest first (issue 26: one version history). */
    List<ClientRow> versions(String id, long before, int rows) {
        return sql.run(h -> h.createQuery("SELECT " + COLUMNS + " FROM " + Versions.of("client", "client")
                        + " ORDER BY version DESC")
                .bindMap(Versions.params(id, before, rows))
                .map(CLIENT).list());
    }

    /**
     * Clients newest first, of one organisation (or all: null), after the client {@code after} (null:
     * from the newest), at most {@code limit}.
     */
    List<ClientRow> list(String orgType, String orgId, Cursors.InstantAndKey after, int limit) {
        return sql.run(h -> h.createQuery("SELECT " + COLUMNS + " FROM client"
                        + " WHERE (CAST(:orgType AS text) IS NULL OR (org_type = :orgType AND org_id = :orgId))"
                        + " AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) < (:afterAt, :afterKey))"
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("orgType", orgType).bind("orgId", orgId)
                .bind("afterAt", after == null ? null : after.at()).bind("afterKey", after == null ? null : after.key())
                .bind("limit", limit)
                .map(CLIENT).list());
    }

    /**
     * Records an assertion id as used until {@code expiresAt}; false if it was used before (RFC 7523
     * replay), on this server or another. Expired ids are cleared on the way.
     */
    boolean useAssertion(String clientId, String jti, Instant expiresAt) {
        return sql.run(h -> {
            h.createUpdate("DELETE FROM client_assertion WHERE ctid IN"
                    + " (SELECT ctid FROM client_assertion WHERE expires_at < now() - interval '1 minute' LIMIT 100)").execute();
            return h.createUpdate("""
                            INSERT INTO client_assertion (client_id, jti, expires_at) VALUES (:client, :jti, :expiresAt)
                            ON CONFLICT (client_id, jti) DO NOTHING""")
                    .bind("client", clientId).bind("jti", jti).bind("expiresAt", expiresAt)
                    .execute() == 1;
        });
    }
}
