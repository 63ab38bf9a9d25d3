package dk.overgang.inmate;

import dk.overgang.shared.EventType;
import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Event;
import dk.overgang.pipeline.Facts;
import dk.overgang.pipeline.UseCases;
import dk.overgang.shared.ConflictException;
import dk.overgang.shared.DomainException;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InmateChanged;
import io.micronaut.context.event.ApplicationEventPublisher;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import dk.overgang.shared.Slice;
import io.micronaut.data.exceptions.OptimisticLockException;
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
    private final UseCases useCases;
    private final ApplicationEventPublisher<InmateChanged> changes;
    private final Clock clock;

    InmateService(InmateRepository inmates, UseCases useCases,
                  ApplicationEventPublisher<InmateChanged> changes, Clock clock) {
        this.inmates = inmates;
        this.useCases = useCases;
        this.changes = changes;
        this.clock = clock;
    }

    /** The outcome of a create: the inmate, and whether an earlier request with the same key made it. */
    public record Created(Inmate inmate, boolean replayed) {
    }

    public Created create(Caller caller, InmateDetails details, Optional<String> idempotencyKey) {
        return create(caller, details, idempotencyKey, false);
    }

    /**
     * Registers an inmate. Issue 17: without an {@code Idempotency-Key}, a CPR number that still has an
     * open (not released) custody record at the institution is refused with that record's id (a
     * retried request makes no second record), unless {@code confirmNewCustodyRecord}.
     */
    public Created create(Caller caller, InmateDetails details, Optional<String> idempotencyKey,
                          boolean confirmNewCustodyRecord) {
        return useCases.create(caller, ResourceType.Inmate, idempotencyKey, fingerprint(details), (facts, earlier) -> {
            requireRegistrar(caller, details);
            return new Created(inmates.findVersion(earlier, 1L).orElseThrow().toInmate(), true);
        }, facts -> {
            requireRegistrar(caller, details);
            if (idempotencyKey.isEmpty() && !confirmNewCustodyRecord) {
                Optional<InmateRecord> open = inmates.findVisibleByCpr(details.cpr().digits(), details.currentInstitution(), null, null,
                        InmateAccessPolicy.restrictedAccess(caller))
                        .stream().filter(r -> !"released".equals(r.custodyStatus())).findFirst();
                if (open.isPresent()) {
                    facts.resource(open.get().id());
                    throw new ConflictException("duplicate-custody-record", "This CPR number has an open custody record at the"
                            + " institution (existingId). Send confirmNewCustodyRecord: true to register a new one.", open.get().id());
                }
            }
            InmateRecord saved = inmates.save(InmateRecord.of(UUID.randomUUID(), 1, now(), details,
                    caller.orgType().claim(), caller.orgId()));
            changes.publishEvent(new InmateChanged(saved.id(), null, saved.actingMunicipality(), today()));
            facts.resource(saved.id()).tell(EventType.ADMITTED, saved.version());
            return new Created(saved.toInmate(), false);
        }, created -> created.inmate().id());
    }

    private static void requireRegistrar(Caller caller, InmateDetails details) {
        if (!InmateAccessPolicy.mayWrite(caller, details.currentInstitution())) {
            throw new ForbiddenException("Only prison staff register inmates, and only for their own institution.");
        }
    }

    /**
     * Replaces the inmate's details, conditional on {@code ifMatchVersion} being the current version.
     * The database refuses the update if another writer got there first ({@code @Version}).
     */
    public Inmate update(Caller caller, UUID id, Optional<Long> ifMatchVersion, InmateDetails details) {
        return useCases.write(caller, ResourceType.Inmate, AuditAction.UPDATE, id, facts -> {
        InmateRecord current = findVisible(caller, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
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
        announce(current, updated, facts);
        return updated.toInmate();
        });
    }

    /** Issue 14: what the change means to others, written to the outbox in this transaction. */
    private static void announce(InmateRecord before, InmateRecord after, Facts facts) {
        long version = after.version();
        UUID id = after.id();
        if ("remand".equals(before.custodyStatus()) && "sentenced".equals(after.custodyStatus())) {
            facts.tell(EventType.SENTENCE_STARTED, version);
        }
        if (!before.currentInstitution().equals(after.currentInstitution())) {
            facts.tell(EventType.TRANSFERRED, version);
        }
        if (!"released".equals(before.custodyStatus()) && "released".equals(after.custodyStatus())) {
            facts.tell(EventType.RELEASED, version);
        } else if (!java.util.Objects.equals(before.expectedReleaseDate(), after.expectedReleaseDate())
                || !java.util.Objects.equals(before.expectedParoleDate(), after.expectedParoleDate())
                || before.paroleRefused() != after.paroleRefused()) {
            facts.tell(EventType.RELEASE_DATE_CHANGED, version);
        }
        if (!before.actingMunicipality().equals(after.actingMunicipality())) {
            // R20: the old and the new municipality are both told.
            facts.tell(Event.municipalityChanged(id, version, before.actingMunicipality(), after.actingMunicipality()));
        }
    }

    public Inmate read(Caller caller, UUID id) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.READ, id, facts -> visible(caller, id).toInmate());
    }

    /** One page of the inmate's versions, newest first, below version {@code before}. */
    public Slice<Inmate> history(Caller caller, UUID id, long before, int limit) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.HISTORY, id, facts -> {
            visible(caller, id);
            return Slice.of(inmates.findVersions(id, before, limit + 1), limit)
                    .map(InmateRecord::toInmate);
        });
    }

    public Inmate version(Caller caller, UUID id, long version) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.HISTORY, id, facts -> {
            visible(caller, id);
            return inmates.findVersion(id, version)
                    .orElseThrow(() -> new NotFoundException("No such version of this inmate.")).toInmate();
        });
    }

    /** Search filters; null means "any". */
    public record SearchFilter(String institution, String actingMunicipality, CustodyStatus custodyStatus,
                               LocalDate releaseFrom, LocalDate releaseTo) {
    }

    public Slice<Inmate> search(Caller caller, SearchFilter filter, UUID after, int limit) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.SEARCH, null, facts -> {
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
        List<UUID> people = page.items().stream().map(InmateRecord::id).toList();
        facts.disclosed(people, people);
        return page.map(InmateRecord::toInmate);
        });
    }

    /** Lookup by CPR: the matching inmates the caller may see (none when it may see none). */
    public List<Inmate> lookup(Caller caller, Cpr cpr) {
        return useCases.read(caller, ResourceType.Inmate, AuditAction.LOOKUP, null, facts -> {
            List<InmateRecord> found = InmateAccessPolicy.visibleTo(caller)
                    .map(s -> inmates.findVisibleByCpr(cpr.digits(), s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()))
                    .orElse(List.of());
            facts.lookedUp(cpr.digits(), found.stream().map(InmateRecord::id).toList());
            return found.stream().map(InmateRecord::toInmate).toList();
        });
    }

    private Optional<InmateRecord> findVisible(Caller caller, UUID id) {
        return InmateAccessPolicy.visibleTo(caller).flatMap(s -> inmates.findVisible(id, s.institution(), s.municipality(), s.probationOffice(), s.restrictedAccess()));
    }

    private InmateRecord visible(Caller caller, UUID id) {
        return findVisible(caller, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
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
