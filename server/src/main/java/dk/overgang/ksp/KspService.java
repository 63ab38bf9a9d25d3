package dk.overgang.ksp;

import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.KspAccessPolicy;
import dk.overgang.access.ResourceType;
import dk.overgang.actionplan.ActionPlanExchangeNotes;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Event;
import dk.overgang.pipeline.Facts;
import dk.overgang.pipeline.UseCases;
import dk.overgang.rules.Decision;
import dk.overgang.rules.KspForumArea;
import dk.overgang.rules.KspReleaseWindow;
import dk.overgang.shared.ConflictException;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.OutsideForumAreaException;
import dk.overgang.shared.OutsideReleaseWindowException;
import dk.overgang.shared.PreconditionFailedException;
import dk.overgang.shared.Preconditions;
import dk.overgang.shared.Slice;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * KSP use cases (R6, R17, R18, R19). The secretariat of a forum is the probation office that set it
 * up; it calls meetings and alone publishes lists and decides proposals. A meeting, its list, its
 * history and its proposals are visible to the secretariat and the meeting's participants only;
 * anyone else gets the answer for a meeting that does not exist. Police take part only for their own
 * district, NGOs never. Every read of a list is audited, with the people on it.
 */
@Singleton
public class KspService {

    static final String BASIS_YOUNG = "young-person-section-78";
    private static final String NOT_FOUND = "No KSP meeting with this id.";

    private final KspStore store;
    private final UseCases useCases;
    private final ActionPlanExchangeNotes planNotes;
    private final JsonMapper json;
    private final Clock clock;
    private final BigDecimal windowProportion;

    KspService(KspStore store, UseCases useCases, ActionPlanExchangeNotes planNotes, JsonMapper json, Clock clock,
               @Value("${overgang.ksp.window-proportion:0.5}") BigDecimal windowProportion) {
        if (windowProportion.signum() < 0 || windowProportion.compareTo(BigDecimal.TEN) > 0) {
            throw new IllegalStateException("overgang.ksp.window-proportion must be between 0 and 10");
        }
        this.store = store;
        this.useCases = useCases;
        this.planNotes = planNotes;
        this.json = json;
        this.clock = clock;
        this.windowProportion = windowProportion;
    }

    public record Created<T>(T value, boolean replayed) {
    }

    // ---- forums -------------------------------------------------------------------------------

    public Created<Forum> createForum(Caller caller, String name, String policeDistrict, List<String> municipalities,
                                      List<String> institutions, List<String> probationOffices, Optional<String> key) {
        return useCases.create(caller, ResourceType.KspList, key,
                "forum|" + name + "|" + policeDistrict + "|" + municipalities + "|" + institutions + "|" + probationOffices,
                (facts, earlier) -> {
                    requireFounder(caller, probationOffices);
                    return new Created<>(store.visibleForum(earlier, org(caller)).orElseThrow(), true);
                }, facts -> {
                    requireFounder(caller, probationOffices);
                    Forum forum = new Forum(UUID.randomUUID(), name, caller.orgId(), policeDistrict, List.copyOf(municipalities),
                            List.copyOf(institutions), List.copyOf(probationOffices), now());
                    store.insertForum(forum, caller.sub());
                    facts.resource(forum.id());
                    return new Created<>(store.visibleForum(forum.id(), org(caller)).orElseThrow(), false);
                }, created -> created.value().id());
    }

    private static void requireFounder(Caller caller, List<String> probationOffices) {
        KspAccessPolicy.requireForumFounder(caller);
        if (probationOffices.contains(caller.orgId())) {
            throw new InvalidFieldException("probationOffices", "must not repeat the secretariat, which takes part anyway");
        }
    }

    public Forum readForum(Caller caller, UUID id) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.READ, id,
                facts -> visibleForum(caller, id).orElseThrow(() -> new NotFoundException("No KSP forum with this id.")));
    }

    /** One page of the forums the caller takes part in, after the forum {@code after}. */
    public Slice<Forum> forums(Caller caller, UUID after, int limit) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.SEARCH, null, facts -> {
            Slice<Forum> page = Slice.after(KspAccessPolicy.mayTakePart(caller) ? store.visibleForums(org(caller)) : List.of(),
                    Forum::id, after, limit);
            facts.disclosed(page.items().stream().map(Forum::id).toList(), List.of());
            return page;
        });
    }

    // ---- meetings -----------------------------------------------------------------------------

    public Created<Meeting> createMeeting(Caller caller, UUID forumId, LocalDate date, String place, Set<Org> participants,
                                          Optional<String> key) {
        String chosenKey = participants == null ? "[]" : new java.util.TreeSet<>(participants.stream().map(o -> o.orgType() + ":" + o.orgId()).toList()).toString();
        return useCases.create(caller, ResourceType.KspList, key, "meeting|" + forumId + "|" + date + "|" + place + "|" + chosenKey,
                (facts, earlier) -> {
                    participantsOf(caller, forumId, participants);
                    return new Created<>(store.visibleMeeting(earlier, org(caller)).orElseThrow(), true);
                }, facts -> {
                    List<Org> chosen = participantsOf(caller, forumId, participants);
                    Forum forum = visibleForum(caller, forumId).orElseThrow();
                    Meeting meeting = new Meeting(UUID.randomUUID(), forum.id(), forum.name(), date, place, forum.secretariat(),
                            forum.policeDistrict(), chosen, null, now());
                    store.insertMeeting(meeting, caller.sub());
                    facts.resource(meeting.id());
                    return new Created<>(store.visibleMeeting(meeting.id(), org(caller)).orElseThrow(), false);
                }, created -> created.value().id());
    }

    /** R17: the secretariat calls a meeting of its forum's members (all of them unless some are named). */
    private List<Org> participantsOf(Caller caller, UUID forumId, Set<Org> participants) {
        Forum forum = visibleForum(caller, forumId)
                .orElseThrow(() -> new InvalidFieldException("forumId", "names no KSP forum of yours"));
        if (!KspAccessPolicy.isSecretariat(caller, forum.secretariat())) {
            throw new ForbiddenException("Only the forum's secretariat calls a KSP meeting (R17).");
        }
        List<Org> members = forum.members();
        List<Org> chosen = participants == null || participants.isEmpty() ? members : List.copyOf(participants);
        for (Org o : chosen) {
            if (!members.contains(o)) {
                // Police take part for their own district only; everyone else must be a member.
                throw new InvalidFieldException("participants", "may name only the forum's police district and members");
            }
        }
        return chosen;
    }

    public Meeting readMeeting(Caller caller, UUID id) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.READ, id, facts -> meeting(caller, id));
    }

    /** Meetings the caller takes part in (or keeps), newest first; the cursor is (date, id) of the last. */
    public Slice<Meeting> meetings(Caller caller, UUID forumId, LocalDate from, LocalDate afterDate, UUID afterId, int limit) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.SEARCH, null, facts -> {
            Slice<Meeting> page = KspAccessPolicy.mayTakePart(caller)
                    ? Slice.of(store.visibleMeetings(org(caller), forumId, from, afterDate, afterId, limit + 1), limit)
                    : new Slice<>(List.of(), false);
            facts.disclosed(page.items().stream().map(Meeting::id).toList(), List.of());
            return page;
        });
    }

    // ---- lists --------------------------------------------------------------------------------

    /** The latest version; 404 until one is published. Audited with the people on it. */
    public ListVersion readList(Caller caller, UUID meetingId) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.READ, meetingId, facts -> {
            Meeting meeting = meeting(caller, meetingId);
            KspStore.StoredVersion stored = store.latestVersion(meetingId)
                    .orElseThrow(() -> new NotFoundException("No version of this KSP list is published yet."));
            ListVersion version = version(meeting, stored);
            disclose(facts, meetingId, List.of(version));
            return version;
        });
    }

    public ListVersion readListVersion(Caller caller, UUID meetingId, long versionId) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.HISTORY, meetingId, facts -> {
            ListVersion version = storedVersion(meeting(caller, meetingId), versionId);
            disclose(facts, meetingId, List.of(version));
            return version;
        });
    }

    /** One page of the list's versions, newest first, below version {@code before}. */
    public Slice<ListVersion> history(Caller caller, UUID meetingId, long before, int limit) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.HISTORY, meetingId, facts -> {
            Meeting meeting = meeting(caller, meetingId);
            Slice<ListVersion> versions = Slice.of(store.versions(meetingId, before, limit + 1), limit).map(v -> version(meeting, v));
            disclose(facts, meetingId, versions.items());
            return versions;
        });
    }

    /** What changed from one version to another, by entry id. */
    public record Diff(UUID meetingId, int from, int to, List<ListEntry> added, List<ListEntry> removed,
                       List<Change> changed) {
    }

    public record Change(UUID entryId, List<String> fields, ListEntry before, ListEntry after) {
    }

    public Diff diff(Caller caller, UUID meetingId, int from, int to) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.HISTORY, meetingId, facts -> {
        Meeting meeting = meeting(caller, meetingId);
        ListVersion a = storedVersion(meeting, from);
        ListVersion b = storedVersion(meeting, to);
        Map<UUID, ListEntry> before = byId(a.entries());
        Map<UUID, ListEntry> after = byId(b.entries());
        List<ListEntry> added = b.entries().stream().filter(e -> !before.containsKey(e.entryId())).toList();
        List<ListEntry> removed = a.entries().stream().filter(e -> !after.containsKey(e.entryId())).toList();
        List<Change> changed = new ArrayList<>();
        for (ListEntry e : b.entries()) {
            ListEntry old = before.get(e.entryId());
            if (old != null) {
                List<String> fields = changedFields(old, e);
                if (!fields.isEmpty()) {
                    changed.add(new Change(e.entryId(), fields, old, e));
                }
            }
        }
        disclose(facts, meetingId, List.of(a, b));
        return new Diff(meetingId, from, to, added, removed, changed);
        });
    }

    /**
     * R17: publishes the complete list as a new immutable version. Entries are checked and
     * snapshotted (R6 legal basis, R18 window); nothing is stored unless all of them pass.
     */
    public ListVersion publish(Caller caller, UUID meetingId, Optional<Long> ifMatch, List<EntryDraft> drafts,
                               String changeNote) {
        return useCases.write(caller, ResourceType.KspList, AuditAction.UPDATE, meetingId,
                facts -> publish(caller, meetingId, ifMatch, drafts, changeNote, facts));
    }

    private ListVersion publish(Caller caller, UUID meetingId, Optional<Long> ifMatch, List<EntryDraft> drafts,
                                String changeNote, Facts facts) {
        Meeting meeting = meeting(caller, meetingId);
        requireSecretariat(caller, meeting);
        Optional<KspStore.StoredVersion> latest = store.latestVersion(meetingId);
        int next;
        Map<UUID, ListEntry> previous;
        if (latest.isPresent()) {
            next = (int) Preconditions.requireCurrentVersion(ifMatch, latest.get().versionId(), "the KSP list") + 1;
            previous = byId(entries(latest.get().entries()));
        } else {
            if (ifMatch.isPresent()) {
                throw new PreconditionFailedException("No version of this KSP list is published yet; leave out If-Match.");
            }
            next = 1;
            previous = Map.of();
        }
        List<String> forumMunicipalities = forumMunicipalities(caller, meeting);
        List<ListEntry> entries = new ArrayList<>();
        Set<UUID> kept = new HashSet<>();
        Set<String> people = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            EntryDraft d = drafts.get(i);
            String field = "entries[" + i + "]";
            ListEntry earlier = null;
            if (d.entryId() != null) {
                earlier = previous.get(d.entryId());
                if (earlier == null) {
                    throw new InvalidFieldException(field + ".entryId", "names no entry of the latest version");
                }
                if (!kept.add(d.entryId())) {
                    throw new InvalidFieldException(field + ".entryId", "appears twice");
                }
            }
            Org proposer = earlier == null ? org(caller) : earlier.proposedBy();
            int addedIn = earlier == null ? next : earlier.addedInVersion();
            ListEntry entry = entry(caller, meeting, forumMunicipalities, d, field, proposer, addedIn, earlier);
            if (!people.add(entry.cpr())) {
                throw new InvalidFieldException(field, "lists a person who is already on the list");
            }
            entries.add(entry);
        }
        Instant at = now();
        if (!store.insertVersion(meetingId, next, at, caller.sub(), changeNote, write(entries))) {
            throw Preconditions.concurrentChange("the KSP list");
        }
        facts.recordedAs(next == 1 ? AuditAction.CREATE : AuditAction.UPDATE)
                .tell(Event.kspListPublished(meetingId, next)); // R17: the participants are told a new version is out
        return new ListVersion(meeting.withLatestVersion(next), next, at, caller.sub(), changeNote, entries);
    }

    // ---- proposals ----------------------------------------------------------------------------

    public Created<Proposal> propose(Caller caller, UUID meetingId, EntryDraft draft, Optional<String> key) {
        EntryDraft stored = new EntryDraft(null, draft.inmateId(), draft.person(), draft.reason(), draft.legalBasis(), null, null);
        String entryJson = write(stored);
        return useCases.create(caller, ResourceType.KspList, key, "proposal|" + meetingId + "|" + entryJson, (facts, earlier) -> {
            proposable(caller, meetingId, draft, facts);
            return new Created<>(proposal(store.proposal(earlier).orElseThrow()), true);
        }, facts -> {
            Meeting meeting = proposable(caller, meetingId, draft, facts);
            UUID id = UUID.randomUUID();
            store.insertProposal(id, meeting.id(), org(caller), caller.sub(), now(), entryJson);
            facts.resource(id);
            return new Created<>(proposal(store.proposal(id).orElseThrow()), false);
        }, created -> created.value().id());
    }

    /** A participant proposes one person, an inmate it may see or a person by name and CPR. */
    private Meeting proposable(Caller caller, UUID meetingId, EntryDraft draft, Facts facts) {
        facts.resource(meetingId);
        Meeting meeting = meeting(caller, meetingId);
        requireOneSubject(draft, "");
        if (draft.inmateId() != null) {
            boolean visible = InmateAccessPolicy.visibleTo(caller)
                    .flatMap(s -> store.inmate(draft.inmateId(), s)).isPresent();
            if (!visible) {
                throw new InvalidFieldException("inmateId", "names no inmate you may see; propose the person by name and CPR");
            }
        }
        return meeting;
    }

    /** The secretariat sees every proposal; a participant its own organisation's. */
    /** One page of the meeting's proposals the caller may see (oldest first), after the proposal {@code after}. */
    public Slice<Proposal> proposals(Caller caller, UUID meetingId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.SEARCH, meetingId, facts -> {
            Meeting meeting = meeting(caller, meetingId);
            Slice<Proposal> found = Slice.after(store.proposals(meetingId, KspAccessPolicy.isSecretariat(caller, meeting.secretariat()) ? null : org(caller)),
                    KspStore.StoredProposal::id, after, limit).map(this::proposal);
            facts.disclosed(found.items().stream().map(Proposal::id).toList(), List.of());
            return found;
        });
    }

    /** Accept (publishing a new version with the entry) or decline with a reason; once. */
    public Proposal decide(Caller caller, UUID proposalId, boolean accept, String reason, String windowOverrideReason,
                           String areaOverrideReason) {
        return useCases.write(caller, ResourceType.KspList, AuditAction.UPDATE, proposalId,
                facts -> decide(caller, proposalId, accept, reason, windowOverrideReason, areaOverrideReason, facts));
    }

    private Proposal decide(Caller caller, UUID proposalId, boolean accept, String reason, String windowOverrideReason,
                            String areaOverrideReason, Facts facts) {
        Optional<KspStore.StoredProposal> found = store.proposal(proposalId);
        Optional<Meeting> visible = found.isPresent() && KspAccessPolicy.mayTakePart(caller)
                ? store.visibleMeeting(found.get().meetingId(), org(caller)) : Optional.empty();
        if (visible.isEmpty()) {
            throw new NotFoundException("No KSP proposal with this id.");
        }
        KspStore.StoredProposal p = found.get();
        Meeting meeting = visible.get();
        requireSecretariat(caller, meeting);
        if (!p.status().equals("pending")) {
            throw new ConflictException("conflict", "This proposal was already decided.");
        }
        Instant at = now();
        Integer version = null;
        if (accept) {
            EntryDraft d = read(p.entryJson(), EntryDraft.class);
            EntryDraft withOverride = new EntryDraft(null, d.inmateId(), d.person(), d.reason(), d.legalBasis(),
                    windowOverrideReason, areaOverrideReason);
            Optional<KspStore.StoredVersion> latest = store.latestVersion(meeting.id());
            List<ListEntry> entries = new ArrayList<>(latest.map(v -> entries(v.entries())).orElse(List.of()));
            version = latest.map(v -> v.versionId() + 1).orElse(1);
            ListEntry entry = entry(caller, meeting, forumMunicipalities(caller, meeting), withOverride, "proposal",
                    p.proposer(), version, null);
            if (entries.stream().anyMatch(e -> e.cpr().equals(entry.cpr()))) {
                throw new ConflictException("conflict", "The person is already on the list.");
            }
            entries.add(entry);
            if (!store.insertVersion(meeting.id(), version, at, caller.sub(),
                    "Forslag fra " + p.proposer().orgId() + " optaget", write(entries))) {
                throw new ConflictException("conflict", "The list was published by someone else at the same time; try again.");
            }
        } else if (reason == null || reason.isBlank()) {
            throw new InvalidFieldException("reason", "is required to decline a proposal; the proposer sees it");
        }
        if (!store.decide(proposalId, accept ? "accepted" : "declined", caller.sub(), at, reason, version)) {
            throw new ConflictException("conflict", "This proposal was decided by someone else at the same time.");
        }
        if (version != null) {
            facts.alsoChanged(ResourceType.KspList, meeting.id(), null, AuditAction.UPDATE)
                    .tell(Event.kspListPublished(meeting.id(), version));
        }
        return proposal(store.proposal(proposalId).orElseThrow());
    }

    // ---- exchanges (R19) ----------------------------------------------------------------------

    public ExchangeRecord recordExchange(Caller caller, UUID meetingId, UUID entryId, String summary, boolean informed,
                                         String protectionReason) {
        return useCases.write(caller, ResourceType.KspList, AuditAction.CREATE, meetingId,
                facts -> recordExchange(caller, meetingId, entryId, summary, informed, protectionReason, facts));
    }

    private ExchangeRecord recordExchange(Caller caller, UUID meetingId, UUID entryId, String summary, boolean informed,
                                          String protectionReason, Facts facts) {
        Meeting meeting = meeting(caller, meetingId);
        if (!KspAccessPolicy.keepsExchangeRecords(caller)) {
            throw new ForbiddenException("KSP exchanges are noted by the prison service, which keeps the action plan (R19).");
        }
        ListEntry entry = store.latestVersion(meetingId).map(v -> byId(entries(v.entries())).get(entryId))
                .orElseThrow(() -> new InvalidFieldException("entryId", "names no entry of the latest version of the list"));
        String approvedBy = null;
        if (informed) {
            if (protectionReason != null) {
                throw new InvalidFieldException("protectionExceptionReason", "is only for a person who is not informed");
            }
        } else {
            if (protectionReason == null || protectionReason.isBlank()) {
                throw new InvalidFieldException("protectionExceptionReason",
                        "is required when the person is not informed of the exchange (R19)");
            }
            KspAccessPolicy.requireManager(caller);
            approvedBy = caller.sub();
        }
        Instant at = now();
        LocalDate today = LocalDate.ofInstant(at, clock.getZone());
        UUID plan = entry.inmateId() == null ? null : planNotes.note(facts,
                KspAccessPolicy.exchangeNoteScope(caller, meeting.secretariat()), entry.inmateId(), "ksp", today,
                "KSP-møde " + meeting.date() + " (" + meeting.forumName() + "): " + summary, informed,
                informed ? null : protectionReason + " (besluttet af leder " + caller.sub() + ")").orElse(null);
        ExchangeRecord record = new ExchangeRecord(UUID.randomUUID(), meetingId, entryId, entry.inmateId(), summary,
                informed, protectionReason, approvedBy, plan, caller.sub(), at);
        store.insertExchange(record);
        facts.resource(record.id()).about(entry.inmateId());
        return record;
    }

    /** One page of the meeting's exchange records the caller may read, after the record {@code after}. */
    public Slice<ExchangeRecord> exchanges(Caller caller, UUID meetingId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.KspList, AuditAction.SEARCH, meetingId, facts -> {
        Meeting meeting = meeting(caller, meetingId);
        if (!KspAccessPolicy.keepsExchangeRecords(caller)) {
            throw new ForbiddenException("KSP exchange records are kept by the prison service (R19).");
        }
        // Issue 26: a record is read by exactly those who read it on the person's action plan.
        Slice<ExchangeRecord> found = Slice.after(InmateAccessPolicy.visibleTo(caller)
                .map(scope -> store.exchanges(meetingId, scope, KspAccessPolicy.isSecretariat(caller, meeting.secretariat())))
                .orElse(List.of()), ExchangeRecord::id, after, limit);
        facts.disclosed(found.items().stream().map(ExchangeRecord::id).toList(),
                found.items().stream().map(ExchangeRecord::inmateId).filter(java.util.Objects::nonNull).toList());
        return found;
        });
    }

    // ---- rules --------------------------------------------------------------------------------

    /**
     * One entry as it will be published: the subject resolved (an inmate's name and CPR as they are
     * now), the legal basis (R6), and the R18 window at the meeting's date, with an override only
     * when a reason is given (or was recorded for this entry before).
     */
    private ListEntry entry(Caller caller, Meeting meeting, List<String> forumMunicipalities, EntryDraft d, String field,
                            Org proposer, int addedIn, ListEntry earlier) {
        requireOneSubject(d, field.equals("proposal") ? "" : field + ".");
        String name;
        String cpr;
        LocalDate custodyFrom;
        LocalDate releasedOn;
        String actingMunicipality = null;
        String releaseMunicipality = null;
        if (d.inmateId() != null) {
            // R6, R17: listing a case is what KSP lets the secretariat do, so the inmate is resolved for
            // the list whichever organisation it otherwise sees (only name, CPR and dates are kept).
            KspStore.InmateFacts inmate = store.inmate(d.inmateId(), InmateScope.UNRESTRICTED)
                    .orElseThrow(() -> new InvalidFieldException(prefix(field) + "inmateId", "names no inmate"));
            name = inmate.name();
            cpr = inmate.cpr();
            custodyFrom = inmate.custodyFrom();
            releasedOn = inmate.releasedOn();
            actingMunicipality = inmate.municipality();
        } else {
            Person p = d.person();
            name = p.name();
            cpr = p.cpr();
            custodyFrom = p.custodyFrom();
            releasedOn = p.releasedOn();
            releaseMunicipality = p.municipality();
            if (!d.legalBasis().equals(BASIS_YOUNG) && releasedOn == null) {
                // R6 (a) and (c) concern released people: the release date is what R18 is measured from.
                throw new InvalidFieldException(prefix(field) + "person.releasedOn",
                        "is required for this legal basis, so that the release window (R18) can be checked");
            }
        }
        ListEntry.Window window;
        if (d.legalBasis().equals(BASIS_YOUNG)) {
            window = new ListEntry.Window("not-applicable", custodyFrom, releasedOn, null, null, null);
        } else {
            KspReleaseWindow.Result r = KspReleaseWindow.evaluate(custodyFrom, releasedOn, meeting.date(), windowProportion);
            if (r.allowed()) {
                window = new ListEntry.Window(r.status() == KspReleaseWindow.Status.IN_CUSTODY ? "in-custody" : "within",
                        custodyFrom, releasedOn, r.endsOn(), null, null);
            } else if (d.windowOverrideReason() != null && !d.windowOverrideReason().isBlank()) {
                window = new ListEntry.Window("overridden", custodyFrom, releasedOn, r.endsOn(), d.windowOverrideReason(),
                        caller.sub());
            } else if (earlier != null && earlier.window().status().equals("overridden") && earlier.cpr().equals(cpr)) {
                window = new ListEntry.Window("overridden", custodyFrom, releasedOn, r.endsOn(),
                        earlier.window().overrideReason(), earlier.window().overriddenBy());
            } else {
                throw new OutsideReleaseWindowException(field, r.status() == KspReleaseWindow.Status.OUTSIDE
                        ? "The meeting is after the window around the release (R18); give windowOverrideReason to list the person anyway."
                        : "When the custody began is unknown, so the window around the release (R18) cannot be checked; "
                        + "give windowOverrideReason to list the person anyway.");
            }
        }
        ListEntry.Area area = area(caller, forumMunicipalities, actingMunicipality, releaseMunicipality, d, field, earlier, cpr);
        UUID entryId = earlier == null ? UUID.randomUUID() : earlier.entryId();
        return new ListEntry(entryId, d.inmateId(), name, cpr, d.reason(), d.legalBasis(), proposer, addedIn, window, area);
    }

    /**
     * The forum's area: the person's acting or release municipality must be one of the forum's
     * municipalities, unless the secretariat lists the person anyway with a recorded reason (kept
     * when the same person stays on a later version).
     */
    private static ListEntry.Area area(Caller caller, List<String> forumMunicipalities, String actingMunicipality,
                                       String releaseMunicipality, EntryDraft d, String field, ListEntry earlier, String cpr) {
        Decision<KspForumArea.Status> decision = KspForumArea.evaluate(forumMunicipalities, actingMunicipality,
                releaseMunicipality);
        if (decision.value() == KspForumArea.Status.WITHIN) {
            return new ListEntry.Area("within", null, null);
        }
        if (d.areaOverrideReason() != null && !d.areaOverrideReason().isBlank()) {
            return new ListEntry.Area("overridden", d.areaOverrideReason(), caller.sub());
        }
        if (earlier != null && earlier.area() != null && earlier.area().status().equals("overridden") && earlier.cpr().equals(cpr)) {
            return earlier.area();
        }
        throw new OutsideForumAreaException(field, decision.value() == KspForumArea.Status.OUTSIDE
                ? "Neither the acting nor the release municipality is one of the forum's municipalities; "
                + "give areaOverrideReason to list the person anyway."
                : "The person's municipality is not known (give person.municipality), so the forum's area cannot be "
                + "checked; or give areaOverrideReason to list the person anyway.");
    }

    private List<String> forumMunicipalities(Caller caller, Meeting meeting) {
        return store.visibleForum(meeting.forumId(), org(caller)).map(Forum::municipalities).orElse(List.of());
    }

    private static String prefix(String field) {
        return field.equals("proposal") ? "" : field + ".";
    }

    private static void requireOneSubject(EntryDraft d, String prefix) {
        if ((d.inmateId() == null) == (d.person() == null)) {
            throw new InvalidFieldException(prefix + "inmateId", "give exactly one of inmateId and person");
        }
    }

    private static List<String> changedFields(ListEntry a, ListEntry b) {
        List<String> fields = new ArrayList<>();
        if (!Objects.equals(a.inmateId(), b.inmateId())) {
            fields.add("inmateId");
        }
        if (!a.name().equals(b.name())) {
            fields.add("name");
        }
        if (!a.cpr().equals(b.cpr())) {
            fields.add("cpr");
        }
        if (!a.reason().equals(b.reason())) {
            fields.add("reason");
        }
        if (!a.legalBasis().equals(b.legalBasis())) {
            fields.add("legalBasis");
        }
        if (!a.window().equals(b.window())) {
            fields.add("window");
        }
        return fields;
    }

    // ---- access -------------------------------------------------------------------------------

    private static void requireSecretariat(Caller caller, Meeting meeting) {
        if (!KspAccessPolicy.isSecretariat(caller, meeting.secretariat())) {
            throw new ForbiddenException("Only the forum's secretariat (KiF) publishes the list and decides proposals (R17).");
        }
    }

    private Optional<Forum> visibleForum(Caller caller, UUID id) {
        return KspAccessPolicy.mayTakePart(caller) ? store.visibleForum(id, org(caller)) : Optional.empty();
    }

    /** The meeting if the caller takes part; otherwise exactly the answer for a meeting that does not exist. */
    private Meeting meeting(Caller caller, UUID id) {
        Optional<Meeting> found = KspAccessPolicy.mayTakePart(caller) ? store.visibleMeeting(id, org(caller)) : Optional.empty();
        return found.orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    /** A list read discloses the list itself and every inmate on the versions read. */
    private static void disclose(Facts facts, UUID meetingId, List<ListVersion> versions) {
        Set<UUID> inmates = new LinkedHashSet<>();
        versions.forEach(v -> v.entries().forEach(e -> {
            if (e.inmateId() != null) {
                inmates.add(e.inmateId());
            }
        }));
        // One record: the list, naming every inmate whose data it disclosed.
        facts.disclosed(List.of(meetingId), inmates);
    }

    private ListVersion storedVersion(Meeting meeting, long versionId) {
        if (versionId > Integer.MAX_VALUE) {
            throw new NotFoundException("No such version of this KSP list.");
        }
        return store.version(meeting.id(), (int) versionId).map(v -> version(meeting, v))
                .orElseThrow(() -> new NotFoundException("No such version of this KSP list."));
    }

    private ListVersion version(Meeting meeting, KspStore.StoredVersion v) {
        return new ListVersion(meeting, v.versionId(), v.publishedAt(), v.publishedBy(), v.changeNote(), entries(v.entries()));
    }

    private Proposal proposal(KspStore.StoredProposal p) {
        return new Proposal(p.id(), p.meetingId(), p.status(), p.proposer(), p.proposedBy(), p.proposedAt(),
                read(p.entryJson(), EntryDraft.class), p.decidedAt(), p.decisionReason(), p.acceptedInVersion());
    }

    private static Map<UUID, ListEntry> byId(List<ListEntry> entries) {
        Map<UUID, ListEntry> map = new HashMap<>();
        entries.forEach(e -> map.put(e.entryId(), e));
        return map;
    }

    private static Org org(Caller caller) {
        return new Org(caller.orgType().claim(), caller.orgId());
    }

    private List<ListEntry> entries(String stored) {
        try {
            List<ListEntry> entries = json.readValue(stored, Argument.listOf(ListEntry.class));
            return entries == null ? List.of() : entries;
        } catch (IOException e) {
            throw new UncheckedIOException("A stored KSP list version is not JSON", e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored KSP JSON cannot be read", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
