package dk.overgang.privacy;

import dk.overgang.access.AuditAccessPolicy;
import dk.overgang.access.Caller;
import dk.overgang.access.VisiblePeople;
import dk.overgang.access.Compartment;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.Interaction;
import dk.overgang.access.OrgType;
import dk.overgang.access.Purpose;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.UseCases;
import dk.overgang.shared.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import dk.overgang.database.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Issue 17: the subject-access export (GDPR art. 15), everything Overgang holds about one person.
 * Each {@link Section} is one kind of record with the query that finds the person's rows (every
 * earlier version included) and the tables it covers; {@code SubjectAccessCoverageTest} fails when a
 * table that holds person data, or a resource type, is added without a section here (or a reason in
 * {@link #NOT_ABOUT_A_PERSON}). Rows are exported as stored ({@code to_jsonb}), so a new column is in
 * the export the day it is added. Shared records hold other people too: of a KSP list version and a
 * KSP proposal only the person's own entry is exported.
 */
@Singleton
public class SubjectAccessExport {

    /**
     * One kind of record: its stable key, Danish title, optional note, query (named parameter
     * {@code :inmate}: the inmate id). Issue 26: a section of a {@link Compartment} is exported only to a
     * caller the compartment admits, and a section with a {@code kindColumn} (obligations, events) leaves
     * out the rows whose obligation kind is in a compartment the caller is not admitted to (its query ends
     * in a condition with a second named parameter, {@code :hiddenKinds}).
     */
    public record Section(String key, String title, @Nullable String note, Set<String> tables, String sql,
                          @Nullable Compartment compartment, boolean filtersKinds) {

        Section(String key, String title, @Nullable String note, Set<String> tables, String sql) {
            this(key, title, note, tables, sql, null, false);
        }
    }

    private static Section of(String key, String title, String table) {
        return new Section(key, title, null, Set.of(table),
                "SELECT to_jsonb(t)::text FROM " + table + " t WHERE t.inmate_id = :inmate ORDER BY to_jsonb(t)::text");
    }

    /**
     * The stored versions of one kind of the person's records, oldest first per record (issue 26: every
     * versioned resource keeps its versions in {@code resource_version}, each as the row it was).
     */
    private static Section versions(String key, String title, String table) {
        return new Section(key, title, null, Set.of("resource_version"), "SELECT v.body::text FROM resource_version v"
                + " WHERE v.inmate_id = :inmate AND v.resource_type = '" + table + "' ORDER BY v.resource_id, v.version");
    }

    /** A section of obligations (column {@code kind}) or events ({@code obligation_kind}) of one person. */
    private static Section ofKinds(String key, String title, String table, String kindColumn) {
        return new Section(key, title, null, Set.of(table), "SELECT to_jsonb(t)::text FROM " + table + " t WHERE t.inmate_id = :inmate"
                + " AND (t." + kindColumn + " IS NULL OR NOT t." + kindColumn + " = ANY (CAST(:hiddenKinds AS text[]))) ORDER BY to_jsonb(t)::text",
                null, true);
    }

    /** Every kind of record about a person, in the order a person would read them. */
    public static final List<Section> SECTIONS = List.of(
            new Section("inmate", "Dine grundoplysninger", null, Set.of("inmate"),
                    "SELECT to_jsonb(t)::text FROM inmate t WHERE t.id = :inmate"),
            versions("inmate_history", "Tidligere udgaver af dine grundoplysninger", "inmate"),
            new Section("legal_hold", "Oplysninger, der gemmes længere på grund af en verserende sag", null, Set.of("legal_hold"),
                    "SELECT to_jsonb(t)::text FROM legal_hold t WHERE t.inmate_id = :inmate"),
            new Section("inmate_restriction", "Beskyttelse af dine oplysninger (fx adressebeskyttelse)", null,
                    Set.of("inmate_restriction"),
                    "SELECT to_jsonb(t)::text FROM inmate_restriction t WHERE t.inmate_id = :inmate ORDER BY t.id"),
            new Section("information_notice", "Hvornår du blev orienteret om, at dine oplysninger behandles", null,
                    Set.of("information_notice"),
                    "SELECT to_jsonb(t)::text FROM information_notice t WHERE t.inmate_id = :inmate ORDER BY t.recorded_at, t.id"),
            new Section("action_plan", "Din handleplan", null, Set.of("action_plan"),
                    "SELECT to_jsonb(t)::text FROM action_plan t WHERE t.inmate_id = :inmate ORDER BY t.sentence_start"),
            versions("action_plan_history", "Tidligere udgaver af din handleplan", "action_plan"),
            new Section("lsrnr_assessment", "Din risikovurdering (LS/RNR)", null, Set.of("lsrnr_assessment"),
                    "SELECT to_jsonb(t)::text FROM lsrnr_assessment t WHERE t.inmate_id = :inmate ORDER BY t.assessed_on"),
            versions("lsrnr_assessment_history", "Tidligere udgaver af din risikovurdering", "lsrnr_assessment"),
            new Section("handover", "Overleveringer til kommunen", null, Set.of("handover"),
                    "SELECT to_jsonb(t)::text FROM handover t WHERE t.inmate_id = :inmate ORDER BY t.drafted_at"),
            of("supervision", "Tilsyn efter løsladelsen", "supervision"),
            versions("supervision_history", "Tidligere udgaver af tilsynet", "supervision"),
            new Section("release_meeting", "Møder før løsladelsen, med hvem der blev inviteret", null,
                    Set.of("release_meeting", "release_meeting_invitee"),
                    "SELECT (to_jsonb(t) || jsonb_build_object('invitees', (SELECT coalesce(jsonb_agg(to_jsonb(x)"
                            + " ORDER BY x.org_type, x.org_id), '[]') FROM release_meeting_invitee x WHERE x.meeting_id = t.id)))::text"
                            + " FROM release_meeting t WHERE t.inmate_id = :inmate ORDER BY t.meeting_date"),
            versions("release_meeting_history", "Tidligere udgaver af møderne", "release_meeting"),
            ofKinds("obligation", "Frister og opgaver i din sag", "obligation", "kind"),
            ofKinds("obligation_fulfilment", "Opgaver, der er løst", "obligation_fulfilment", "kind"),
            ofKinds("obligation_announcement", "Påmindelser om frister", "obligation_announcement", "kind"),
            new Section("radicalisation_concern", "Bekymring for radikalisering",
                    "Kan være undtaget fra indsigt af hensyn til forebyggelse af kriminalitet eller statens sikkerhed"
                            + " (databeskyttelseslovens § 22). Sagsbehandleren vurderer det, før kopien udleveres.",
                    Set.of("radicalisation_concern"),
                    "SELECT to_jsonb(t)::text FROM radicalisation_concern t WHERE t.inmate_id = :inmate", Compartment.SECURITY_UNIT, false),
            new Section("gang_exit_case", "Exitforløb (bandeexit), med tidligere udgaver og noter",
                    "Kan være undtaget fra indsigt af hensyn til din og andres sikkerhed eller forebyggelse af kriminalitet"
                            + " (databeskyttelseslovens § 22).",
                    Set.of("gang_exit_case", "resource_version", "gang_exit_note"),
                    "SELECT (to_jsonb(g) || jsonb_build_object('versions', (SELECT coalesce(jsonb_agg(h.body ORDER BY h.version),"
                            + " '[]') FROM resource_version h WHERE h.resource_type = 'gang_exit_case' AND h.inmate_id = g.inmate_id),"
                            + " 'notes', (SELECT"
                            + " coalesce(jsonb_agg(to_jsonb(n) ORDER BY n.id), '[]') FROM gang_exit_note n WHERE n.inmate_id = g.inmate_id)))::text"
                            + " FROM gang_exit_case g WHERE g.inmate_id = :inmate", Compartment.GANG_EXIT, false),
            new Section("ksp_list_entry", "Dine optegnelser på KSP-lister (kun din egen linje)",
                    "Kan være undtaget fra indsigt af hensyn til forebyggelse af kriminalitet (databeskyttelseslovens § 22).",
                    Set.of("ksp_list_version"),
                    "SELECT jsonb_build_object('meeting_id', v.meeting_id, 'version_id', v.version_id, 'published_at',"
                            + " v.published_at, 'entry', e)::text FROM ksp_list_version v CROSS JOIN LATERAL"
                            + " jsonb_array_elements(v.entries::jsonb) e WHERE e->>'inmateId' = CAST(:inmate AS uuid)::text"
                            + " ORDER BY v.published_at, v.version_id"),
            new Section("ksp_proposal", "Forslag om at drøfte dig i KSP (kun din egen linje)",
                    "Kan være undtaget fra indsigt af hensyn til forebyggelse af kriminalitet (databeskyttelseslovens § 22).",
                    Set.of("ksp_proposal"),
                    "SELECT (to_jsonb(p) - 'entry' || jsonb_build_object('entry', p.entry::jsonb))::text FROM ksp_proposal p"
                            + " WHERE p.entry::jsonb->>'inmateId' = CAST(:inmate AS uuid)::text ORDER BY p.proposed_at"),
            of("ksp_exchange", "Oplysninger udvekslet om dig i KSP", "ksp_exchange"),
            of("consent", "Dine samtykker", "consent"),
            versions("consent_history", "Tidligere udgaver af dine samtykker", "consent"),
            of("referral", "Dine henvisninger til frivillige organisationer", "referral"),
            versions("referral_history", "Tidligere udgaver af dine henvisninger", "referral"),
            of("ngo_note", "Noter fra frivillige organisationer", "ngo_note"),
            new Section("outcome", "Opfølgning efter løsladelsen, med tidligere udgaver", null, Set.of("outcome", "resource_version"),
                    "SELECT (to_jsonb(t) || jsonb_build_object('versions', (SELECT coalesce(jsonb_agg(h.body ORDER BY h.version), '[]')"
                            + " FROM resource_version h WHERE h.resource_type = 'outcome' AND h.resource_id = t.id::text)))::text"
                            + " FROM outcome t WHERE t.inmate_id = :inmate ORDER BY t.released_on, t.checkpoint_months"),
            new Section("event", "Beskeder om dig sendt til andre myndigheders systemer, og til hvem", null,
                    Set.of("event", "delivery"),
                    "SELECT (to_jsonb(e) || jsonb_build_object('deliveries', (SELECT coalesce(jsonb_agg(jsonb_build_object("
                            + "'org_type', s.org_type, 'org_id', s.org_id, 'status', d.status, 'delivered_at', d.delivered_at)"
                            + " ORDER BY d.id), '[]') FROM delivery d JOIN subscription s ON s.id = d.subscription_id"
                            + " WHERE d.event_pk = e.id)))::text FROM event e WHERE e.inmate_id = :inmate"
                            + " AND (e.obligation_kind IS NULL OR NOT e.obligation_kind = ANY (CAST(:hiddenKinds AS text[]))) ORDER BY e.id",
                    null, true));

    /**
     * Tables that hold no person data, or hold it only in a form the export already covers, each with
     * the reason; the coverage test accepts a table that references a person's table only when it is here.
     */
    public static final Map<String, String> NOT_ABOUT_A_PERSON = Map.ofEntries(
            Map.entry("audit_event", "counted in accessCount; listed in full by the reading log"),
            Map.entry("audit_event_default", "a partition of audit_event (records whose month has no partition yet)"),
            Map.entry("audit_subject", "an index of audit_event (which people each record names); the records are counted in accessCount"),
            Map.entry("audit_retired_month", "months of the audit log retired by retention: ids and counts, no person data"),
            Map.entry("audit_chain", "hashes of audit records, no person data"),
            Map.entry("idempotency_key", "stored answers to retried writes, kept 24 hours; the records they answer are exported"),
            Map.entry("subscription", "an organisation's webhook, no person data; the deliveries name the organisation"),
            Map.entry("client", "a registered client system, no person data"),
            Map.entry("client_assertion", "spent token assertions of client systems, no person data"),
            Map.entry("municipality_directory", "municipal contact points, no person data"),
            Map.entry("programme", "NGO programmes, no person data"),
            Map.entry("ksp_forum", "KSP forums, no person data"),
            Map.entry("ksp_forum_member", "the organisations in a KSP forum, no person data"),
            Map.entry("ksp_meeting", "KSP meetings, no person data; the person's entries are exported"),
            Map.entry("ksp_meeting_participant", "the organisations at a KSP meeting, no person data"),
            Map.entry("retention_run", "counts of what the retention job erased, no person data"));

    /**
     * Resource types and the sections that hold them; a type with no person data maps to an empty
     * list. The coverage test requires every {@link ResourceType} here.
     */
    public static final Map<ResourceType, List<String>> RESOURCE_SECTIONS = Map.ofEntries(
            Map.entry(ResourceType.Inmate, List.of("inmate", "inmate_history", "inmate_restriction", "legal_hold", "gang_exit_case",
                    "information_notice")),
            Map.entry(ResourceType.ActionPlan, List.of("action_plan", "action_plan_history", "obligation", "obligation_fulfilment",
                    "obligation_announcement", "radicalisation_concern")),
            Map.entry(ResourceType.Handover, List.of("handover")),
            Map.entry(ResourceType.KspList, List.of("ksp_list_entry", "ksp_proposal", "ksp_exchange")),
            Map.entry(ResourceType.Consent, List.of("consent", "consent_history")),
            Map.entry(ResourceType.Referral, List.of("referral", "referral_history", "ngo_note")),
            Map.entry(ResourceType.Outcome, List.of("outcome")),
            Map.entry(ResourceType.Subscription, List.of("event")),
            Map.entry(ResourceType.AuditEvent, List.of()),
            Map.entry(ResourceType.LsRnrAssessment, List.of("lsrnr_assessment", "lsrnr_assessment_history")),
            Map.entry(ResourceType.ReleaseMeeting, List.of("release_meeting", "release_meeting_history", "supervision",
                    "supervision_history")),
            Map.entry(ResourceType.Programme, List.of()),
            Map.entry(ResourceType.Municipality, List.of()),
            Map.entry(ResourceType.Client, List.of()),
            Map.entry(ResourceType.RetentionRun, List.of()));

    /**
     * The export: sections in order (each as JSON texts, one per row), the number of audit records, and
     * who accessed the person's data how many times (by organisation).
     */
    public record Export(UUID inmateId, Instant generatedAt, List<Filled> sections, long accessCount, List<Accesses> byOrganisation) {
    }

    public record Accesses(String orgType, String orgId, long count) {
    }

    public record Filled(Section section, List<String> rows) {
    }

    private final Sql sql;
    private final VisiblePeople people;
    private final UseCases useCases;
    private final Clock clock;

    SubjectAccessExport(Sql sql, VisiblePeople people, UseCases useCases, Clock clock) {
        this.sql = sql;
        this.people = people;
        this.useCases = useCases;
        this.clock = clock;
    }

    /**
     * For auditors ({@code AuditEvent.s}) and prison staff of the person's institution
     * ({@code Inmate.r}); everyone else gets the answer for a person that does not exist. One
     * repeatable-read transaction, so the sections agree with each other.
     */
    @Transactional(readOnly = true, isolation = io.micronaut.transaction.TransactionDefinition.Isolation.REPEATABLE_READ)
    public Export export(Caller asked, UUID inmateId) {
        Caller caller = asked.withPurpose(asked.orgType() == OrgType.AUDITOR ? Purpose.OVERSIGHT : Purpose.SUBJECT_ACCESS);
        boolean auditor = caller.orgType() == OrgType.AUDITOR;
        var scope = auditor ? new UseCases.Scope(ResourceType.AuditEvent, Interaction.SEARCH)
                : new UseCases.Scope(ResourceType.Inmate, Interaction.READ);
        return useCases.read(caller, scope, ResourceType.Inmate, AuditAction.EXPORT, inmateId, facts -> sections(caller, inmateId));
    }

    private Export sections(Caller caller, UUID inmateId) {
        if (caller.orgType() == OrgType.AUDITOR) {
            AuditAccessPolicy.requireAuditor(caller);
            if (!people.visible(InmateAccessPolicy.InmateScope.UNRESTRICTED, inmateId)) {
                throw new NotFoundException("No inmate with this id.");
            }
        } else if (caller.orgType() != OrgType.PRISON || !people.visible(caller, inmateId)) {
            throw new NotFoundException("No inmate with this id.");
        }
        // Issue 26: what a compartment holds (R15, R16) only for a caller it is disclosed to.
        String[] hiddenKinds = Compartment.obligationKindsHiddenFrom(caller);
        List<Filled> filled = new ArrayList<>();
        for (Section section : SECTIONS) {
            if (section.compartment() != null && !section.compartment().disclosedTo(caller)) {
                filled.add(new Filled(section, List.of()));
                continue;
            }
            filled.add(new Filled(section, sql.run(h -> {
                var query = h.createQuery(section.sql()).bind("inmate", inmateId);
                if (section.filtersKinds()) {
                    query.bind("hiddenKinds", hiddenKinds);
                }
                return query.mapTo(String.class).list();
            })));
        }
        // Every record naming the person, through V37's audit_subject (each record fetched by its whole key).
        List<Accesses> byOrganisation = sql.run(h -> h.createQuery("SELECT e.actor_org_type AS org_type,"
                + " e.actor_org_id AS org_id, count(*) AS count FROM audit_subject s"
                + " JOIN audit_event e ON e.id = s.event_id AND e.recorded = s.recorded"
                + " WHERE s.subject = :inmate AND " + Compartment.auditPurposeNotHidden("s.purpose")
                + " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10000")
                .bind("inmate", inmateId).bind("hiddenPurposes", Compartment.auditPurposesHiddenFrom(caller))
                .map(ConstructorMapper.of(Accesses.class)).list());
        long accesses = byOrganisation.stream().mapToLong(Accesses::count).sum();
        return new Export(inmateId, clock.instant(), filled, accesses, byOrganisation);
    }
}
