package dk.overgang.inmate;

import io.micronaut.data.model.Pageable;
import dk.overgang.events.EventOutbox;
import dk.overgang.shared.EventType;
import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.Interaction;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.audit.AuditLog;
import dk.overgang.audit.AuditOutcome;
import dk.overgang.idempotency.IdempotencyKeys;
import dk.overgang.shared.ConflictException;
import dk.overgang.shared.DomainException;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InmateChanged;
import io.micronaut.context.event.ApplicationEventPublisher;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import dk.overgang.shared.Slice;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Inmate use cases. Each method checks the scope (403), then reads only what the caller's
 * organisation may see (404 otherwise, the same as missing), and audits the access.
 *
 * <p>Writes run in one transaction with their audit record. A refusal ({@link DomainException}) is
 * raised before anything but its audit record is written, and does not roll that record back:
 * refused attempts are audited too. Reads are single statements whose audit records are committed
 * (by group commit) before the read returns.
 */
@Singleton
public class InmateService {

    private static final String NOT_FOUND = "No inmate with this id.";

    private final InmateRepository inmates;
    private final InmateHistoryRepository history;
    private final AuditLog audit;
    private final IdempotencyKeys idempotency;
    private final ApplicationEventPublisher<InmateChanged> changes;
    private final Clock clock;
    private final EventOutbox events;

    InmateService(InmateRepository inmates, InmateHistoryRepository history, AuditLog audit, IdempotencyKeys idempotency,
                  ApplicationEventPublisher<InmateChanged> changes, Clock clock, EventOutbox events) {
        this.inmates = inmates;
        this.history = history;
        this.audit = audit;
        this.idempotency = idempotency;
        this.changes = changes;
        this.clock = clock;
        this.events = events;
    }

    /** The outcome of a create: the inmate, and whether an earlier request with the same key made it. */
    public record Created(Inmate inmate, boolean replayed) {
    }

    @Transactional
    public Created create(Caller caller, InmateDetails details, Optional<String> idempotencyKey) {
        return create(caller, details, idempotencyKey, false);
    }

    /**
     * Registers an inmate. Issue 17: without an {@code Idempotency-Key}, a CPR number that still has an
     * open (not released) custody record at the institution is refused with that record's id (a
     * retried request makes no second record), unless {@code confirmNewCustodyRecord}.
     */
    @Transactional
    public Created create(Caller caller, InmateDetails details, Optional<String> idempotencyKey,
                          boolean confirmNewCustodyRecord) {
        caller.require(ResourceType.Inmate, Interaction.CREATE);
        if (!InmateAccessPolicy.mayWrite(caller, details.currentInstitution())) {
            throw new ForbiddenException("Only prison staff register inmates, and only for their own institution.");
        }
        if (idempotencyKey.isEmpty() && !confirmNewCustodyRecord) {
            Optional<InmateRecord> open = inmates.findVisibleByCpr(details.cpr().digits(), details.currentInstitution(), null, null,
                    InmateAccessPolicy.restrictedAccess(caller))
                    .stream().filter(r -> !"released".equals(r.custodyStatus())).findFirst();
            if (open.isPresent()) {
                audit.record(caller, ResourceType.Inmate, open.get().id(), AuditAction.CREATE, AuditOutcome.PRECONDITION_FAILED);
                throw new ConflictException("duplicate-custody-record", "This CPR number has an open custody record at the"
                        + " institution (existingId). Send confirmNewCustodyRecord: true to register a new one.", open.get().id());
            }
        }
        return idempotency.once(caller, idempotencyKey, ResourceType.Inmate, fingerprint(details), earlier -> {
            Inmate first = history.findByInmateIdAndVersion(earlier, 1L).orElseThrow().toInmate();
            audit.record(caller, ResourceType.Inmate, first.id(), AuditAction.READ, AuditOutcome.SUCCESS);
            return new Created(first, true);
        }, () -> {
            InmateRecord saved = inmates.save(InmateRecord.of(UUID.randomUUID(), 1, now(), details,
                    caller.orgType().claim(), caller.orgId()));
            changes.publishEvent(new InmateChanged(saved.id(), null, saved.actingMunicipality(), today()));
            events.append(EventType.ADMITTED, ResourceType.Inmate, saved.id(), saved.version(), saved.id());
            audit.record(caller, ResourceType.Inmate, saved.id(), AuditAction.CREATE, AuditOutcome.SUCCESS);
            return new Created(saved.toInmate(), false);
        }, created -> created.inmate().id());
    }

    /**
     * Replaces the inmate's details, conditional on {@code ifMatchVersion} being the current version.
     * The database refuses the update if another writer got there first ({@code @Version}).
     */
    @Transactional
    public Inmate update(Caller caller, UUID id, Optional<Long> ifMatchVersion, InmateDetails details) {
        caller.require(ResourceType.Inmate, Interaction.UPDATE);
        Optional<InmateRecord> found = findVisible(caller, id);
        if (found.isEmpty()) {
            audit.record(caller, ResourceType.Inmate, id, AuditAction.UPDATE, AuditOutcome.NOT_FOUND);
            throw new NotFoundException(NOT_FOUND);
        }
        InmateRecord current = found.get();
        if (!InmateAccessPolicy.mayWrite(caller, current.currentInstitution())) {
            throw new ForbiddenException("Only prison staff of the inmate's institution change an inmate.");
        }
        long expected = Preconditions.requireCurrentVersion(ifMatchVersion, current.version(), "the inmate");
        InmateRecord updated;
        try {
            updated = inmates.update(InmateRecord.of(id, expected, now(), details,
                    current.createdByOrgType(), current.createdByOrgId()));
        } catch (OptimisticLockException e) {
            throw Preconditions.concurrentChange("the inmate");
        }
        // R20: obligations follow the new dates; a new acting municipality is noticed by both.
        changes.publishEvent(new InmateChanged(id, current.actingMunicipality(), updated.actingMunicipality(), today()));
        announce(current, updated);
        audit.record(caller, ResourceType.Inmate, id, AuditAction.UPDATE, AuditOutcome.SUCCESS);
        return updated.toInmate();
    }

    /** Issue 14: what the change means to others, written to the outbox in this transaction. */
    private void announce(InmateRecord before, InmateRecord after) {
        long version = after.version();
        UUID id = after.id();
        if ("remand".equals(before.custodyStatus()) && "sentenced".equals(after.custodyStatus())) {
            events.append(EventType.SENTENCE_STARTED, ResourceType.Inmate, id, version, id);
        }
        if (!before.currentInstitution().equals(after.currentInstitution())) {
            events.append(EventType.TRANSFERRED, ResourceType.Inmate, id, version, id);
        }
        if (!"released".equals(before.custodyStatus()) && "released".equals(after.custodyStatus())) {
            events.append(EventType.RELEASED, ResourceType.Inmate, id, version, id);
        } else if (!java.util.Objects.equals(before.expectedReleaseDate(), after.expectedReleaseDate())
                || !java.util.Objects.equals(before.expectedParoleDate(), after.expectedParoleDate())
                || before.paroleRefused() != after.paroleRefused()) {
            events.append(EventType.RELEASE_DATE_CHANGED, ResourceType.Inmate, id, version, id);
        }
        if (!before.actingMunicipality().equals(after.actingMunicipality())) {
            // R20: the old and the new municipality are both told.
            events.appendMunicipalityChange(id, version, before.actingMunicipality(), after.actingMunicipality());
        }
    }

    public Inmate read(Caller caller, UUID id) {
        caller.require(ResourceType.Inmate, Interaction.READ);
        return readVisible(caller, id, AuditAction.READ).toInmate();
    }

    /** One page of the inmate's versions, newest first, below version {@code before}. */
    public Slice<Inmate> history(Caller caller, UUID id, long before, int limit) {
        caller.require(ResourceType.Inmate, Interaction.READ);
        readVisible(caller, id, AuditAction.HISTORY);
        return Slice.of(history.findByInmateIdAndVersionLessThanOrderByVersionDesc(id, before, Pageable.from(0, limit + 1)), limit)
                .map(InmateVersionRecord::toInmate);
    }

    public Inmate version(Caller caller, UUID id, long version) {
        caller.require(ResourceType.Inmate, Interaction.READ);
        findVisible(caller, id).orElseThrow(() -> notFoundAudited(caller, id, AuditAction.HISTORY));
        Optional<InmateVersionRecord> found = history.findByInmateIdAndVersion(id, version);
        audit.recordRead(caller, ResourceType.Inmate, id, AuditAction.HISTORY,
                found.isPresent() ? AuditOutcome.SUCCESS : AuditOutcome.NOT_FOUND);
        return found.orElseThrow(() -> new NotFoundException("No such version of this inmate.")).toInmate();
    }

    /** Search filters; null means "any". */
    public record SearchFilter(String institution, String actingMunicipality, CustodyStatus custodyStatus,
                               LocalDate releaseFrom, LocalDate releaseTo) {
    }

    public Slice<Inmate> search(Caller caller, SearchFilter filter, UUID after, int limit) {
        caller.require(ResourceType.Inmate, Interaction.SEARCH);
        Optional<InmateScope> scope = InmateAccessPolicy.visibleTo(caller);
        List<InmateRecord> found = List.of();
        if (scope.isPresent()) {
            String institution = narrow(scope.get().institution(), filter.institution());
            String municipality = narrow(scope.get().municipality(), filter.actingMunicipality());
            if (!Objects.equals(institution, CONFLICT) && !Objects.equals(municipality, CONFLICT)) {
                found = inmates.search(institution, municipality, scope.get().probationOffice(), scope.get().restrictedAccess(),
                        filter.custodyStatus() == null ? null : filter.custodyStatus().code(),
                        filter.releaseFrom(), filter.releaseTo(), after, limit + 1);
            }
        }
        Slice<InmateRecord> page = Slice.of(found, limit);
        audit.recordDisclosures(caller, ResourceType.Inmate, page.items().stream().map(InmateRecord::id).toList(),
                AuditAction.SEARCH);
        return new Slice<>(page.items().stream().map(InmateRecord::toInmate).toList(), page.hasMore());
    }

    /** Lookup by CPR: the matching inmates the caller may see (none when it may see none). */
    public List<Inmate> lookup(Caller caller, Cpr cpr) {
        caller.require(ResourceType.Inmate, Interaction.SEARCH);
        List<InmateRecord> found = InmateAccessPolicy.visibleTo(caller)
                .map(s -> inmates.findVisibleByCpr(cpr.digits(), s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()))
                .orElse(List.of());
        // A lookup that finds nothing the caller may see is still attributable to the person: the
        // record keeps the keyed hash of the CPR (never the CPR).
        audit.recordLookup(caller, cpr.digits(), found.stream().map(InmateRecord::id).toList());
        return found.stream().map(InmateRecord::toInmate).toList();
    }

    private Optional<InmateRecord> findVisible(Caller caller, UUID id) {
        return InmateAccessPolicy.visibleTo(caller).flatMap(s -> inmates.findVisible(id, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()));
    }

    /** A read of one inmate, audited (durably) whether it was found or not. */
    private InmateRecord readVisible(Caller caller, UUID id, AuditAction action) {
        InmateRecord found = findVisible(caller, id).orElseThrow(() -> notFoundAudited(caller, id, action));
        audit.recordRead(caller, ResourceType.Inmate, id, action, AuditOutcome.SUCCESS);
        return found;
    }

    private NotFoundException notFoundAudited(Caller caller, UUID id, AuditAction action) {
        audit.recordRead(caller, ResourceType.Inmate, id, action, AuditOutcome.NOT_FOUND);
        return new NotFoundException(NOT_FOUND);
    }

    private static final String CONFLICT = "\u0000conflict";

    /** Combines the caller's forced scope with a requested filter: the stricter wins, disagreement matches nothing. */
    private static String narrow(String forced, String requested) {
        if (forced == null) {
            return requested;
        }
        return requested == null || requested.equals(forced) ? forced : CONFLICT;
    }

    private static String fingerprint(InmateDetails d) {
        return String.join("\u001f", d.cpr().digits(), d.name(), String.valueOf(d.birthDate()), d.custodyStatus().code(),
                String.valueOf(d.expelledByJudgment()), d.currentInstitution(), String.valueOf(d.sentenceStart()),
                String.valueOf(d.sentenceLengthDays()), String.valueOf(d.expectedParoleDate()),
                String.valueOf(d.expectedReleaseDate()), String.valueOf(d.actualReleaseDate()), d.actingMunicipality())
                // Appended only when set, so keys stored before the field existed still match their replays.
                + (d.paroleRefused() ? "\u001fparole-refused" : "");
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant now() {
        // Microseconds: what PostgreSQL stores, so the returned resource equals what a later read shows.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
