package dk.overgang.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dk.overgang.support.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 26 (Asked 4): V33 makes the stored version the API's versionId. Data stored before it (a
 * person changed once, with its two history rows; a client; a programme from the catalogue) keeps
 * every field and names the same versions through the API as before (stored + 1); the history
 * stays append-only and still gets a row per change; a new row starts at 1. Run as the schema owner
 * (an ordinary role) in a schema of its own, as Flyway runs in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionMigrationTest {

    private static final String SCHEMA = "version_migration_check";

    private Flyway flyway(String target) {
        Map<String, String> p = TestDatabase.properties();
        String owner = p.getOrDefault("overgang.db.migration.username", p.get("datasources.default.username"));
        String password = p.getOrDefault("overgang.db.migration.password", p.get("datasources.default.password"));
        return Flyway.configure().dataSource(p.get("datasources.default.url"), owner, password).schemas(SCHEMA)
                .defaultSchema(SCHEMA).locations("classpath:db/migration").target(target)
                .placeholders(Map.of("application_role", p.get("datasources.default.username"))).load();
    }

    @AfterAll
    void dropSchema() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    @Test
    void storedVersionsMoveUpByOneAndNothingElseChanges() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        flyway("32").migrate();
        String inmate = "a0000000-0000-4000-8000-000000000001";
        List<String> before;
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + SCHEMA);
            st.execute("""
                    INSERT INTO inmate (id, version, last_updated, cpr, name, birth_date, custody_status, expelled_by_judgment,
                                        current_institution, acting_municipality, created_by_org_type, created_by_org_id)
                    VALUES ('%s', 0, now(), '0101900001', 'Før Migrering', '1990-01-01', 'remand', false, 'p1', '101',
                            'prison', 'p1')""".formatted(inmate));
            st.execute("UPDATE inmate SET version = 1, name = 'Efter Ændring' WHERE id = '" + inmate + "'");
            st.execute("""
                    INSERT INTO client (id, version, last_updated, name, org_type, org_id, scopes, roles, jwks_url, status,
                                        read_only, created_at, created_by_sub, updated_by_sub)
                    VALUES ('c-before', 3, now(), 'Sagssystem', 'municipality', '101', '{system/Inmate.rs}', '{}',
                            'https://keys.example/jwks.json', 'active', false, now(), 'op', 'op')""");
            before = rows(st, "SELECT version || ':' || name FROM inmate_history WHERE inmate_id = '" + inmate + "' ORDER BY version");
            assertEquals(List.of("0:Før Migrering", "1:Efter Ændring"), before);
        }

        flyway("latest").migrate();

        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + SCHEMA);
            assertEquals(List.of("2:Efter Ændring"), rows(st, "SELECT version || ':' || name FROM inmate WHERE id = '" + inmate + "'"));
            // V34: the versions moved to the one history, read back as rows of the inmate table.
            assertEquals(List.of("2:Efter Ændring", "1:Før Migrering"), rows(st,
                    "SELECT version || ':' || name FROM versions_of(NULL::inmate, '" + inmate + "', 100, 10)"),
                    "the same versions, numbered as the API always named them");
            assertEquals(List.of("0101900001"), rows(st, "SELECT DISTINCT cpr FROM versions_of(NULL::inmate, '" + inmate + "', 100, 10)"));
            assertEquals(List.of("4:active"), rows(st, "SELECT version || ':' || status FROM client WHERE id = 'c-before'"));
            assertEquals(List.of("4:active"), rows(st, "SELECT version || ':' || status FROM versions_of(NULL::client, 'c-before', 100, 10)"),
                    "a resource that kept no versions starts its history with the current one");
            assertEquals(List.of("1"), rows(st, "SELECT DISTINCT version::text FROM programme"), "the catalogue's programmes");

            // The triggers are back: a change writes its version, an update that keeps the version does
            // not, and the history refuses change.
            st.execute("UPDATE inmate SET version = 3, name = 'Tredje' WHERE id = '" + inmate + "'");
            st.execute("UPDATE inmate SET restricted = true WHERE id = '" + inmate + "'");
            assertEquals(List.of("1", "2", "3"), rows(st, "SELECT version::text FROM resource_version"
                    + " WHERE resource_type = 'inmate' AND resource_id = '" + inmate + "' ORDER BY version"));
            assertEquals(List.of("3:Tredje"), rows(st,
                    "SELECT version || ':' || name FROM versions_of(NULL::inmate, '" + inmate + "', 4, 1)"));
            assertThrows(SQLException.class, () -> st.execute("UPDATE resource_version SET body = '{}' WHERE resource_id = '" + inmate + "'"));
            assertThrows(SQLException.class, () -> st.execute("DELETE FROM resource_version WHERE resource_id = '" + inmate + "'"));
            assertThrows(SQLException.class, () -> st.execute("DELETE FROM inmate WHERE id = '" + inmate + "'"));
            // A version below the first is refused.
            assertThrows(SQLException.class, () -> st.execute("""
                    INSERT INTO inmate (id, version, last_updated, cpr, name, birth_date, custody_status, expelled_by_judgment,
                                        current_institution, acting_municipality, created_by_org_type, created_by_org_id)
                    VALUES ('a0000000-0000-4000-8000-000000000002', 0, now(), '0101900002', 'Nul', '1990-01-01', 'remand',
                            false, 'p1', '101', 'prison', 'p1')"""));
        }
    }
}
