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
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * R15: gang-exit cases. Every read and write goes through the exit-unit scope
 * ({@link GangExitAccessPolicy}); a caller outside it gets exactly the answer for a person without a
 * case (404, or an empty list), and the attempt is audited like any other.
 */
@Singleton
@io.micronaut.data.connection.annotation.Connectable // plain SQL; the pipeline opens no transaction for a read
public class GangExitService {

    private static final String NOT_FOUND = "No gang-exit case for this person.";

    public record Note(Instant writtenAt, String orgType, String orgId, String text) {
    }

    public record Case(UUID inmateId, String name, boolean active, String institution, String municipality,
                       @Nullable String policeDistrict, long version, Instant lastUpdated, List<Note> notes) {
    }

    private final JdbcOperations jdbc;
    private final UseCases useCases;
    private final Clock clock;

    GangExitService(JdbcOperations jdbc, UseCases useCases, Clock clock) {
        this.jdbc = jdbc;
        this.useCases = useCases;
        this.clock = clock;
    }

    private static final String SELECT = """
            SELECT g.inmate_id, i.name, g.active, i.current_institution, i.acting_municipality, g.police_district, g.version,
                   g.last_updated
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
            List<Case> versions = new ArrayList<>(jdbc.prepareStatement(SELECT.replace("FROM gang_exit_case g",
                    "FROM " + Versions.of("gang_exit_case", "g")) + " true ORDER BY g.version DESC", ps -> {
                Versions.bind(ps, 1, inmateId, from, limit + 2);
                return cases(ps);
            }));
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
                 AND (g.active < ? OR (g.active = ? AND (g.last_updated < ?
                      OR (g.last_updated = ? AND g.inmate_id > ?))))""";
        Slice<Case> cases = Slice.of(jdbc.prepareStatement(SELECT + " " + scope.get().condition() + " AND "
                + InmateVisibility.RESTRICTED_ONLY_WITH_ROLE + keyset
                + " ORDER BY g.active DESC, g.last_updated DESC, g.inmate_id LIMIT ?", ps -> {
            int i = 1;
            ps.setString(i++, scope.get().orgId());
            ps.setBoolean(i++, scope.get().restrictedAccess());
            if (after != null) {
                ps.setBoolean(i++, after.active());
                ps.setBoolean(i++, after.active());
                ps.setTimestamp(i++, java.sql.Timestamp.from(after.lastUpdated()));
                ps.setTimestamp(i++, java.sql.Timestamp.from(after.lastUpdated()));
                ps.setObject(i++, after.inmateId());
            }
            ps.setInt(i, limit + 1);
            return cases(ps);
        }), limit);
        return cases;
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
            jdbc.prepareStatement("""
                    INSERT INTO gang_exit_case (inmate_id, version, last_updated, active, police_district, updated_by_sub,
                                                updated_by_org_type, updated_by_org_id) VALUES (?, 1, ?, ?, ?, ?, ?, ?)""", ps -> {
                ps.setObject(1, inmateId);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setBoolean(3, active);
                ps.setString(4, policeDistrict);
                ps.setString(5, caller.sub());
                ps.setString(6, caller.orgType().claim());
                ps.setString(7, caller.orgId());
                return ps.executeUpdate();
            });
            facts.recordedAs(AuditAction.CREATE);
        } else {
            long expected = Preconditions.requireCurrentVersion(ifMatch, existing.get().version(), "the gang-exit case");
            int updated = jdbc.prepareStatement("""
                    UPDATE gang_exit_case SET version = version + 1, last_updated = ?, active = ?, police_district = ?,
                           updated_by_sub = ?, updated_by_org_type = ?, updated_by_org_id = ?
                     WHERE inmate_id = ? AND version = ?""", ps -> {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setBoolean(2, active);
                ps.setString(3, policeDistrict);
                ps.setString(4, caller.sub());
                ps.setString(5, caller.orgType().claim());
                ps.setString(6, caller.orgId());
                ps.setObject(7, inmateId);
                ps.setLong(8, expected);
                return ps.executeUpdate();
            });
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
        jdbc.prepareStatement("""
                INSERT INTO gang_exit_note (inmate_id, written_at, written_by_sub, written_by_org_type, written_by_org_id, text)
                VALUES (?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, inmateId);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setString(3, caller.sub());
            ps.setString(4, caller.orgType().claim());
            ps.setString(5, caller.orgId());
            ps.setString(6, text);
            return ps.executeUpdate();
        });
        return load(inmateId);
        });
    }

    private Optional<Case> find(Caller caller, UUID inmateId) {
        return GangExitAccessPolicy.scope(caller).flatMap(scope -> jdbc.prepareStatement(SELECT + " g.inmate_id = ? AND "
                + scope.condition() + " AND " + InmateVisibility.RESTRICTED_ONLY_WITH_ROLE, ps -> {
            ps.setObject(1, inmateId);
            ps.setString(2, scope.orgId());
            ps.setBoolean(3, scope.restrictedAccess());
            return cases(ps).stream().findFirst();
        }));
    }

    private boolean mayOpen(Caller caller, UUID inmateId) {
        return GangExitAccessPolicy.openingCondition(caller).map(condition -> jdbc.prepareStatement(
                "SELECT 1 FROM inmate i WHERE i.id = ? AND " + condition + " AND " + InmateVisibility.RESTRICTED_ONLY_WITH_ROLE, ps -> {
                    ps.setObject(1, inmateId);
                    ps.setString(2, caller.orgId());
                    ps.setBoolean(3, dk.overgang.access.InmateAccessPolicy.restrictedAccess(caller));
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                })).orElse(false);
    }

    private boolean caseExists(UUID inmateId) {
        return jdbc.prepareStatement("SELECT 1 FROM gang_exit_case WHERE inmate_id = ?", ps -> {
            ps.setObject(1, inmateId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private Case load(UUID inmateId) {
        return jdbc.prepareStatement(SELECT + " g.inmate_id = ?", ps -> {
            ps.setObject(1, inmateId);
            return cases(ps).getFirst();
        });
    }

    private List<Case> cases(PreparedStatement ps) throws SQLException {
        List<Case> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new Case(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getTimestamp(8).toInstant(), List.of()));
            }
        }
        if (found.isEmpty()) {
            return found;
        }
        Map<UUID, List<Note>> notes = notes(found.stream().map(Case::inmateId).toArray(UUID[]::new));
        return found.stream().map(c -> new Case(c.inmateId(), c.name(), c.active(), c.institution(), c.municipality(),
                c.policeDistrict(), c.version(), c.lastUpdated(), notes.getOrDefault(c.inmateId(), List.of()))).toList();
    }

    /** The notes of the given cases, oldest first, in one query. */
    private Map<UUID, List<Note>> notes(UUID[] inmateIds) {
        return jdbc.prepareStatement("""
                SELECT inmate_id, written_at, written_by_org_type, written_by_org_id, text FROM gang_exit_note
                 WHERE inmate_id = ANY (?) ORDER BY inmate_id, id""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", inmateIds));
            Map<UUID, List<Note>> notes = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    notes.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>()).add(new Note(
                            rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return notes;
        });
    }
}
