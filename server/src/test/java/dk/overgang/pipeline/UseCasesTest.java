package dk.overgang.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.access.Caller;
import dk.overgang.access.OrgType;
import dk.overgang.access.Purpose;
import dk.overgang.access.ResourceType;
import dk.overgang.access.Scopes;
import dk.overgang.audit.AuditAction;
import dk.overgang.shared.ConflictException;
import dk.overgang.shared.EventType;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.support.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 26: the one pipeline. What a use case states as facts is what the audit log and the outbox
 * hold afterwards, against the real database: a refusal is on record on its own, a failed write
 * leaves no success record and no event, and the scope is checked before any domain logic runs.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UseCasesTest implements TestPropertyProvider {

    @Inject
    UseCases useCases;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    private static Caller caller(String scopes) {
        return new Caller("pipeline-" + UUID.randomUUID(), null, OrgType.PRISON, "pipeline-test", Scopes.parse(scopes), Set.of(),
                Purpose.SENTENCE_EXECUTION);
    }

    @Test
    void aCommittedWriteRecordsItsSuccessAndTellsItsEventsAboutThePerson() throws SQLException {
        Caller caller = caller("user/Inmate.cu");
        UUID person = person();
        UUID plan = UUID.randomUUID();
        String answer = useCases.write(caller, ResourceType.Inmate, AuditAction.UPDATE, person, facts -> {
            facts.tell(EventType.RELEASED, 3).alsoChanged(ResourceType.ActionPlan, plan, person, AuditAction.UPDATE);
            return "done";
        });
        assertEquals("done", answer);
        assertEquals(List.of("Inmate " + person + " update success [" + person + "]", "ActionPlan " + plan + " update success ["
                + person + "]"), audit(caller));
        assertEquals(List.of("released Inmate 3 " + person), events(person));
    }

    @Test
    void aNotFoundIsOnRecordOnItsOwnAndTheWritesEventsAreGone() throws SQLException {
        Caller caller = caller("user/Inmate.u");
        UUID person = UUID.randomUUID();
        UUID resource = UUID.randomUUID();
        assertThrows(ForbiddenException.class, () -> useCases.write(caller, ResourceType.Consent, AuditAction.UPDATE, resource,
                facts -> {
                    facts.about(person).tell(EventType.CONSENT_WITHDRAWN, 2);
                    throw new NotFoundException("No consent with this id.");
                }));
        assertEquals(List.of(), audit(caller), "the scope was not given: nothing ran, nothing recorded here");

        Caller allowed = caller("user/Consent.u");
        assertThrows(NotFoundException.class, () -> useCases.write(allowed, ResourceType.Consent, AuditAction.UPDATE, resource,
                facts -> {
                    facts.about(person).tell(EventType.CONSENT_WITHDRAWN, 2);
                    throw new NotFoundException("No consent with this id.");
                }));
        assertEquals(List.of("Consent " + resource + " update not-found [" + person + "]"), audit(allowed));
        assertEquals(List.of(), events(person), "the event was told in a transaction that rolled back");
    }

    @Test
    void aWriteTheStoredStateRefusesIsOnRecordAsRefusedAndAnInvalidOneIsNot() throws SQLException {
        Caller caller = caller("user/Referral.c");
        UUID person = UUID.randomUUID();
        assertThrows(ConflictException.class, () -> useCases.create(caller, ResourceType.Referral, Optional.empty(), "x",
                (facts, earlier) -> "again", facts -> {
                    facts.about(person);
                    throw new ConflictException("conflict", "The person already has an open referral to this programme.");
                }, created -> UUID.randomUUID()));
        assertEquals(List.of("Referral null create precondition-failed [" + person + "]"), audit(caller));

        Caller other = caller("user/Referral.c");
        assertThrows(InvalidFieldException.class, () -> useCases.create(other, ResourceType.Referral, Optional.empty(), "x",
                (facts, earlier) -> "again", facts -> {
                    throw new InvalidFieldException("programmeId", "names no programme of the catalogue");
                }, created -> UUID.randomUUID()));
        assertEquals(List.of(), audit(other), "a 400 is the request's fault, not a refusal of access or state");
    }

    @Test
    void theScopeIsCheckedBeforeAnyDomainLogicRuns() {
        AtomicBoolean ran = new AtomicBoolean();
        assertThrows(ForbiddenException.class, () -> useCases.read(caller("user/Inmate.r"), ResourceType.ActionPlan,
                AuditAction.READ, UUID.randomUUID(), facts -> ran.getAndSet(true)));
        assertThrows(ForbiddenException.class, () -> useCases.write(caller("user/Inmate.r"), ResourceType.Inmate,
                AuditAction.UPDATE, UUID.randomUUID(), facts -> ran.getAndSet(true)));
        assertFalse(ran.get());
    }

    @Test
    void aLookupIsRecordedWithTheKeyedHashOfTheNumberOnly() throws SQLException {
        Caller caller = caller("user/Inmate.s");
        String cpr = "0101901234";
        UUID found = UUID.randomUUID();
        List<UUID> answer = useCases.read(caller, ResourceType.Inmate, AuditAction.LOOKUP, null,
                facts -> List.copyOf(facts.lookedUp(cpr, List.of(found)).disclosedIds()));
        assertEquals(List.of(found), answer);
        try (var c = TestDatabase.connect(); var ps = c.prepareStatement(
                "SELECT cpr_hmac, subjects::text, row_to_json(a)::text FROM audit_event a WHERE actor_sub = ?")) {
            ps.setString(1, caller.sub());
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(64, rs.getString(1).length());
                assertNotEquals(cpr, rs.getString(1));
                assertEquals("{" + found + "}", rs.getString(2));
                assertFalse(rs.getString(3).contains(cpr), "the number itself is nowhere in the record");
            }
        }
    }

    /** A person in the database (events name a person that exists). */
    private static UUID person() throws SQLException {
        UUID id = UUID.randomUUID();
        try (var c = TestDatabase.connect(); var ps = c.prepareStatement("INSERT INTO inmate (id, version, last_updated, cpr, name,"
                + " birth_date, custody_status, current_institution, acting_municipality, created_by_org_type, created_by_org_id)"
                + " VALUES (?, 1, now(), '0101901234', 'Pipeline Test', DATE '1990-01-01', 'remand', 'pipeline-test', '101',"
                + " 'prison', 'pipeline-test')")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
        return id;
    }

    /** The caller's audit records, oldest first: type, resource, action, outcome, subjects. */
    private static List<String> audit(Caller caller) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var c = TestDatabase.connect(); var ps = c.prepareStatement("SELECT resource_type, resource_id, action, outcome,"
                + " subjects::text FROM audit_event WHERE actor_sub = ? ORDER BY id")) {
            ps.setString(1, caller.sub());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String subjects = rs.getString(5);
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                            + (subjects == null ? "[]" : "[" + subjects.substring(1, subjects.length() - 1) + "]"));
                }
            }
        }
        return rows;
    }

    /** The outbox's events about the person: type, resource type, version, person. */
    private static List<String> events(UUID person) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var c = TestDatabase.connect(); var ps = c.prepareStatement(
                "SELECT type, resource_type, resource_version, inmate_id FROM event WHERE inmate_id = ? ORDER BY id")) {
            ps.setObject(1, person);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getString(4));
                }
            }
        }
        return rows;
    }
}
