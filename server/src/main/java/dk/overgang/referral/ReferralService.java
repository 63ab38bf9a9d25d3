package dk.overgang.referral;

import dk.overgang.shared.Slice;
import dk.overgang.shared.EventType;
import dk.overgang.access.Caller;
import dk.overgang.access.VisiblePeople;
import dk.overgang.access.ConsentCheck;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.ReferralAccessPolicy;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Facts;
import dk.overgang.pipeline.UseCases;
import dk.overgang.programme.ProgrammeService;
import dk.overgang.rules.ProgrammeEligibility;
import dk.overgang.shared.ConflictException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Consent and referral use cases. The authorities (prison staff of the person's institution, the
 * acting municipality) record consent and refer; the programme reads its referrals through
 * {@link ConsentCheck} only, and reports their status. Every access is audited on the person.
 */
@Singleton
public class ReferralService {

    private static final String NO_INMATE = "No inmate with this id.";
    private static final String NO_REFERRAL = "No referral with this id.";
    /** Ten digits shaped like a CPR number (DDMMYY-SSSS, the hyphen optional), not part of a longer number. */
    private static final java.util.regex.Pattern LOOKS_LIKE_CPR =
            java.util.regex.Pattern.compile("(?<![0-9])[0-3][0-9][01][0-9]{3}-?[0-9]{4}(?![0-9])");
    /** The moves a programme may report (issue 13). */
    private static final Map<String, Set<String>> MOVES = Map.of(
            "pending", Set.of("accepted", "declined"),
            "accepted", Set.of("active", "ended"),
            "active", Set.of("paused", "ended"),
            "paused", Set.of("active", "ended"));

    private final ReferralStore store;
    private final ProgrammeService programmes;
    private final UseCases useCases;
    private final Clock clock;
    private final VisiblePeople people;

    ReferralService(ReferralStore store, ProgrammeService programmes, UseCases useCases, Clock clock, VisiblePeople people) {
        this.people = people;
        this.store = store;
        this.programmes = programmes;
        this.useCases = useCases;
        this.clock = clock;
    }

    /** A created resource, and whether it repeats an earlier request with the same key. */
    public record Created<T>(T value, boolean replayed) {
    }

    /** What a consent records. */
    public record ConsentDetails(UUID inmateId, String programmeId, String purpose, List<String> dataItems,
                                 LocalDate validFrom, LocalDate validUntil) {
    }

    /** The programme's report on a referral. */
    public record StatusReport(String status, String volunteer, LocalDate nextVisit, Integer visitsHeld,
                               Boolean mentorPairAssigned, String reason) {
    }

    public Created<ReferralStore.ConsentRow> recordConsent(Caller caller, ConsentDetails d, Optional<String> key) {
        List<String> items = d.dataItems().stream().sorted().toList();
        return useCases.create(caller, ResourceType.Consent, key, d.inmateId() + "|" + d.programmeId() + "|" + d.purpose()
                        + "|" + items + "|" + d.validFrom() + "|" + d.validUntil(), (facts, earlier) -> {
                    requireConsentable(caller, d, facts);
                    return new Created<>(store.findConsent(earlier, InmateScope.UNRESTRICTED).orElseThrow(), true);
                }, facts -> {
                    requireConsentable(caller, d, facts);
                    Instant now = now();
                    var row = new ReferralStore.ConsentRow(UUID.randomUUID(), 1, now, d.inmateId(), d.programmeId(), d.purpose(),
                            items, d.validFrom(), d.validUntil(), null, caller.orgType().claim(), caller.orgId());
                    store.insertConsent(row, caller.sub());
                    facts.resource(row.id()).tell(EventType.CONSENT_GIVEN, 1);
                    return new Created<>(row, false);
                }, created -> created.value().id());
    }

    /** A referrer who sees the person records a consent to a programme of the catalogue, for a valid period. */
    private void requireConsentable(Caller caller, ConsentDetails d, Facts facts) {
        facts.about(d.inmateId());
        InmateScope scope = ReferralAccessPolicy.referrerScope(caller);
        if (!people.visible(scope, d.inmateId())) {
            throw new NotFoundException(NO_INMATE);
        }
        if (!programmes.exists(d.programmeId())) {
            throw new InvalidFieldException("programmeId", "names no programme of the catalogue");
        }
        if (d.validUntil() != null && d.validUntil().isBefore(d.validFrom())) {
            throw new InvalidFieldException("validUntil", "must not be before validFrom");
        }
    }

    /** One page of the person's consents the caller may see, after the consent {@code after}. */
    public Slice<ReferralStore.ConsentRow> consents(Caller caller, UUID inmateId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.Consent, AuditAction.SEARCH, null, facts -> {
            Slice<ReferralStore.ConsentRow> found = Slice.after(InmateAccessPolicy.visibleTo(caller)
                    .map(scope -> store.consentsOf(inmateId, scope)).orElse(List.of()), ReferralStore.ConsentRow::id, after, limit);
            facts.disclosed(found.items().stream().map(ReferralStore.ConsentRow::id).toList(),
                    found.items().isEmpty() ? List.of() : List.of(inmateId));
            return found;
        });
    }

    /** One page of the versions of a consent the caller may see, newest first, below version {@code before}. */
    public Slice<ReferralStore.ConsentRow> consentHistory(Caller caller, UUID id, long before, int limit) {
        return useCases.read(caller, ResourceType.Consent, AuditAction.HISTORY, id, facts -> {
            ReferralStore.ConsentRow consent = InmateAccessPolicy.visibleTo(caller)
                    .flatMap(scope -> store.findConsent(id, scope))
                    .orElseThrow(() -> new NotFoundException("No consent with this id."));
            facts.about(consent.inmateId());
            return Slice.of(store.consentVersions(id, before, limit + 1), limit);
        });
    }

    /** The person withdrew the consent: from now on no NGO read relying on it answers. */
    public ReferralStore.ConsentRow withdraw(Caller caller, UUID consentId, String note) {
        return useCases.write(caller, ResourceType.Consent, AuditAction.UPDATE, consentId, facts -> {
            ReferralStore.ConsentRow consent = InmateAccessPolicy.visibleTo(caller)
                    .flatMap(scope -> store.findConsent(consentId, scope))
                    .orElseThrow(() -> new NotFoundException("No consent with this id."));
            facts.about(consent.inmateId());
            if (!store.withdraw(consentId, now(), note)) {
                throw new ConflictException("conflict", "This consent was already withdrawn.");
            }
            facts.tell(EventType.CONSENT_WITHDRAWN, consent.version() + 1);
            return store.findConsent(consentId, InmateScope.UNRESTRICTED).orElseThrow();
        });
    }

    public Created<ReferralStore.ReferralRow> refer(Caller caller, UUID inmateId, String programmeId, Optional<String> key) {
        return useCases.create(caller, ResourceType.Referral, key, inmateId + "|" + programmeId, (facts, earlier) -> {
            requireReferable(caller, inmateId, programmeId, facts);
            return new Created<>(store.referralsOf(inmateId, InmateScope.UNRESTRICTED).stream()
                    .filter(r -> r.id().equals(earlier)).findFirst().orElseThrow(), true);
        }, facts -> {
            requireReferable(caller, inmateId, programmeId, facts);
            boolean open = store.referralsOf(inmateId, InmateScope.UNRESTRICTED).stream()
                    .anyMatch(r -> r.programmeId().equals(programmeId) && MOVES.containsKey(r.status()));
            if (open) {
                throw new ConflictException("conflict", "The person already has an open referral to this programme.");
            }
            Instant now = now();
            var row = new ReferralStore.ReferralRow(UUID.randomUUID(), 1, now, inmateId, programmeId, "pending",
                    caller.orgType().claim(), caller.orgId(), now, null, null, 0, false, null);
            store.insertReferral(row, caller.sub());
            // The programme learns of it (its subscription), and so do the authorities that see the person.
            facts.resource(row.id()).tell(EventType.REFERRAL_CREATED, 1);
            return new Created<>(row, false);
        }, created -> created.value().id());
    }

    /** R6: a referrer who sees the person refers to a programme the person is eligible for, with a valid consent. */
    private void requireReferable(Caller caller, UUID inmateId, String programmeId, Facts facts) {
        facts.about(inmateId);
        InmateScope scope = ReferralAccessPolicy.referrerScope(caller);
        if (!people.visible(scope, inmateId)) {
            throw new NotFoundException(NO_INMATE);
        }
        ProgrammeEligibility.Answer answer = programmes.answerFor(scope, inmateId, programmeId)
                .orElseThrow(() -> new InvalidFieldException("programmeId", "names no programme of the catalogue"));
        if (!answer.eligible()) {
            throw new InvalidFieldException("programmeId", "the person is not eligible: " + answer.reason());
        }
        LocalDate today = LocalDate.now(clock);
        if (!store.hasValidConsent(inmateId, programmeId, ConsentCheck.Purpose.REFERRAL, today)) {
            throw new InvalidFieldException("programmeId", "no valid consent to a referral to this programme today (R6)");
        }
    }

    /** One page of the person's referrals the caller may see, after the referral {@code after}. */
    public Slice<ReferralStore.ReferralRow> referrals(Caller caller, UUID inmateId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.Referral, AuditAction.SEARCH, null, facts -> {
            // The programme reads its referrals through its own, consent-checked view.
            Slice<ReferralStore.ReferralRow> found = !ReferralAccessPolicy.readsAsAuthority(caller) ? new Slice<>(List.of(), false)
                    : Slice.after(InmateAccessPolicy.visibleTo(caller).map(scope -> store.referralsOf(inmateId, scope)).orElse(List.of()),
                    ReferralStore.ReferralRow::id, after, limit);
            facts.disclosed(found.items().stream().map(ReferralStore.ReferralRow::id).toList(),
                    found.items().isEmpty() ? List.of() : List.of(inmateId));
            return found;
        });
    }

    /**
     * One page of the versions of a referral, newest first, below version {@code before}: for the
     * authorities that see the person (the programme reads its own referrals through its view).
     */
    public Slice<ReferralStore.ReferralRow> referralHistory(Caller caller, UUID id, long before, int limit) {
        return useCases.read(caller, ResourceType.Referral, AuditAction.HISTORY, id, facts -> {
            ReferralStore.ReferralRow referral = InmateAccessPolicy.visibleTo(caller)
                    .filter(scope -> ReferralAccessPolicy.readsAsAuthority(caller))
                    .flatMap(scope -> store.findReferral(id, scope))
                    .orElseThrow(() -> new NotFoundException("No referral with this id."));
            facts.about(referral.inmateId());
            return Slice.of(store.referralVersions(id, before, limit + 1), limit);
        });
    }

    /** The programme's page of its referrals (consent-checked); empty for anyone but the programme. */
    public List<ReferralStore.NgoRow> programmeReferrals(Caller caller, String programmeId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.Referral, AuditAction.SEARCH, null, facts -> {
            List<ReferralStore.NgoRow> rows = ConsentCheck.programmeOf(caller, programmeId)
                    .map(p -> store.ngoPage(p, LocalDate.now(clock), after, limit)).orElse(List.of());
            facts.disclosed(rows.stream().map(r -> r.referral().id()).toList(), rows.stream().map(r -> r.referral().inmateId()).toList());
            return rows;
        });
    }

    public ReferralStore.NgoRow programmeReferral(Caller caller, String programmeId, UUID id) {
        return useCases.read(caller, ResourceType.Referral, AuditAction.READ, id, facts -> ngoReferral(caller, programmeId, id, facts));
    }

    public ReferralStore.NgoRow report(Caller caller, String programmeId, UUID id, Optional<Long> ifMatchVersion,
                                       StatusReport report) {
        return useCases.write(caller, ResourceType.Referral, AuditAction.UPDATE, id,
                facts -> report(caller, programmeId, id, ifMatchVersion, report, facts));
    }

    private ReferralStore.NgoRow report(Caller caller, String programmeId, UUID id, Optional<Long> ifMatchVersion,
                                        StatusReport report, Facts facts) {
        ReferralAccessPolicy.requireReporter(caller);
        ReferralStore.NgoRow current = ngoReferral(caller, programmeId, id, facts);
        ReferralStore.ReferralRow r = current.referral();
        Preconditions.requireCurrentVersion(ifMatchVersion, r.version(), "the referral");
        if (!report.status().equals(r.status()) && !MOVES.getOrDefault(r.status(), Set.of()).contains(report.status())) {
            throw new ConflictException("conflict", "A referral cannot move from " + r.status() + " to " + report.status() + ".");
        }
        boolean moved = store.updateStatus(id, r.version(), now(), report.status(),
                report.volunteer() != null ? report.volunteer() : r.volunteer(),
                report.nextVisit() != null ? report.nextVisit() : r.nextVisit(),
                report.visitsHeld() != null ? report.visitsHeld() : r.visitsHeld(),
                report.mentorPairAssigned() != null ? report.mentorPairAssigned() : r.mentorPairAssigned(),
                report.reason());
        if (!moved) {
            throw Preconditions.concurrentChange("the referral");
        }
        if (!report.status().equals(r.status())) {
            facts.tell(EventType.REFERRAL_STATUS_CHANGED, r.version() + 1);
        }
        return ngoVisible(caller, programmeId, id).orElseThrow();
    }

    /**
     * The programme writes a note on one of its referrals (consent-checked like every NGO operation).
     * The note stays the NGO's own; {@code share} records that the person agreed to show it to the
     * authorities, which still takes a valid note-sharing consent ({@link ConsentCheck#sharedNoteQuery}).
     */
    public Created<ReferralStore.NoteRow> writeNote(Caller caller, String programmeId, UUID referralId, String text,
                                                    boolean share, Optional<String> key) {
        return useCases.create(caller, ResourceType.Referral, key, "note|" + referralId + "|" + share + "|" + text, (facts, earlier) -> {
            noteable(caller, programmeId, referralId, text, facts);
            return new Created<>(store.note(earlier).orElseThrow(), true);
        }, facts -> {
            ReferralStore.NgoRow referral = noteable(caller, programmeId, referralId, text, facts);
            var note = new ReferralStore.NoteRow(UUID.randomUUID(), referralId, referral.referral().inmateId(),
                    programmeId, now(), text, share);
            store.insertNote(note, caller.sub());
            return new Created<>(note, false);
        }, created -> created.value().id());
    }

    /** The programme notes on a referral it sees (consent-checked); a note never holds a CPR number (R6). */
    private ReferralStore.NgoRow noteable(Caller caller, String programmeId, UUID referralId, String text, Facts facts) {
        ReferralAccessPolicy.requireReporter(caller);
        facts.resource(referralId); // the note is recorded on its referral
        ReferralStore.NgoRow referral = ngoReferral(caller, programmeId, referralId, facts);
        if (LOOKS_LIKE_CPR.matcher(text).find()) {
            // NGOs never hold CPR numbers (R6); a note is no way round that.
            throw new InvalidFieldException("text", "must not contain a CPR number");
        }
        return referral;
    }

    /** The programme's own notes on one of its referrals; 404 without a valid consent, as for the referral. */
    /** One page of the programme's notes on the referral, after the note {@code after}. */
    public Slice<ReferralStore.NoteRow> notes(Caller caller, String programmeId, UUID referralId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.Referral, AuditAction.SEARCH, referralId, facts -> {
            ngoReferral(caller, programmeId, referralId, facts);
            return Slice.after(store.notesOf(referralId, programmeId), ReferralStore.NoteRow::id, after, limit);
        });
    }

    /** For the authorities: only the notes the person agreed to share, under a valid note-sharing consent. */
    public Slice<ReferralStore.NoteRow> sharedNotes(Caller caller, UUID inmateId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.Referral, AuditAction.SEARCH, null, facts -> {
            facts.about(inmateId);
            // Issue 26: a person the caller may not see (or none) is 404, as on every other person's path; a
            // programme reads its own notes through its referrals and sees no person here.
            Optional<InmateScope> scope = InmateAccessPolicy.visibleTo(caller).filter(s -> ReferralAccessPolicy.readsAsAuthority(caller));
            if (scope.isEmpty() || !people.visible(scope.get(), inmateId)) {
                throw new NotFoundException("No inmate with this id.");
            }
            Slice<ReferralStore.NoteRow> found = Slice.after(store.sharedNotes(inmateId, scope.get(), LocalDate.now(clock)),
                    ReferralStore.NoteRow::id, after, limit);
            facts.disclosed(found.items().stream().map(ReferralStore.NoteRow::referralId).distinct().toList(),
                    found.items().isEmpty() ? List.of() : List.of(inmateId));
            return found;
        });
    }

    /** A referral of the programme it may see (consent-checked), named with its person; 404 otherwise. */
    private ReferralStore.NgoRow ngoReferral(Caller caller, String programmeId, UUID id, Facts facts) {
        ReferralStore.NgoRow found = ngoVisible(caller, programmeId, id).orElseThrow(() -> new NotFoundException(NO_REFERRAL));
        facts.about(found.referral().inmateId());
        return found;
    }

    private Optional<ReferralStore.NgoRow> ngoVisible(Caller caller, String programmeId, UUID id) {
        return ConsentCheck.programmeOf(caller, programmeId).flatMap(p -> store.ngoOne(p, id, LocalDate.now(clock)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
