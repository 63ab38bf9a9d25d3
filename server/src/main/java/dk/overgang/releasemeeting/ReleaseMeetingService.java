package dk.overgang.releasemeeting;

import dk.overgang.shared.EventType;
import dk.overgang.access.Caller;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.InmateAccessPolicy.InmateScope;
import dk.overgang.access.ReleaseMeetingAccessPolicy;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Facts;
import dk.overgang.pipeline.UseCases;
import dk.overgang.rules.ReleaseMeetingInvitees;
import dk.overgang.shared.CaseFactsChanged;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import dk.overgang.shared.Slice;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.exceptions.OptimisticLockException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Release meeting use cases (R10). Every access is audited on the meeting and on its person (so an
 * auditor finds it from either); a change recomputes the case's deadlines and the invitees' worklists
 * in the same transaction (R10 is fulfilled by a called, not cancelled, meeting).
 */
@Singleton
public class ReleaseMeetingService {

    private static final String NOT_FOUND = "No release meeting with this id.";

    private final ReleaseMeetingRepository meetings;
    private final UseCases useCases;
    private final ApplicationEventPublisher<CaseFactsChanged> changes;
    private final Clock clock;

    ReleaseMeetingService(ReleaseMeetingRepository meetings, UseCases useCases,
                          ApplicationEventPublisher<CaseFactsChanged> changes, Clock clock) {
        this.meetings = meetings;
        this.useCases = useCases;
        this.changes = changes;
        this.clock = clock;
    }

    /** A meeting as shown: the meeting, its person's name, and who is invited now. */
    public record View(ReleaseMeeting meeting, String inmateName, List<ReleaseMeetingInvitees.Invitee> invitees) {
    }

    public record Created(View view, boolean replayed) {
    }

    public Created create(Caller caller, ReleaseMeeting.Details details, Optional<String> idempotencyKey) {
        return useCases.create(caller, ResourceType.ReleaseMeeting, idempotencyKey, fingerprint(details), (facts, earlier) -> {
            ReleaseMeetingRepository.InmateSide inmate = inmateToMeet(caller, details);
            ReleaseMeeting first = meetings.findVersion(earlier, 1L).orElseThrow().toMeeting();
            facts.about(details.inmateId());
            return new Created(view(first, inmate), true);
        }, facts -> {
            ReleaseMeetingRepository.InmateSide inmate = inmateToMeet(caller, details);
            UUID id = UUID.randomUUID();
            ReleaseMeetingRecord saved = meetings.save(ReleaseMeetingRecord.of(id, 1L, now(), details, today(), caller.sub(),
                    caller.orgType().claim(), caller.orgId(), caller.sub()));
            storeInvitees(id, details);
            changes.publishEvent(new CaseFactsChanged(details.inmateId()));
            facts.resource(id).about(details.inmateId()).tell(EventType.RELEASE_MEETING_SCHEDULED, 1);
            return new Created(view(saved.toMeeting(), inmate), false);
        }, created -> created.view().meeting().id());
    }

    /** The person a new meeting is for: one of the caller's institution (R10); the details must make sense. */
    private ReleaseMeetingRepository.InmateSide inmateToMeet(Caller caller, ReleaseMeeting.Details details) {
        ReleaseMeetingAccessPolicy.requireCaller(caller);
        ReleaseMeetingRepository.InmateSide inmate = meetings.inmateSide(details.inmateId())
                .filter(i -> ReleaseMeetingAccessPolicy.mayWrite(caller, i.currentInstitution()))
                .orElseThrow(() -> new InvalidFieldException("inmateId", "names no inmate of your institution"));
        if (details.status() == ReleaseMeeting.Status.CANCELLED) {
            throw new InvalidFieldException("status", "a meeting is called planned (or recorded held), not cancelled");
        }
        requireHeldOnlyOnceStarted(details);
        return inmate;
    }

    public View update(Caller caller, UUID id, Optional<Long> ifMatchVersion, ReleaseMeeting.Details details) {
        return useCases.write(caller, ResourceType.ReleaseMeeting, AuditAction.UPDATE, id, facts -> {
            ReleaseMeetingRecord current = visible(caller, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
            facts.about(current.inmateId());
            ReleaseMeetingRepository.InmateSide inmate = meetings.inmateSide(current.inmateId()).orElseThrow();
            if (!ReleaseMeetingAccessPolicy.mayWrite(caller, inmate.currentInstitution())) {
                throw new ForbiddenException("Only the prison staff of the inmate's institution change a release meeting (R10).");
            }
            if (!details.inmateId().equals(current.inmateId())) {
                throw new InvalidFieldException("inmateId", "must not change; call a new meeting for another inmate");
            }
            requireHeldOnlyOnceStarted(details);
            long expected = Preconditions.requireCurrentVersion(ifMatchVersion, current.version(), "the release meeting");
            ReleaseMeetingRecord updated;
            try {
                updated = meetings.update(ReleaseMeetingRecord.of(id, expected, now(), details, current.calledOn(),
                        current.calledBySub(), current.calledByOrgType(), current.calledByOrgId(), caller.sub()));
            } catch (OptimisticLockException e) {
                throw Preconditions.concurrentChange("the release meeting");
            }
            meetings.clearInvitees(id);
            storeInvitees(id, details);
            changes.publishEvent(new CaseFactsChanged(current.inmateId()));
            return view(updated.toMeeting(), inmate);
        });
    }

    public View read(Caller caller, UUID id) {
        return useCases.read(caller, ResourceType.ReleaseMeeting, AuditAction.READ, id, facts -> {
            ReleaseMeetingRecord found = readVisible(caller, id, facts);
            return view(found.toMeeting(), meetings.inmateSide(found.inmateId()).orElseThrow());
        });
    }

    /** One page of the meeting's versions, newest first, below version {@code before}. */
    public Slice<View> history(Caller caller, UUID id, long before, int limit) {
        return useCases.read(caller, ResourceType.ReleaseMeeting, AuditAction.HISTORY, id, facts -> {
            ReleaseMeetingRecord found = readVisible(caller, id, facts);
            var inmate = meetings.inmateSide(found.inmateId()).orElseThrow();
            return Slice.of(meetings.findVersions(id, before, limit + 1), limit)
                    .map(v -> view(v.toMeeting(), inmate));
        });
    }

    /** Search filters; null means "any". */
    public record SearchFilter(UUID inmateId, LocalDate from, LocalDate to) {
    }

    public Slice<View> search(Caller caller, SearchFilter filter, LocalDate afterDate, UUID afterId, int limit) {
        return useCases.read(caller, ResourceType.ReleaseMeeting, AuditAction.SEARCH, null, facts -> {
            List<ReleaseMeetingRecord> found = List.of();
            if (ReleaseMeetingAccessPolicy.mayBeInvited(caller)) {
                Optional<InmateScope> scope = InmateAccessPolicy.visibleTo(caller);
                InmateScope s = scope.orElse(InmateScope.UNRESTRICTED);
                found = meetings.search(scope.isPresent(), s.institution(), s.municipality(), s.probationOffice(),
                        InmateAccessPolicy.restrictedAccess(caller),
                        caller.orgType().claim(), caller.orgId(), filter.inmateId(), filter.from(), filter.to(), afterDate,
                        afterId, limit + 1);
            }
            Slice<ReleaseMeetingRecord> page = Slice.of(found, limit);
            facts.disclosed(page.items().stream().map(ReleaseMeetingRecord::id).toList(),
                    page.items().stream().map(ReleaseMeetingRecord::inmateId).toList());
            return page.map(r -> view(r.toMeeting(), meetings.inmateSide(r.inmateId()).orElseThrow()));
        });
    }

    private Optional<ReleaseMeetingRecord> visible(Caller caller, UUID id) {
        if (!ReleaseMeetingAccessPolicy.mayBeInvited(caller)) {
            return Optional.empty();
        }
        Optional<InmateScope> scope = InmateAccessPolicy.visibleTo(caller);
        InmateScope s = scope.orElse(InmateScope.UNRESTRICTED);
        return meetings.findVisible(id, scope.isPresent(), s.institution(), s.municipality(), s.probationOffice(),
                    InmateAccessPolicy.restrictedAccess(caller),
                caller.orgType().claim(), caller.orgId());
    }

    private ReleaseMeetingRecord readVisible(Caller caller, UUID id, Facts facts) {
        ReleaseMeetingRecord found = visible(caller, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        facts.about(found.inmateId());
        return found;
    }

    private void requireHeldOnlyOnceStarted(ReleaseMeeting.Details details) {
        if (details.status() == ReleaseMeeting.Status.HELD && details.startsAt().toInstant().isAfter(Instant.now(clock))) {
            throw new InvalidFieldException("status", "a meeting that has not started yet cannot have been held");
        }
    }

    private void storeInvitees(UUID id, ReleaseMeeting.Details details) {
        details.added().forEach(a -> meetings.addInvitee(id, a.orgType(), a.orgId()));
    }

    private static View view(ReleaseMeeting meeting, ReleaseMeetingRepository.InmateSide inmate) {
        return new View(meeting, inmate.name(), ReleaseMeetingInvitees.of(inmate.currentInstitution(),
                inmate.actingMunicipality(), inmate.probationOffice(), meeting.details().added()));
    }

    private static String fingerprint(ReleaseMeeting.Details d) {
        return String.join("\u001f", d.inmateId().toString(), d.startsAt().toInstant().toString(), String.valueOf(d.place()),
                String.valueOf(d.videoLink()), String.valueOf(d.inmateInvited()), d.added().toString(), d.status().code(),
                String.valueOf(d.outcomeNotes()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
