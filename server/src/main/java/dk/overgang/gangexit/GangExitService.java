package dk.overgang.gangexit;

import dk.overgang.shared.Versions;
import dk.overgang.shared.Slice;
import dk.overgang.access.Caller;
import dk.overgang.access.GangExitAccessPolicy;
import dk.overgang.access.InmateVisibility;
import dk.overgang.access.Purpose;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Facts;
import dk.overgang.pipeline.UseCases;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import dk.overgang.database.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * R15: gang-exit cases. Every read and write goes through the exit-unit scope
 * ({@link GangExitAccessPolicy}); a caller outside it gets exactly the answer for a person without a
 * case (404, or an empty list), and the attempt is audited like any other.
 */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
public class GangExitService {

    private static final String NOT_FOUND = "No gang-exit case for this person.";

    public record Note(Instant writtenAt, String orgType, String orgId, String text) {
    }

    public record Case(UUID inmateId, String name, boolean active, String institution, String municipality,
                       @Nullable String policeDistrict, long version, Instant lastUpdated, List<Note> notes) {
    }

    private final Sql sql;
    private final UseCases useCases;
    private final Clock clock;

    GangExitService(Sql sql, UseCases useCases, Clock clock) {
        this.sql = sql;
        this.useCases = useCases;
        this.clock = clock;
    }

    private static final String SELECT = """
            SELECT g.inmate_id, i.name, g.active, i.current_institution AS institution, i.acting_municipality AS municipality,
                   g.police_district, g.version, g.last_updated
              FROM gang_exit_case g JOIN inmate i ON i.id = g.inmate_id
             WHERE""";

    public Case read(Caller asked, UUID inmateId) {
        Caller caller = asked.withPurpose(Purpose.GANG_EXIT); // R15: recorded as the exit programme's
        return useCases.read(caller, ResourceType.Inmate, AuditAction.READ, inmateId,
                facts -> find(caller, inmateId).orElseThrow(() -> new NotFoundException(NOT_FOUND)));
    }

    /**
     * One page of the case's versions, newest first, below version {@code before}, for those who may read
     * the case (R15). Notes are not versioned: each version carries the notes as they stood while it was
     * current (those written before the next version; every note for the newest).
     */
    public Slice<Case> history(Caller asked, UUID inmateId, long before, int limit) {
        Caller caller = asked.withPurpose(Purpose.GANG_EXIT); // R15: recorded as the exit programme's
        return useCases.read(caller, ResourceType.Inmate, AuditAction.HISTORY, inmateId, facts -> {
            Case current = find(caller, inmateId).orElseThrow(() -> new NotFoundException(NOT_FOUND));
            // One version more above the page: the one after the page's first, which bounds its notes.
            long from = before == Versions.NEWEST ? before : before + 1;
            List<Case> versions = new ArrayList<>(sql.run(h -> cases(h, h.createQuery(SELECT.replace("FROM gang_exit_case g",
                            "FROM " + Versions.of("gang_exit_case", "g")) + " true ORDER BY g.version DESC")
                    .bindMap(Versions.params(inmateId, from, limit + 2)))));
            Instant next = null;
            if (!versions.isEmpty() && versions.getFirst().version() >= before) {
                next = versions.removeFirst().lastUpdated();
            }
            List<Case> page = new ArrayList<>();
            for (Case v : versions) {
                Instant bound = v.version() == current.version() ? null : next;
                page.add(new Case(v.inmateId(), v.name(), v.active(), v.institution(), v.municipality(), v.policeDistrict(),
                        v.version(), v.lastUpdated(), current.notes().stream()
                        .filter(n -> bound == null || n.writtenAt().isBefore(bound)).toList()));
                next = v.lastUpdated();
            }
            return Slice.of(page, limit);
        });
    }

    /** Where a page of cases starts: after this case in the list's order (active first, latest change first). */
    public record After(boolean active, Instant lastUpdated, UUID inmateId) {
    }

    /** One page of the exit unit's cases, after the case {@code after} (null: from the first). */
    public Slice<Case> list(Caller asked, @Nullable After after, int limit) {
        Caller caller = asked.withPurpose(Purpose.GANG_EXIT); // R15: recorded as the exit programme's
        return useCases.read(caller, ResourceType.Inmate, AuditAction.SEARCH, null, facts -> {
            Slice<Case> cases = page(caller, after, limit);
            List<UUID> people = cases.items().stream().map(Case::inmateId).toList();
            facts.disclosed(people, people);
            return cases;
        });
    }

    private Slice<Case> page(Caller caller, @Nullable After after, int limit) {
        Optional<GangExitAccessPolicy.Scope> scope = GangExitAccessPolicy.scope(caller);
        if (scope.isEmpty()) {
            return new Slice<>(List.of(), false);
        }
        // Keyset on the list's order: active (true first), then the latest change, then the person's id.
        String keyset = after == null ? "" : """
                 AND (g.active < :afterActive OR (g.active = :afterActive AND (g.last_updated < :afterUpdated
                      OR (g.last_updated = :afterUpdated AND g.inmate_id > :afterInmate))))""";
        return Slice.of(sql.run(h -> {
            Query query = h.createQuery(SELECT + " " + scope.get().condition() + " AND "
                            + InmateVisibility.RESTRICTED_ONLY_WITH_ROLE + keyset
                            + " ORDER BY g.active DESC, g.last_updated DESC, g.inmate_id LIMIT :limit")
                    .bind("exitUnit", scope.get().orgId()).bind("restrictedAccess", scope.get().restrictedAccess())
                    .bind("limit", limit + 1);
            if (after != null) {
                query.bind("afterActive", after.active()).bind("afterUpdated", after.lastUpdated())
                        .bind("afterInmate", after.inmateId());
            }
            return cases(h, query);
        }), limit);
    }

    /**
     * Opens (no If-Match: only when there is no case) or changes (If-Match) the case. The exit unit of
     * the institution or acting municipality opens; any member of the case's exit unit changes it.
     */
    public Case record(Caller asked, UUID inmateId, Optional<Long> ifMatch, boolean active, @Nullable String policeDistrict) {
        Caller caller = asked.withPurpose(Purpose.GANG_EXIT); // R15: recorded as the exit programme's
        return useCases.write(caller, ResourceType.Inmate, AuditAction.UPDATE, inmateId,
                facts -> record(caller, inmateId, ifMatch, active, policeDistrict, facts));
    }

    private Case record(Caller caller, UUID inmateId, Optional<Long> ifMatch, boolean active, @Nullable String policeDistrict,
                        Facts facts) {
        Optional<Case> existing = find(caller, inmateId);
        Instant now = clock.instant();
        if (existing.isEmpty()) {
            if (!mayOpen(caller, inmateId) || caseExists(inmateId)) {
                throw new NotFoundException(NOT_FOUND);
            }
            if (ifMatch.isPresent()) {
                throw new dk.overgang.shared.PreconditionFailedException("There is no gang-exit case yet; open it without If-Match.");
            }
            sql.use(h -> h.createUpdate("""
                    INSERT INTO gang_exit_case (inmate_id, version, last_updated, active, police_district, updated_by_sub,
                                                updated_by_org_type, updated_by_org_id)
                    VALUES (:inmate, 1, :now, :active, :policeDistrict, :sub, :orgType, :orgId)""")
                    .bind("inmate", inmateId).bind("now", now).bind("active", active).bind("policeDistrict", policeDistrict)
                    .bind("sub", caller.sub()).bind("orgType", caller.orgType().claim()).bind("orgId", caller.orgId())
                    .execute());
            facts.recordedAs(AuditAction.CREATE);
        } else {
            long expected = Preconditions.requireCurrentVersion(ifMatch, existing.get().version(), "the gang-exit case");
            int updated = sql.run(h -> h.createUpdate("""
                            UPDATE gang_exit_case SET version = version + 1, last_updated = :now, active = :active,
                                   police_district = :policeDistrict, updated_by_sub = :sub, updated_by_org_type = :orgType,
                                   updated_by_org_id = :orgId
                             WHERE inmate_id = :inmate AND version = :expected""")
                    .bind("now", now).bind("active", active).bind("policeDistrict", policeDistrict).bind("sub", caller.sub())
                    .bind("orgType", caller.orgType().claim()).bind("orgId", caller.orgId()).bind("inmate", inmateId)
                    .bind("expected", expected)
                    .execute());
            if (updated != 1) {
                throw Preconditions.concurrentChange("the gang-exit case");
            }
        }
        return load(inmateId);
    }

    /** Appends a note for any member of the case's exit unit. */
    public Case addNote(Caller asked, UUID inmateId, String text) {
        Caller caller = asked.withPurpose(Purpose.GANG_EXIT); // R15: recorded as the exit programme's
        return useCases.write(caller, ResourceType.Inmate, AuditAction.UPDATE, inmateId, facts -> {
        if (find(caller, inmateId).isEmpty()) {
            throw new NotFoundException(NOT_FOUND);
        }
        sql.use(h -> h.createUpdate("""
                INSERT INTO gang_exit_note (inmate_id, written_at, written_by_sub, written_by_org_type, written_by_org_id, text)
                VALUES (:inmate, :at, :sub, :orgType, :orgId, :text)""")
                .bind("inmate", inmateId).bind("at", clock.instant()).bind("sub", caller.sub())
                .bind("orgType", caller.orgType().claim()).bind("orgId", caller.orgId()).bind("text", text)
                .execute());
        return load(inmateId);
        });
    }

    private Optional<Case> find(Caller caller, UUID inmateId) {
        return GangExitAccessPolicy.scope(caller).flatMap(scope -> sql.run(h -> cases(h, h.createQuery(SELECT
                        + " g.inmate_id = :inmate AND " + scope.condition() + " AND " + InmateVisibility.RESTRICTED_ONLY_WITH_ROLE)
                .bind("inmate", inmateId).bind("exitUnit", scope.orgId()).bind("restrictedAccess", scope.restrictedAccess())))
                .stream().findFirst());
    }

    private boolean mayOpen(Caller caller, UUID inmateId) {
        return GangExitAccessPolicy.openingCondition(caller).map(condition -> sql.run(h -> h.createQuery(
                        "SELECT 1 FROM inmate i WHERE i.id = :inmate AND " + condition + " AND " + InmateVisibility.RESTRICTED_ONLY_WITH_ROLE)
                .bind("inmate", inmateId).bind("exitUnit", caller.orgId())
                .bind("restrictedAccess", dk.overgang.access.InmateAccessPolicy.restrictedAccess(caller))
                .mapTo(Integer.class).findOne().isPresent())).orElse(false);
    }

    private boolean caseExists(UUID inmateId) {
        return sql.run(h -> h.createQuery("SELECT 1 FROM gang_exit_case WHERE inmate_id = :inmate")
                .bind("inmate", inmateId)
                .mapTo(Integer.class).findOne().isPresent());
    }

    private Case load(UUID inmateId) {
        return sql.run(h -> cases(h, h.createQuery(SELECT + " g.inmate_id = :inmate").bind("inmate", inmateId))).getFirst();
    }

    /** A case without its notes (they are read in a second query). */
    private static final RowMapper<Case> CASE = (rs, ctx) -> new Case(rs.getObject("inmate_id", UUID.class),
            rs.getString("name"), rs.getBoolean("active"), rs.getString("institution"), rs.getString("municipality"),
            rs.getString("police_district"), rs.getLong("version"), rs.getTimestamp("last_updated").toInstant(), List.of());

    /** The cases {@code query} selects, each with its notes (read in one more query). */
    private static List<Case> cases(Handle h, Query query) {
        List<Case> found = query.map(CASE).list();
        if (found.isEmpty()) {
            return found;
        }
        Map<UUID, List<Note>> notes = new HashMap<>();
        h.createQuery("""
                        SELECT inmate_id, written_at, written_by_org_type AS org_type, written_by_org_id AS org_id, text
                          FROM gang_exit_note WHERE inmate_id = ANY (:inmates) ORDER BY inmate_id, id""")
                .bindArray("inmates", UUID.class, found.stream().map(Case::inmateId).toList())
                .map((rs, ctx) -> Map.entry(rs.getObject("inmate_id", UUID.class), new Note(rs.getTimestamp("written_at")
                        .toInstant(), rs.getString("org_type"), rs.getString("org_id"), rs.getString("text"))))
                .forEach(e -> notes.computeIfAbsent(e.getKey(), id -> new ArrayList<>()).add(e.getValue()));
        return found.stream().map(c -> new Case(c.inmateId(), c.name(), c.active(), c.institution(), c.municipality(),
                c.policeDistrict(), c.version(), c.lastUpdated(), notes.getOrDefault(c.inmateId(), List.of()))).toList();
    }
}
