package dk.overgang.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 §3: the server works as an application role that holds only what it uses. Append-only
 * tables refuse it by privilege (SQLSTATE 42501) before any trigger is reached; it cannot change the
 * schema; and neither role is a superuser. (Events and deliveries may be removed once past the event
 * retention; EventRetentionTest shows that the database still keeps a week's events.)
 */
@MicronautTest(transactional = false) // the context migrates the database first
class DatabaseRolesTest extends ApiTest {

    private static final String PERMISSION_DENIED = "42501";

    @Test
    void neitherTheOwnerNorTheServerIsASuperuser() throws SQLException {
        assumeTrue(TestDatabase.rolesSeparated(), "the environment gives one role");
        for (Connection c : new Connection[] {TestDatabase.connect(), TestDatabase.connectAsApplication()}) {
            try (c; Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
                assertTrue(rs.next());
                assertFalse(rs.getBoolean(1), "superuser");
                assertFalse(rs.getBoolean(2), "may create roles");
                assertFalse(rs.getBoolean(3), "may create databases");
            }
        }
    }

    @Test
    void theServerCannotRewriteWhatIsAppendOnly() throws SQLException {
        assumeTrue(TestDatabase.rolesSeparated(), "the environment gives one role");
        String[] refused = {
            "UPDATE audit_event SET outcome = 'success'",
            "DELETE FROM audit_event",
            "UPDATE audit_chain SET hash = hash",
            "DELETE FROM resource_version",
            "UPDATE resource_version SET version = version",
            "DELETE FROM ksp_list_version",
            "UPDATE ksp_exchange SET summary = summary",
            "DELETE FROM obligation_fulfilment",
            "UPDATE event SET type = type",
            "UPDATE ngo_note SET text = text",
            "DELETE FROM ngo_note",
            "DELETE FROM outcome",
            "UPDATE resource_version SET body = body WHERE resource_type = 'outcome'",
            "TRUNCATE resource_version",
            "DELETE FROM inmate",
            "TRUNCATE obligation",
            "CREATE TABLE intruder (id int)",
            "DROP TABLE idempotency_key",
            "ALTER TABLE inmate DISABLE TRIGGER inmate_no_delete",
            "SELECT * FROM flyway_schema_history",
        };
        try (Connection c = TestDatabase.connectAsApplication()) {
            c.setAutoCommit(true);
            for (String sql : refused) {
                try (Statement st = c.createStatement()) {
                    SQLException e = assertThrows(SQLException.class, () -> st.execute(sql), sql);
                    assertEquals(PERMISSION_DENIED, e.getSQLState(), sql + ": " + e.getMessage());
                }
            }
        }
    }

    @Test
    void theServerMayDoWhatItDoes() throws SQLException {
        assumeTrue(TestDatabase.rolesSeparated(), "the environment gives one role");
        try (Connection c = TestDatabase.connectAsApplication(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            // Each statement the server runs on these tables, in a transaction rolled back.
            st.execute("SELECT count(*) FROM inmate");
            st.execute("UPDATE inmate SET name = name WHERE false");
            st.execute("DELETE FROM obligation WHERE false");
            st.execute("DELETE FROM release_meeting_invitee WHERE false");
            st.execute("UPDATE ksp_proposal SET status = status WHERE false");
            st.execute("UPDATE delivery SET status = status WHERE false");
            st.execute("UPDATE subscription SET status = status WHERE false");
            st.execute("UPDATE municipality_directory SET name = name WHERE false");
            st.execute("UPDATE outcome SET status = status WHERE false");
            st.execute("INSERT INTO event (event_id, type, resource_type, resource_id, resource_version, occurred_at)"
                    + " SELECT gen_random_uuid(), 'x', 'x', gen_random_uuid(), 1, now() WHERE false");
            st.execute("SELECT count(*) FROM audit_event");
            c.rollback();
        }
    }
}
