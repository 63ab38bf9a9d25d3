package dk.overgang.audit;

import dk.overgang.access.AuditAccessPolicy;
import dk.overgang.access.Caller;
import dk.overgang.access.Compartment;
import dk.overgang.access.VisiblePeople;
import dk.overgang.access.Interaction;
import dk.overgang.access.OrgType;
import dk.overgang.access.Purpose;
import dk.overgang.access.ResourceType;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.ServiceUnavailableException;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import dk.overgang.database.Sql;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.context.annotation.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one way to write and read the audit log. Writes come in two forms:
 * <ul>
 *   <li>{@link #record} for writes and refusals of writes: inside the write's transaction
 *   ({@link Transactional} joins it), so the change and its record commit or fail together;</li>
 *   <li>{@link #recordRead}, {@link #recordDisclosures}, {@link #recordLookup} for reads: committed
 *   before they return, by group commit with other concurrent reads ({@link AuditBatcher}); if the
 *   record cannot be committed the read is refused with a {@link ServiceUnavailableException},
 *   never answered unaudited.</li>
 * </ul>
 * Every record about a person names the person (inmate id) among its {@code subjects}, whatever
 * resource was touched; a search or worklist is one record naming everyone it disclosed. A CPR lookup
 * stores HMAC-SHA256(key, CPR), never the CPR.
 */
@Context // created at startup, so a missing CPR key stops the server before it serves anything
public class AuditLog {

    private static final int MIN_KEY_LENGTH = 32;
    private static final String COLUMNS = """
            id, recorded, actor_sub, actor_org_type, actor_org_id, actor_client_id, resource_type, resource_id,
            action, outcome, subjects, cpr_hmac, purpose""";
    /** The same columns of {@code audit_event e} in a join. */
    private static final String PAGE_COLUMNS = java.util.Arrays.stream(COLUMNS.split(","))
            .map(column -> "e." + column.strip()).collect(java.util.stream.Collectors.joining(", "));

    private final Sql sql;
    private final VisiblePeople people;
    private final AuditBatcher batcher;
    private final SecretKeySpec cprKey;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;

    AuditLog(Sql sql, AuditBatcher batcher, @Nullable @Value("${overgang.audit.cpr-hmac-key:}") String cprKey,
             Clock clock, TransactionOperations<Connection> transactions, VisiblePeople people) {
        this.sql = sql;
        this.people = people;
        this.transactions = transactions;
        this.batcher = batcher;
        this.clock = clock;
        if (cprKey == null || cprKey.length() < MIN_KEY_LENGTH) {
            throw new ConfigurationException("OVERGANG_AUDIT_CPR_HMAC_KEY must be set to a secret of at least "
                    + MIN_KEY_LENGTH + " characters: it keys the CPR hashes in the audit log");
        }
        this.cprKey = new SecretKeySpec(cprKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * Records a write in the caller's transaction, or a refused write in a transaction of its own;
     * an inmate is its own subject.
     */
    @Transactional
    public void record(Caller caller, ResourceType type, UUID resourceId, AuditAction action, AuditOutcome outcome) {
        record(caller, type, resourceId, action, outcome, type == ResourceType.Inmate ? resourceId : null);
    }

    /**
     * Records a write about the person {@code subject} (null when none is known, e.g. not found). A
     * success commits with the write it records; a refusal (not found, forbidden, precondition failed)
     * is committed on its own before this returns (issue 26), so the refused write's transaction rolls
     * back as any failed transaction does, idempotency claim and partial work included, and the refusal
     * stays on record.
     */
    @Transactional
    public void record(Caller caller, ResourceType type, @Nullable UUID resourceId, AuditAction action, AuditOutcome outcome,
                       @Nullable UUID subject) {
        AuditEvent record = event(caller, type, resourceId, action, outcome, subjects(subject), null);
        if (outcome == AuditOutcome.SUCCESS) {
            AuditBatcher.insert(sql, List.of(record));
        } else {
            durably(record);
        }
    }

    /** Records a read of one resource (or of none: a null id or a not-found outcome); durable on return. */
    public void recordRead(Caller caller, ResourceType type, UUID resourceId, AuditAction action, AuditOutcome outcome) {
        recordRead(caller, type, resourceId, action, outcome, type == ResourceType.Inmate ? resourceId : null);
    }

    /** Records a read about the person {@code subject}; durable on return. */
    public void recordRead(Caller caller, ResourceType type, @Nullable UUID resourceId, AuditAction action,
                           AuditOutcome outcome, @Nullable UUID subject) {
        durably(event(caller, type, resourceId, action, outcome, subjects(subject), null));
    }

    /** Records the inmates a search or worklist disclosed: one record naming them all; durable on return. */
    public void recordDisclosures(Caller caller, ResourceType type, Collection<UUID> resourceIds, AuditAction action) {
        recordDisclosures(caller, type, resourceIds, action, type == ResourceType.Inmate ? resourceIds : List.of());
    }

    /** Records a search that disclosed {@code resourceIds}, about the people {@code subjects}; durable on return. */
    public void recordDisclosures(Caller caller, ResourceType type, Collection<UUID> resourceIds, AuditAction action,
                                  Collection<UUID> subjects) {
        UUID single = resourceIds.size() == 1 ? resourceIds.iterator().next() : null;
        durably(event(caller, type, single, action, resourceIds.isEmpty() ? AuditOutcome.NOT_FOUND : AuditOutcome.SUCCESS,
                subjects.stream().distinct().toList(), null));
    }

    /** Records a CPR lookup: the keyed hash of the CPR and the inmates found; durable on return. */
    public void recordLookup(Caller caller, String cpr, Collection<UUID> found) {
        durably(event(caller, ResourceType.Inmate, found.size() == 1 ? found.iterator().next() : null, AuditAction.LOOKUP,
                found.isEmpty() ? AuditOutcome.NOT_FOUND : AuditOutcome.SUCCESS, List.copyOf(found), cprHash(cpr)));
    }

    /** HMAC-SHA256 of a normalised CPR (digits only) under the audit key, in hex. */
    public String cprHash(String cpr) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cprKey);
            return HexFormat.of().formatHex(mac.doFinal(cpr.replaceAll("[^0-9]", "").getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void durably(AuditEvent record) {
        try {
            batcher.appendDurably(List.of(record));
        } catch (AuditBatcher.AuditUnavailableException e) {
            throw new ServiceUnavailableException("The audit log cannot record this access right now; try again shortly.");
        }
    }

    /** What an auditor asks for: one resource, one person, or the keyed hash of one CPR. */
    public sealed interface Query {
        record OfResource(ResourceType type, UUID id) implements Query {
        }

        record OfPerson(UUID inmateId) implements Query {
        }

        record OfCpr(String cpr) implements Query {
        }
    }

    /**
     * Auditors list records, oldest first, after the given record id. The auditor's own read is
     * audited too (resource type AuditEvent, naming the person asked about).
     */
    public List<AuditEvent> search(Caller caller, Query query, long after, int limit) {
        AuditAccessPolicy.requireAuditor(caller);
        List<AuditEvent> found = switch (query) {
            case Query.OfResource r -> select("SELECT id, recorded FROM audit_event WHERE resource_type = :type"
                    + " AND resource_id = :resource AND id > :after ORDER BY id LIMIT :limit", after, limit,
                    Map.of("type", r.type().name(), "resource", r.id()));
            case Query.OfPerson p -> select(ABOUT_PERSON, after, limit, Map.of("inmate", p.inmateId(), "hiddenPurposes", ""));
            // The people with this CPR (one, or several custody records of one person) and the lookups by the CPR's hash.
            case Query.OfCpr c -> select("(SELECT event_id AS id, recorded FROM audit_subject"
                            + " WHERE subject = ANY (ARRAY(SELECT id FROM inmate WHERE cpr = :cpr)) AND event_id > :after"
                            + " ORDER BY event_id LIMIT :limit)"
                            + " UNION (SELECT id, recorded FROM audit_event WHERE cpr_hmac = :cprHmac AND id > :after"
                            + " ORDER BY id LIMIT :limit) ORDER BY id LIMIT :limit",
                    after, limit, Map.of("cprHmac", cprHash(c.cpr()), "cpr", c.cpr().replaceAll("[^0-9]", "")));
        };
        UUID subject = query instanceof Query.OfPerson p ? p.inmateId()
                : query instanceof Query.OfResource r && r.type() == ResourceType.Inmate ? r.id() : null;
        durably(event(caller, ResourceType.AuditEvent, query instanceof Query.OfResource r ? r.id() : null,
                AuditAction.SEARCH, AuditOutcome.SUCCESS, subjects(subject),
                query instanceof Query.OfCpr c ? cprHash(c.cpr()) : null));
        return found;
    }

    /**
     * Issue 17: the person's reading log, every access that touched the person, oldest first. For
     * auditors ({@code AuditEvent.s}), and for prison staff of the person's institution
     * ({@code Inmate.r}) to hand to the person; anyone else gets exactly the answer for a person that
     * does not exist. Reading it is recorded too, naming the person.
     */
    public List<AuditEvent> readingLog(Caller asked, UUID inmateId, long after, int limit) {
        // Prison staff read it to hand to the person: the access is for the person's right of access.
        Caller caller = asked.orgType() == OrgType.PRISON ? asked.withPurpose(Purpose.SUBJECT_ACCESS) : asked;
        boolean auditor = caller.orgType() == OrgType.AUDITOR;
        if (auditor) {
            AuditAccessPolicy.requireAuditor(caller);
        } else {
            caller.require(ResourceType.Inmate, Interaction.READ);
            boolean visible = caller.orgType() == OrgType.PRISON && people.visible(caller, inmateId);
            if (!visible) {
                record(caller, ResourceType.AuditEvent, null, AuditAction.READ, AuditOutcome.NOT_FOUND, inmateId);
                throw new NotFoundException("No inmate with this id.");
            }
        }
        // Issue 26: an access for a compartment's work (R15) is listed only to those the compartment admits.
        List<AuditEvent> found = select(ABOUT_PERSON, after, limit,
                Map.of("inmate", inmateId, "hiddenPurposes", Compartment.auditPurposesHiddenFrom(caller)));
        durably(event(caller, ResourceType.AuditEvent, null, AuditAction.READ, AuditOutcome.SUCCESS, subjects(inmateId), null));
        return found;
    }

    /**
     * The keys of a page of records about one person ({@code :inmate}), oldest first, without the purposes
     * hidden from the caller ({@code :hiddenPurposes}, issue 26). V37's audit_subject lists every person a
     * record names, ordered by record within each month: the page is a merge of the months' index scans
     * that stops after {@code :limit} rows, however many records name the person (a GIN index on
     * {@code subjects} found them unordered, and a page sorted all of them: 2 s for a person on a busy
     * search page, issue 28 §4).
     */
    static final String ABOUT_PERSON = "SELECT event_id AS id, recorded FROM audit_subject"
            + " WHERE subject = :inmate AND event_id > :after AND " + Compartment.auditPurposeNotHidden("purpose")
            + " ORDER BY event_id LIMIT :limit";

    /**
     * One page: {@code keys} selects the page's (id, recorded) in id order, after {@code :after}, at most
     * {@code :limit}; the records are then fetched by their whole key, each from its own month's partition.
     * The keys are a materialized CTE so that the plan of the key query stays the ordered, limited scan
     * whatever plan the prepared statement gets (the JDBC driver prepares on the server after five runs).
     */
    private List<AuditEvent> select(String keys, long after, int limit, Map<String, Object> values) {
        return transactions.executeRead(status -> sql.run(h -> h.createQuery(pageSql(keys))
                .bindMap(values).bind("after", after).bind("limit", limit)
                .map((rs, ctx) -> read(rs)).list()));
    }

    static String pageSql(String keys) {
        return "WITH page AS MATERIALIZED (" + keys + ")"
                + " SELECT " + PAGE_COLUMNS + " FROM page JOIN audit_event e ON e.id = page.id AND e.recorded = page.recorded"
                + " ORDER BY e.id";
    }

    private static AuditEvent read(ResultSet rs) throws SQLException {
        java.sql.Array subjects = rs.getArray("subjects");
        List<UUID> people = subjects == null ? List.of() : Arrays.stream((Object[]) subjects.getArray())
                .map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("recorded").toInstant(), rs.getString("actor_sub"),
                rs.getString("actor_org_type"), rs.getString("actor_org_id"), rs.getString("actor_client_id"),
                rs.getString("resource_type"), rs.getObject("resource_id", UUID.class), rs.getString("action"),
                rs.getString("outcome"), people, rs.getString("cpr_hmac"), rs.getString("purpose"));
    }

    private static List<UUID> subjects(@Nullable UUID subject) {
        return subject == null ? List.of() : List.of(subject);
    }

    private AuditEvent event(Caller caller, ResourceType type, @Nullable UUID resourceId, AuditAction action,
                                    AuditOutcome outcome, List<UUID> subjects, @Nullable String cprHmac) {
        return new AuditEvent(null, clock.instant(), caller.sub(), caller.orgType().claim(), caller.orgId(),
                caller.clientId(), type.name(), resourceId, action.code(), outcome.code(), subjects, cprHmac,
                caller.purpose().code());
    }
}
