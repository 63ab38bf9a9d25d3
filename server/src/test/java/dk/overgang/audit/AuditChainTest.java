package dk.overgang.audit;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The audit log's hash chain finds a record changed or removed behind the API's back. */
@MicronautTest(transactional = false)
class AuditChainTest extends ApiTest {

    @Inject
    AuditChainVerifier verifier;

    @Test
    void theChainIsIntactAndATamperedOrRemovedRecordIsFound() throws Exception {
        String id = create(anInmate().inInstitution("chain")).get("id").asText();
        for (int i = 0; i < 5; i++) {
            api().get("/api/v1/inmates/" + id, Tokens.prison("chain"));
        }
        AuditChainVerifier.Result intact = verifier.verify();
        assertTrue(intact.intact(), intact.toString());
        assertTrue(intact.checked() >= 6);

        try (Connection c = TestDatabase.connect(); var st = c.createStatement()) {
            long seq;
            try (var rs = st.executeQuery("SELECT chain_seq FROM audit_event WHERE resource_id = '" + id + "' ORDER BY chain_seq LIMIT 1 OFFSET 2")) {
                rs.next();
                seq = rs.getLong(1);
            }
            // An attacker with database rights switches the protection off and edits a record.
            st.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                st.execute("UPDATE audit_event SET actor_org_id = 'someone-else' WHERE chain_seq = " + seq);
                AuditChainVerifier.Result changed = verifier.verify();
                assertFalse(changed.intact());
                assertEquals(seq, changed.firstBrokenSeq());
                assertTrue(changed.problem().contains("changed"), changed.problem());
                st.execute("UPDATE audit_event SET actor_org_id = 'chain' WHERE chain_seq = " + seq);
                assertTrue(verifier.verify().intact(), "restored");

                st.execute("CREATE TEMP TABLE removed AS SELECT * FROM audit_event WHERE chain_seq = " + seq);
                st.execute("DELETE FROM audit_event WHERE chain_seq = " + seq);
                AuditChainVerifier.Result removed = verifier.verify();
                assertFalse(removed.intact());
                assertEquals(seq + 1, removed.firstBrokenSeq());
                st.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_chain");
                st.execute("INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM removed");
            } finally {
                st.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_chain");
                st.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }
        assertTrue(verifier.verify().intact(), "restored again");
    }
}
