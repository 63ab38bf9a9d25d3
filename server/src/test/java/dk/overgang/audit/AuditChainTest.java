package dk.overgang.audit;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Audit integrity: sealed records form a hash chain; changing or removing a record (even by a
 * database superuser who switches the append-only trigger off) or backdating a new one is found.
 */
@MicronautTest(transactional = false)
class AuditChainTest extends ApiTest {

    @Inject
    AuditChain chain;

    private static final String DISABLE = "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only";
    private static final String ENABLE = "ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only";

    @Test
    void aChangedRemovedOrBackdatedAuditRecordBreaksTheChain() throws SQLException {
        String id = create(anInmate().inInstitution("chain-prison")).get("id").asText();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api().get("/api/v1/inmates/" + id, Tokens.prison("chain-prison")).status());
        }
        chain.seal();
        AuditChain.Verdict intact = chain.verify();
        assertTrue(intact.intact(), intact.finding());
        assertTrue(intact.sealed() >= 4);
        assertEquals(0, chain.seal(), "nothing left to seal");

        try (Connection app = TestDatabase.connectAsApplication(); Statement server = app.createStatement();
             Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            long victim = one(st, "SELECT max(id) FROM audit_event WHERE resource_id = '" + id + "' AND action = 'read'");
            String sub = text(st, "SELECT actor_sub FROM audit_event WHERE id = " + victim);

            // The server's own role cannot change or remove audit records or links.
            assertEquals("42501", assertThrows(SQLException.class,
                    () -> server.execute("UPDATE audit_event SET actor_sub = 'x' WHERE id = " + victim)).getSQLState());
            assertEquals("42501", assertThrows(SQLException.class,
                    () -> server.execute("DELETE FROM audit_chain WHERE last_event_id >= " + victim)).getSQLState());

            // The schema owner (or a superuser) can give itself the privileges back and switch the
            // trigger off: the chain still tells.
            st.execute("GRANT UPDATE, DELETE ON audit_event TO CURRENT_USER");
            st.execute(DISABLE);
            try {
                st.execute("UPDATE audit_event SET actor_sub = 'someone-else' WHERE id = " + victim);
                AuditChain.Verdict changed = chain.verify();
                assertFalse(changed.intact());
                assertTrue(changed.finding().contains("changed") && covers(changed.finding(), victim), changed.finding());
                st.execute("UPDATE audit_event SET actor_sub = '" + sub + "' WHERE id = " + victim);
                assertTrue(chain.verify().intact());

                // Issue 17: the purpose is sealed with the record: claiming another reason, or none, tells.
                st.execute("UPDATE audit_event SET purpose = 'oversight' WHERE id = " + victim);
                assertFalse(chain.verify().intact(), "a changed purpose breaks the chain");
                st.execute("UPDATE audit_event SET purpose = NULL WHERE id = " + victim);
                assertFalse(chain.verify().intact(), "a removed purpose breaks the chain");
                st.execute("UPDATE audit_event SET purpose = 'sentence-execution' WHERE id = " + victim);
                assertTrue(chain.verify().intact(), chain.verify().finding());

                st.execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_event WHERE id = " + victim);
                st.execute("DELETE FROM audit_event WHERE id = " + victim);
                AuditChain.Verdict removed = chain.verify();
                assertFalse(removed.intact());
                assertTrue(removed.finding().contains("removed") && covers(removed.finding(), victim), removed.finding());
                st.execute("INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM saved");
                assertTrue(chain.verify().intact());

                // A record slipped in afterwards with an old timestamp is never sealed, and verify says so.
                st.execute("""
                        INSERT INTO audit_event (recorded, actor_sub, actor_org_type, actor_org_id, resource_type, action, outcome)
                        VALUES (now() - interval '2 hours', 'forger', 'prison', 'chain-prison', 'Inmate', 'read', 'success')""");
                long forged = one(st, "SELECT max(id) FROM audit_event WHERE actor_sub = 'forger'");
                AuditChain.Verdict backdated = chain.verify();
                assertFalse(backdated.intact());
                assertTrue(backdated.finding().contains("not sealed"), backdated.finding());
                st.execute("DELETE FROM audit_event WHERE id = " + forged);
            } finally {
                st.execute(ENABLE);
                st.execute("REVOKE UPDATE, DELETE ON audit_event FROM CURRENT_USER");
            }
        }
        assertTrue(chain.verify().intact());
    }

    /** The finding names a range "audit records a-b" that holds {@code id}. */
    private static boolean covers(String finding, long id) {
        var m = java.util.regex.Pattern.compile("audit records (\\d+)-(\\d+)").matcher(finding);
        return m.find() && Long.parseLong(m.group(1)) <= id && id <= Long.parseLong(m.group(2));
    }

    private static long one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
