package dk.overgang.obligation;

import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import dk.overgang.access.ObligationAccessPolicy;
import dk.overgang.rules.InmateFacts;
import dk.overgang.rules.Obligation;
import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.RiskLevel;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for obligations. Plain JDBC rather than Micronaut Data repositories: the facts query joins
 * inmate, latest action plan and fulfilments with LATERAL, and the worklist is a keyset scan over
 * partial indexes; neither is expressible as derived queries, and both are hot paths.
 */
@Singleton
@Connectable // joins the caller's transaction, or borrows a connection for a read outside one
class ObligationStore {

    static final String NOTICE = ObligationKind.ACTING_MUNICIPALITY_CHANGED.code();

    private final JdbcOperations jdbc;

    ObligationStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One inmate's case as the rules see it, with what the worklists are scoped by, and the date of
     * its latest LS/RNR assessment (which fulfils R4).
     */
    record Case(UUID inmateId, String name, String institution, String municipality, InmateFacts facts,
                LocalDate assessedOn, String supervisingOffice, LocalDate releaseMeetingCalledOn,
                Map<ObligationKind, LocalDate> outcomesRecorded) {
    }

    static final String FACTS = """
            SELECT i.id, i.name, i.current_institution, i.acting_municipality, i.custody_status, i.expelled_by_judgment,
                   i.sentence_start, i.sentence_length_days, i.expected_parole_date, i.expected_release_date,
                   p.housing_renewal_base, coalesce(p.mentor_special_need, false), coalesce(p.mentor_motivated, false),
                   coalesce(p.mentor_exit_or_extremism, false), rc.since, a.risk_level, a.assessed_on, i.parole_refused,
                   sv.probation_office,
                   (SELECT min(rm.called_on) FROM release_meeting rm WHERE rm.inmate_id = i.id AND rm.status <> 'cancelled'),
                   rel.released_on, oc.o3, oc.o6, oc.o12
              FROM inmate i
              CROSS JOIN LATERAL (SELECT CASE WHEN i.custody_status = 'released'
                                         THEN coalesce(i.actual_release_date, i.expected_release_date) END AS released_on) rel
              LEFT JOIN LATERAL (SELECT min(o.recorded_on) FILTER (WHERE o.checkpoint_months = 3) AS o3,
                                        min(o.recorded_on) FILTER (WHERE o.checkpoint_months = 6) AS o6,
                                        min(o.recorded_on) FILTER (WHERE o.checkpoint_months = 12) AS o12
                                   FROM outcome o WHERE o.inmate_id = i.id AND o.released_on = rel.released_on) oc ON true
              LEFT JOIN LATERAL (SELECT * FROM action_plan ap WHERE ap.inmate_id = i.id
                                  ORDER BY ap.sentence_start DESC LIMIT 1) p ON true
              LEFT JOIN radicalisation_concern rc ON rc.inmate_id = i.id
              LEFT JOIN supervision sv ON sv.inmate_id = i.id AND sv.status <> 'ended'
              LEFT JOIN LATERAL (SELECT risk_level, assessed_on FROM lsrnr_assessment la WHERE la.inmate_id = i.id
                                  ORDER BY la.assessed_on DESC, la.last_updated DESC LIMIT 1) a ON true
            """;

    /** The case, if the scope covers it ({@link InmateScope#UNRESTRICTED} for the server's own derived work). */
    Optional<Case> load(UUID inmateId, InmateScope scope) {
        return jdbc.prepareStatement(FACTS + " WHERE i.id = ? AND " + InmateVisibility.POSITIONAL, ps -> {
            ps.setObject(1, inmateId);
            InmateVisibility.bind(ps, 2, scope);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(caseOf(rs)) : Optional.empty();
            }
        });
    }

    static Case caseOf(ResultSet rs) throws SQLException {
        String status = rs.getString(5);
        LocalDate housing = rs.getObject(11, LocalDate.class);
        String risk = rs.getString(16);
        var facts = new InmateFacts("sentenced".equals(status), rs.getBoolean(6), rs.getObject(7, LocalDate.class),
                (Integer) rs.getObject(8), rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class),
                risk == null ? null : RiskLevel.valueOf(risk.toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14), rs.getObject(15, LocalDate.class),
                housing == null ? List.of() : List.of(housing), "released".equals(status), rs.getBoolean(18),
                rs.getObject(21, LocalDate.class));
        Map<ObligationKind, LocalDate> outcomes = new EnumMap<>(ObligationKind.class);
        int column = 22;
        for (ObligationKind kind : List.of(ObligationKind.OUTCOME_3_MONTHS, ObligationKind.OUTCOME_6_MONTHS,
                ObligationKind.OUTCOME_12_MONTHS)) {
            LocalDate recorded = rs.getObject(column++, LocalDate.class);
            if (recorded != null) {
                outcomes.put(kind, recorded);
            }
        }
        return new Case(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), facts,
                rs.getObject(17, LocalDate.class), rs.getString(19), rs.getObject(20, LocalDate.class), outcomes);
    }

    /**
     * What fulfilled each obligation: recorded fulfilments, an LS/RNR assessment for R4, and a called
     * release meeting (not cancelled) for R10 on the day it was called.
     */
    Map<ObligationKind, LocalDate> fulfilments(Case c) {
        return withDerivedFulfilments(c, fulfilments(c.inmateId()));
    }

    /** Adds to {@code recorded} what the case itself fulfilled: R4 by an assessment, R10 by a called meeting. */
    static Map<ObligationKind, LocalDate> withDerivedFulfilments(Case c, Map<ObligationKind, LocalDate> recorded) {
        if (c.assessedOn() != null) {
            recorded.putIfAbsent(ObligationKind.LSRNR_ASSESSMENT, c.assessedOn());
        }
        if (c.releaseMeetingCalledOn() != null) {
            recorded.putIfAbsent(ObligationKind.RELEASE_MEETING, c.releaseMeetingCalledOn());
        }
        // G1: an outcome checkpoint is done by recording the outcome, and only so.
        recorded.keySet().removeIf(ObligationKind::isOutcome);
        recorded.putAll(c.outcomesRecorded());
        return recorded;
    }

    /** The latest recorded fulfilment of each obligation of one inmate. */
    Map<ObligationKind, LocalDate> fulfilments(UUID inmateId) {
        return jdbc.prepareStatement("""
                SELECT DISTINCT ON (kind) kind, done_on FROM obligation_fulfilment
                 WHERE inmate_id = ? ORDER BY kind, id DESC""", ps -> {
            ps.setObject(1, inmateId);
            Map<ObligationKind, LocalDate> done = new EnumMap<>(ObligationKind.class);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.put(ObligationKind.fromCode(rs.getString(1)), rs.getObject(2, LocalDate.class));
                }
            }
            return done;
        });
    }

    /**
     * Replaces the computed obligations of one inmate and the invitations to its coming release
     * meetings (R20 notices and handover follow-ups stay). Everything left follows the inmate's
     * current institution, so after a transfer the old institution's worklist no longer shows the
     * person and the new one's does.
     */
    void replace(Case c, List<Obligation> obligations, Map<ObligationKind, LocalDate> done, LocalDate today) {
        jdbc.prepareStatement("""
                DELETE FROM obligation WHERE inmate_id = ?
                   AND kind NOT IN ('acting-municipality-changed', 'handover-acknowledgement')""", ps -> {
            ps.setObject(1, c.inmateId());
            return ps.executeUpdate();
        });
        insert(c, obligations, done);
        jdbc.execute(connection -> ReleaseMeetingInvitations.insert(connection, c.inmateId(), today));
        jdbc.prepareStatement("""
                UPDATE obligation SET institution = ? WHERE inmate_id = ? AND institution <> ?
                   AND kind IN ('acting-municipality-changed', 'handover-acknowledgement')""", ps -> {
            ps.setString(1, c.institution());
            ps.setObject(2, c.inmateId());
            ps.setString(3, c.institution());
            return ps.executeUpdate();
        });
    }

    /** The first obligations of a just-registered inmate: nothing to replace, no fulfilments, no notices. */
    void insert(Case c, List<Obligation> obligations, Map<ObligationKind, LocalDate> done) {
        jdbc.prepareStatement("""
                INSERT INTO obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, done_on, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            for (Obligation o : obligations) {
                if (o.dueDate() == null) {
                    continue;
                }
                ps.setObject(1, c.inmateId());
                ps.setString(2, o.kind().code());
                ps.setString(3, o.kind().responsible().code());
                ps.setString(4, c.institution());
                ps.setString(5, c.municipality());
                ps.setObject(6, o.dueDate());
                ps.setObject(7, done.get(o.kind()));
                ps.setString(8, o.reason());
                ps.addBatch();
            }
            return ps.executeBatch().length;
        });
    }

    /** R20: a notice on a municipality's worklist that the acting municipality changed. */
    void notice(UUID inmateId, String institution, String municipality, LocalDate on, String reason) {
        jdbc.prepareStatement("""
                INSERT INTO obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, reason)
                VALUES (?, ?, 'municipality', ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, inmateId);
            ps.setString(2, NOTICE);
            ps.setString(3, institution);
            ps.setString(4, municipality);
            ps.setObject(5, on);
            ps.setString(6, reason);
            return ps.executeUpdate();
        });
    }

    /** R16: sets (or with null, clears) the radicalisation concern of an inmate. */
    void setRadicalisationConcern(UUID inmateId, LocalDate since, Caller caller) {
        if (since == null) {
            jdbc.prepareStatement("DELETE FROM radicalisation_concern WHERE inmate_id = ?", ps -> {
                ps.setObject(1, inmateId);
                return ps.executeUpdate();
            });
            return;
        }
        jdbc.prepareStatement("""
                INSERT INTO radicalisation_concern (inmate_id, since, recorded_by_sub, org_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (inmate_id) DO UPDATE SET since = excluded.since, recorded = clock_timestamp(),
                    recorded_by_sub = excluded.recorded_by_sub, org_id = excluded.org_id""", ps -> {
            ps.setObject(1, inmateId);
            ps.setObject(2, since);
            ps.setString(3, caller.sub());
            ps.setString(4, caller.orgId());
            return ps.executeUpdate();
        });
    }

    /** A sent handover to acknowledge by {@code due}; replaces any earlier one of the inmate. */
    void expectAcknowledgement(UUID inmateId, String institution, String municipality, LocalDate due, String reason) {
        jdbc.prepareStatement("DELETE FROM obligation WHERE inmate_id = ? AND kind = 'handover-acknowledgement'", ps -> {
            ps.setObject(1, inmateId);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("""
                INSERT INTO obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, reason)
                VALUES (?, 'handover-acknowledgement', 'prison', ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, inmateId);
            ps.setString(2, institution);
            ps.setString(3, municipality);
            ps.setObject(4, due);
            ps.setString(5, reason);
            return ps.executeUpdate();
        });
    }

    void acknowledged(UUID inmateId, LocalDate on) {
        jdbc.prepareStatement("UPDATE obligation SET done_on = ? WHERE inmate_id = ? AND kind = 'handover-acknowledgement'", ps -> {
            ps.setObject(1, on);
            ps.setObject(2, inmateId);
            return ps.executeUpdate();
        });
    }

    void recordFulfilment(UUID inmateId, ObligationKind kind, LocalDate doneOn, String note, Caller caller) {
        jdbc.prepareStatement("""
                INSERT INTO obligation_fulfilment (inmate_id, kind, done_on, note, recorded_by_sub, org_type, org_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, inmateId);
            ps.setString(2, kind.code());
            ps.setObject(3, doneOn);
            ps.setString(4, note);
            ps.setString(5, caller.sub());
            ps.setString(6, caller.orgType().claim());
            ps.setString(7, caller.orgId());
            return ps.executeUpdate();
        });
    }

    /** One stored obligation on a worklist, with the inmate's name (and the meeting, for an invitation). */
    record WorklistRow(long id, UUID inmateId, String inmateName, ObligationKind kind, LocalDate dueDate, String reason,
                       UUID releaseMeetingId) {
    }

    /** Whose obligations a worklist holds: each matches one partial index (the predicates are repeated literally). */
    enum WorklistKind {
        /** A municipality's own obligations (R13) and R20 notices. */
        MUNICIPALITY("o.responsible = 'municipality' AND o.acting_municipality = ?"),
        /** An institution's prison-service obligations; R16 only for the security unit. */
        INSTITUTION("o.responsible IN ('prison', 'prison-security-unit') AND o.institution = ?");

        private final String predicate;

        WorklistKind(String predicate) {
            this.predicate = predicate;
        }
    }

    /** Issue 17: a restricted person's obligations only for the restricted-access role (one parameter). */
    private static final String VISIBLE_PERSON = InmateVisibility.restrictedOnlyWithRole("o.inmate_id");

    /**
     * A page of a worklist: the organisation's own obligations and its invitations to coming release
     * meetings (from {@code today}), merged in keyset order (due date, id). Each branch is one range
     * scan of its own partial index. Whose rows they are is {@link ObligationAccessPolicy#worklistScope}.
     */
    List<WorklistRow> worklist(ObligationAccessPolicy.WorklistScope scope, LocalDate from, LocalDate to, LocalDate noticesSince, LocalDate today,
                               LocalDate afterDate, long afterId, int limit) {
        WorklistKind kind = scope.party() == null ? null : switch (scope.party()) {
            case MUNICIPALITY -> WorklistKind.MUNICIPALITY;
            case PRISON -> WorklistKind.INSTITUTION;
            case PRISON_SECURITY_UNIT, INVITEE -> throw new IllegalArgumentException("no worklist of its own: " + scope.party());
        };
        String own = kind == null ? "" : """
                (SELECT o.id, o.inmate_id, o.kind, o.due_date, o.reason, o.release_meeting_id FROM obligation o
                  WHERE o.done_on IS NULL
                    AND """ + " " + kind.predicate + """

                    AND (? OR o.responsible <> 'prison-security-unit')
                    AND o.due_date <= ?
                    AND (CAST(? AS date) IS NULL OR o.due_date >= ?)
                    AND (o.kind <> 'acting-municipality-changed' OR o.due_date >= ?)
                    AND (o.due_date, o.id) > (?, ?)
                    AND """ + VISIBLE_PERSON + """

                  ORDER BY o.due_date, o.id
                  LIMIT ?)
                UNION ALL
                """;
        return jdbc.prepareStatement("""
                SELECT w.id, w.inmate_id, i.name, w.kind, w.due_date, w.reason, w.release_meeting_id FROM (
                """ + own + """
                (SELECT o.id, o.inmate_id, o.kind, o.due_date, o.reason, o.release_meeting_id FROM obligation o
                  WHERE o.done_on IS NULL AND o.responsible = 'invitee' AND o.invitee = ?
                    AND o.due_date <= ? AND o.due_date >= ?
                    AND (o.due_date, o.id) > (?, ?)
                    AND """ + VISIBLE_PERSON + """

                  ORDER BY o.due_date, o.id
                  LIMIT ?)
                ) w JOIN inmate i ON i.id = w.inmate_id
                 ORDER BY w.due_date, w.id
                 LIMIT ?""", ps -> {
            int i = 1;
            if (kind != null) {
                ps.setString(i++, scope.orgId());
                ps.setBoolean(i++, scope.securityUnit());
                ps.setObject(i++, to);
                ps.setObject(i++, from);
                ps.setObject(i++, from);
                ps.setObject(i++, noticesSince);
                ps.setObject(i++, afterDate);
                ps.setLong(i++, afterId);
                ps.setBoolean(i++, scope.restrictedAccess());
                ps.setInt(i++, limit);
            }
            ps.setString(i++, scope.invitee());
            ps.setObject(i++, to);
            ps.setObject(i++, from == null || from.isBefore(today) ? today : from);
            ps.setObject(i++, afterDate);
            ps.setLong(i++, afterId);
            ps.setBoolean(i++, scope.restrictedAccess());
            ps.setInt(i++, limit);
            ps.setInt(i, limit);
            List<WorklistRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new WorklistRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            ObligationKind.fromCode(rs.getString(4)), rs.getObject(5, LocalDate.class), rs.getString(6),
                            rs.getObject(7, UUID.class)));
                }
            }
            return rows;
        });
    }
}
