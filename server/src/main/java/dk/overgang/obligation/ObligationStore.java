package dk.overgang.obligation;

import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.InmateVisibility;
import dk.overgang.access.ObligationAccessPolicy;
import dk.overgang.rules.InmateFacts;
import dk.overgang.rules.Obligation;
import dk.overgang.rules.ObligationKind;
import dk.overgang.rules.RiskLevel;
import dk.overgang.database.Sql;
import io.micronaut.data.connection.annotation.Connectable;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for obligations. Hand-written SQL ({@link Sql}) rather than Micronaut Data repositories: the facts query joins
 * inmate, latest action plan and fulfilments with LATERAL, and the worklist is a keyset scan over
 * partial indexes; neither is expressible as derived queries, and both are hot paths.
 */
@Singleton
@Connectable // one connection per call: the caller's transaction's, or one borrowed for it
class ObligationStore {

    static final String NOTICE = ObligationKind.ACTING_MUNICIPALITY_CHANGED.code();

    private final Sql sql;

    ObligationStore(Sql sql) {
        this.sql = sql;
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
                   p.housing_renewal_base, coalesce(p.mentor_special_need, false) AS mentor_special_need,
                   coalesce(p.mentor_motivated, false) AS mentor_motivated,
                   coalesce(p.mentor_exit_or_extremism, false) AS mentor_exit_or_extremism,
                   rc.since AS radicalisation_concern_since, a.risk_level, a.assessed_on, i.parole_refused,
                   sv.probation_office,
                   (SELECT min(rm.called_on) FROM release_meeting rm WHERE rm.inmate_id = i.id AND rm.status <> 'cancelled')
                       AS release_meeting_called_on,
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
        return sql.run(h -> h.createQuery(FACTS + " WHERE i.id = :inmate AND " + InmateVisibility.NAMED)
                .bind("inmate", inmateId).bindMap(InmateVisibility.params(scope))
                .map(CASE).findOne());
    }

    /** A row of {@link #FACTS}, by column name. */
    static final RowMapper<Case> CASE = (rs, ctx) -> caseOf(rs);

    private static Case caseOf(ResultSet rs) throws SQLException {
        String status = rs.getString("custody_status");
        LocalDate housing = rs.getObject("housing_renewal_base", LocalDate.class);
        String risk = rs.getString("risk_level");
        var facts = new InmateFacts("sentenced".equals(status), rs.getBoolean("expelled_by_judgment"),
                rs.getObject("sentence_start", LocalDate.class), (Integer) rs.getObject("sentence_length_days"),
                rs.getObject("expected_parole_date", LocalDate.class), rs.getObject("expected_release_date", LocalDate.class),
                risk == null ? null : RiskLevel.valueOf(risk.toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                rs.getBoolean("mentor_special_need"), rs.getBoolean("mentor_motivated"),
                rs.getBoolean("mentor_exit_or_extremism"), rs.getObject("radicalisation_concern_since", LocalDate.class),
                housing == null ? List.of() : List.of(housing), "released".equals(status), rs.getBoolean("parole_refused"),
                rs.getObject("released_on", LocalDate.class));
        Map<ObligationKind, LocalDate> outcomes = new EnumMap<>(ObligationKind.class);
        for (var checkpoint : Map.of(ObligationKind.OUTCOME_3_MONTHS, "o3", ObligationKind.OUTCOME_6_MONTHS, "o6",
                ObligationKind.OUTCOME_12_MONTHS, "o12").entrySet()) {
            LocalDate recorded = rs.getObject(checkpoint.getValue(), LocalDate.class);
            if (recorded != null) {
                outcomes.put(checkpoint.getKey(), recorded);
            }
        }
        return new Case(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("current_institution"),
                rs.getString("acting_municipality"), facts, rs.getObject("assessed_on", LocalDate.class),
                rs.getString("probation_office"), rs.getObject("release_meeting_called_on", LocalDate.class), outcomes);
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
        Map<ObligationKind, LocalDate> done = new EnumMap<>(ObligationKind.class);
        sql.use(h -> h.createQuery("""
                        SELECT DISTINCT ON (kind) kind, done_on FROM obligation_fulfilment
                         WHERE inmate_id = :inmate ORDER BY kind, id DESC""")
                .bind("inmate", inmateId)
                .map((rs, ctx) -> Map.entry(ObligationKind.fromCode(rs.getString("kind")), rs.getObject("done_on", LocalDate.class)))
                .forEach(e -> done.put(e.getKey(), e.getValue())));
        return done;
    }

    /**
     * Replaces the computed obligations of one inmate and the invitations to its coming release
     * meetings (R20 notices and handover follow-ups stay). Everything left follows the inmate's
     * current institution, so after a transfer the old institution's worklist no longer shows the
     * person and the new one's does.
     */
    void replace(Case c, List<Obligation> obligations, Map<ObligationKind, LocalDate> done, LocalDate today) {
        sql.use(h -> {
            h.createUpdate("""
                    DELETE FROM obligation WHERE inmate_id = :inmate
                       AND kind NOT IN ('acting-municipality-changed', 'handover-acknowledgement')""")
                    .bind("inmate", c.inmateId()).execute();
            insert(c, obligations, done);
            ReleaseMeetingInvitations.insert(h, c.inmateId(), today);
            h.createUpdate("""
                    UPDATE obligation SET institution = :institution WHERE inmate_id = :inmate AND institution <> :institution
                       AND kind IN ('acting-municipality-changed', 'handover-acknowledgement')""")
                    .bind("institution", c.institution()).bind("inmate", c.inmateId()).execute();
        });
    }

    /** The first obligations of a just-registered inmate: nothing to replace, no fulfilments, no notices. */
    void insert(Case c, List<Obligation> obligations, Map<ObligationKind, LocalDate> done) {
        sql.use(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, done_on,
                                            reason)
                    VALUES (:inmate, :kind, :responsible, :institution, :municipality, :due, :done, :reason)""");
            for (Obligation o : obligations) {
                if (o.dueDate() == null) {
                    continue;
                }
                batch.bind("inmate", c.inmateId()).bind("kind", o.kind().code()).bind("responsible", o.kind().responsible().code())
                        .bind("institution", c.institution()).bind("municipality", c.municipality()).bind("due", o.dueDate())
                        .bindByType("done", done.get(o.kind()), LocalDate.class).bind("reason", o.reason())
                        .add();
            }
            if (batch.size() > 0) {
                batch.execute();
            }
        });
    }

    /** R20: a notice on a municipality's worklist that the acting municipality changed. */
    void notice(UUID inmateId, String institution, String municipality, LocalDate on, String reason) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, reason)
                VALUES (:inmate, :kind, 'municipality', :institution, :municipality, :on, :reason)""")
                .bind("inmate", inmateId).bind("kind", NOTICE).bind("institution", institution)
                .bind("municipality", municipality).bind("on", on).bind("reason", reason)
                .execute());
    }

    /** R16: sets (or with null, clears) the radicalisation concern of an inmate. */
    void setRadicalisationConcern(UUID inmateId, LocalDate since, Caller caller) {
        if (since == null) {
            sql.use(h -> h.createUpdate("DELETE FROM radicalisation_concern WHERE inmate_id = :inmate")
                    .bind("inmate", inmateId).execute());
            return;
        }
        sql.use(h -> h.createUpdate("""
                INSERT INTO radicalisation_concern (inmate_id, since, recorded_by_sub, org_id) VALUES (:inmate, :since, :sub, :orgId)
                ON CONFLICT (inmate_id) DO UPDATE SET since = excluded.since, recorded = clock_timestamp(),
                    recorded_by_sub = excluded.recorded_by_sub, org_id = excluded.org_id""")
                .bind("inmate", inmateId).bind("since", since).bind("sub", caller.sub()).bind("orgId", caller.orgId())
                .execute());
    }

    /** A sent handover to acknowledge by {@code due}; replaces any earlier one of the inmate. */
    void expectAcknowledgement(UUID inmateId, String institution, String municipality, LocalDate due, String reason) {
        sql.use(h -> {
            h.createUpdate("DELETE FROM obligation WHERE inmate_id = :inmate AND kind = 'handover-acknowledgement'")
                    .bind("inmate", inmateId).execute();
            h.createUpdate("""
                    INSERT INTO obligation (inmate_id, kind, responsible, institution, acting_municipality, due_date, reason)
                    VALUES (:inmate, 'handover-acknowledgement', 'prison', :institution, :municipality, :due, :reason)""")
                    .bind("inmate", inmateId).bind("institution", institution).bind("municipality", municipality)
                    .bind("due", due).bind("reason", reason)
                    .execute();
        });
    }

    void acknowledged(UUID inmateId, LocalDate on) {
        sql.use(h -> h.createUpdate("UPDATE obligation SET done_on = :on WHERE inmate_id = :inmate"
                        + " AND kind = 'handover-acknowledgement'")
                .bind("on", on).bind("inmate", inmateId).execute());
    }

    void recordFulfilment(UUID inmateId, ObligationKind kind, LocalDate doneOn, String note, Caller caller) {
        sql.use(h -> h.createUpdate("""
                INSERT INTO obligation_fulfilment (inmate_id, kind, done_on, note, recorded_by_sub, org_type, org_id)
                VALUES (:inmate, :kind, :doneOn, :note, :sub, :orgType, :orgId)""")
                .bind("inmate", inmateId).bind("kind", kind.code()).bind("doneOn", doneOn).bind("note", note)
                .bind("sub", caller.sub()).bind("orgType", caller.orgType().claim()).bind("orgId", caller.orgId())
                .execute());
    }

    /** One stored obligation on a worklist, with the inmate's name (and the meeting, for an invitation). */
    record WorklistRow(long id, UUID inmateId, String inmateName, ObligationKind kind, LocalDate dueDate, String reason,
                       UUID releaseMeetingId) {
    }

    /** Whose obligations a worklist holds: each matches one partial index (the predicates are repeated literally). */
    enum WorklistKind {
        /** A municipality's own obligations (R13) and R20 notices. */
        MUNICIPALITY("o.responsible = 'municipality' AND o.acting_municipality = :org"),
        /** An institution's prison-service obligations; R16 only for the security unit. */
        INSTITUTION("o.responsible IN ('prison', 'prison-security-unit') AND o.institution = :org");

        private final String predicate;

        WorklistKind(String predicate) {
            this.predicate = predicate;
        }
    }

    /** Issue 17: a restricted person's obligations only for the restricted-access role ({@code :restrictedAccess}). */
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

                    AND (:securityUnit OR o.responsible <> 'prison-security-unit')
                    AND o.due_date <= :to
                    AND (CAST(:from AS date) IS NULL OR o.due_date >= :from)
                    AND (o.kind <> 'acting-municipality-changed' OR o.due_date >= :noticesSince)
                    AND (o.due_date, o.id) > (:afterDate, :afterId)
                    AND """ + VISIBLE_PERSON + """

                  ORDER BY o.due_date, o.id
                  LIMIT :limit)
                UNION ALL
                """;
        return sql.run(h -> {
            Query query = h.createQuery("""
                            SELECT w.id, w.inmate_id, i.name AS inmate_name, w.kind, w.due_date, w.reason, w.release_meeting_id
                              FROM (
                            """ + own + """
                            (SELECT o.id, o.inmate_id, o.kind, o.due_date, o.reason, o.release_meeting_id FROM obligation o
                              WHERE o.done_on IS NULL AND o.responsible = 'invitee' AND o.invitee = :invitee
                                AND o.due_date <= :to AND o.due_date >= :invitationsFrom
                                AND (o.due_date, o.id) > (:afterDate, :afterId)
                                AND """ + VISIBLE_PERSON + """

                              ORDER BY o.due_date, o.id
                              LIMIT :limit)
                            ) w JOIN inmate i ON i.id = w.inmate_id
                             ORDER BY w.due_date, w.id
                             LIMIT :limit""")
                    .bind("invitee", scope.invitee()).bind("to", to)
                    .bind("invitationsFrom", from == null || from.isBefore(today) ? today : from)
                    .bind("afterDate", afterDate).bind("afterId", afterId)
                    .bind("restrictedAccess", scope.restrictedAccess()).bind("limit", limit);
            if (kind != null) {
                query.bind("org", scope.orgId()).bind("securityUnit", scope.securityUnit())
                        .bindByType("from", from, LocalDate.class).bind("noticesSince", noticesSince);
            }
            return query.map(WORKLIST).list();
        });
    }

    private static final RowMapper<WorklistRow> WORKLIST = (rs, ctx) -> new WorklistRow(rs.getLong("id"),
            rs.getObject("inmate_id", UUID.class), rs.getString("inmate_name"), ObligationKind.fromCode(rs.getString("kind")),
            rs.getObject("due_date", LocalDate.class), rs.getString("reason"), rs.getObject("release_meeting_id", UUID.class));
}
