package dk.overgang.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.access.InmateVisibility;
import dk.overgang.support.ApiTest;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 (Asked 4): the one way to run hand-written SQL. Its statements are part of the caller's
 * transaction (they roll back with it), and a failure never carries a bound value in any message of
 * its cause chain (Jdbi's own messages quote them; a CPR number must not reach a log line).
 */
@MicronautTest(transactional = false)
class SqlTest extends ApiTest {

    private static final String CPR_LIKE = "0101901234";

    @Inject
    Sql sql;

    @Inject
    TransactionOperations<Connection> transactions;

    private static final String INSERT_KEY = "INSERT INTO idempotency_key (org_type, org_id, key, request_hash, resource_type)"
            + " VALUES ('prison', :org, :key, repeat('0', 64), 'Inmate')";

    private boolean keyStored(String org, String key) {
        return sql.run(h -> h.createQuery("SELECT 1 FROM idempotency_key WHERE org_type = 'prison' AND org_id = :org AND key = :key")
                .bind("org", org).bind("key", key).mapTo(Integer.class).findOne().isPresent());
    }

    @Test
    void theServersConnectionsNeverJitCompileAQuery() {
        // Issue 28 §4: JIT compiling turned the 5 ms person query into 0.2-2 s at scale (application.yml).
        assertEquals("off", transactions.executeRead(status -> sql.run(h -> h.createQuery("SHOW jit")
                .mapTo(String.class).one())));
    }

    @Test
    void theRestrictedPersonCheckReadsOnlyTheRestrictedPersons() {
        // Issue 28 §4, V36: without the partial index the check scanned the whole register (150 ms a
        // worklist page at 2,000,000 people). Sequential scans are priced out so the plan shows what
        // the planner would use at scale on this test database's few rows.
        String plan = transactions.executeRead(status -> sql.run(h -> {
            h.execute("SET LOCAL enable_seqscan = off");
            return String.join("\n", h.createQuery("EXPLAIN SELECT o.id FROM obligation o WHERE "
                            + InmateVisibility.restrictedOnlyWithRole("o.inmate_id"))
                    .bind("restrictedAccess", false).mapTo(String.class).list());
        }));
        assertTrue(plan.contains("inmate_restricted_idx"), plan);
        assertFalse(plan.contains("Seq Scan on inmate"), plan);
    }

    @Test
    void aMunicipalitysReleaseWindowSearchReadsOneIndexRange() throws java.sql.SQLException {
        // Issue 28 §4, V38: the search by municipality and release window combined two indexes (a BitmapAnd
        // of 20,000 and 53,000 entries for 545 people at 2,000,000 people). The planner's choice depends on
        // how many people there are, so 20,000 are added (and the statistics taken) in a transaction that is
        // rolled back: a register as bench/scale's, where a municipality has 1/98 of them.
        try (java.sql.Connection c = dk.overgang.support.TestDatabase.connect(); var st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                st.execute("""
                        INSERT INTO inmate (id, version, last_updated, cpr, name, birth_date, custody_status, expelled_by_judgment,
                                            current_institution, sentence_start, sentence_length_days, expected_parole_date,
                                            expected_release_date, acting_municipality, created_by_org_type, created_by_org_id)
                        SELECT md5('v38-' || n)::uuid, 1, now(), '0101900' || lpad((n % 1000)::text, 3, '0'), 'V38 ' || n,
                               date '1990-01-01', 'sentenced', false, 'v38-prison', current_date - 30, 450, current_date + (n % 300),
                               current_date + 120 + (n % 300), (900 + n % 98)::text, 'prison', 'v38-prison'
                          FROM generate_series(1, 20000) AS n""");
                st.execute("ANALYZE inmate");
                StringBuilder plan = new StringBuilder();
                try (var rs = st.executeQuery("EXPLAIN SELECT i.id FROM inmate i WHERE i.acting_municipality = '907'"
                        + " AND i.expected_release_date >= current_date + 200 AND i.expected_release_date <= current_date + 207"
                        + " ORDER BY i.id LIMIT 51")) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("inmate_municipality_release_idx"), plan.toString());
                assertFalse(plan.toString().contains("BitmapAnd"), plan.toString());
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void aStatementCommitsAndRollsBackWithTheCallersTransaction() {
        String org = "sql-test-" + UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            sql.use(h -> h.createUpdate(INSERT_KEY).bind("org", org).bind("key", "a").execute());
            assertTrue(keyStored(org, "a"), "visible inside the transaction");
            throw new IllegalStateException("refused after the insert");
        }));
        assertFalse(keyStored(org, "a"), "rolled back with the transaction");

        transactions.executeWrite(status -> sql.run(h -> h.createUpdate(INSERT_KEY).bind("org", org).bind("key", "b").execute()));
        assertTrue(keyStored(org, "b"), "committed with the transaction");
    }

    @Test
    void aStatementJdbiRefusesNamesNoBoundValue() {
        DataAccessException failure = assertThrows(DataAccessException.class, () -> sql.run(h -> h.createQuery(
                        "SELECT 1 FROM inmate WHERE cpr = :cpr AND id = :id")
                .bind("cpr", CPR_LIKE).mapTo(Integer.class).list()));
        assertNoValueInTheChain(failure);
    }

    @Test
    void aStatementTheDatabaseRefusesNamesNoBoundValue() {
        DataAccessException failure = assertThrows(DataAccessException.class, () -> sql.run(h -> h.createQuery(
                        "SELECT CAST(:cpr AS integer) / 0")
                .bind("cpr", CPR_LIKE).mapTo(Integer.class).one()));
        assertEquals("22012", ((java.sql.SQLException) failure.getCause()).getSQLState(), "the driver's failure is the cause");
        assertNoValueInTheChain(failure);
    }

    private static void assertNoValueInTheChain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertFalse(t.getClass().getName().startsWith("org.jdbi"), "no Jdbi exception (they quote arguments): " + t.getClass());
            assertFalse(String.valueOf(t.getMessage()).contains(CPR_LIKE), "no bound value in " + t.getClass().getSimpleName());
        }
    }
}
