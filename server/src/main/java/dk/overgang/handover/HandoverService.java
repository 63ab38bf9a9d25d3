package dk.overgang.handover;

import dk.overgang.shared.Slice;
import dk.overgang.events.EventOutbox;
import dk.overgang.shared.EventType;
import dk.overgang.access.Caller;
import dk.overgang.access.HandoverAccessPolicy;
import dk.overgang.access.HandoverAccessPolicy.HandoverScope;
import dk.overgang.access.Interaction;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.audit.AuditLog;
import dk.overgang.audit.AuditOutcome;
import dk.overgang.idempotency.IdempotencyKeys;
import dk.overgang.shared.ConflictException;
import dk.overgang.shared.HandoverAcknowledged;
import dk.overgang.shared.HandoverSent;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.JargonFoundException;
import dk.overgang.shared.NotFoundException;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Handover use cases. Prison staff of the inmate's institution draft; only an LS/RNR-certified user
 * approves and sends (R9), which signs it and makes it immutable; the acting municipality reads sent
 * handovers of its own inmates and acknowledges them. Every access is audited.
 */
@Singleton
public class HandoverService {

    private static final String NOT_FOUND = "No handover with this id.";

    private final HandoverRepository handovers;
    private final HandoverSources sources;
    private final HandoverTranslation translation;
    private final HandoverSigner signer;
    private final AuditLog audit;
    private final IdempotencyKeys idempotency;
    private final ApplicationEventPublisher<HandoverSent> sentEvents;
    private final ApplicationEventPublisher<HandoverAcknowledged> acknowledgedEvents;
    private final Clock clock;
    private final EventOutbox events;

    HandoverService(HandoverRepository handovers, HandoverSources sources, HandoverTranslation translation,
                    HandoverSigner signer, AuditLog audit, IdempotencyKeys idempotency,
                    ApplicationEventPublisher<HandoverSent> sentEvents,
                    ApplicationEventPublisher<HandoverAcknowledged> acknowledgedEvents, Clock clock, EventOutbox events) {
        this.handovers = handovers;
        this.sources = sources;
        this.translation = translation;
        this.signer = signer;
        this.audit = audit;
        this.idempotency = idempotency;
        this.sentEvents = sentEvents;
        this.acknowledgedEvents = acknowledgedEvents;
        this.clock = clock;
        this.events = events;
    }

    /** A handover with its document as stored (canonical JSON). */
    public record View(HandoverRecord record) {

        public UUID id() {
            return record.id();
        }

        public String documentJson() {
            return record.document();
        }
    }

    /** The outcome of a draft, and whether it repeats an earlier request with the same key. */
    public record Created(View view, boolean replayed) {
    }

    @Transactional
    public Created draft(Caller caller, UUID inmateId, UUID supersedes, Optional<String> idempotencyKey) {
        caller.require(ResourceType.Handover, Interaction.CREATE);
        HandoverScope scope = HandoverAccessPolicy.draftScope(caller);
        HandoverSources.Sources s = sources.load(inmateId, scope.people())
                .orElseThrow(() -> new InvalidFieldException("inmateId", "names no inmate of your institution"));
        if (s.assessmentId() == null) {
            throw new ConflictException("conflict", "The inmate has no LS/RNR assessment to hand over yet (R4, R9).");
        }
        if (s.planId() == null) {
            throw new ConflictException("conflict", "The inmate has no action plan whose priorities could be handed over.");
        }
        if (supersedes != null) {
            HandoverRecord old = find(supersedes, scope)
                    .filter(h -> h.inmateId().equals(inmateId))
                    .orElseThrow(() -> new InvalidFieldException("supersedes", "names no handover of this inmate"));
            if (!old.status().equals("sent")) {
                throw new InvalidFieldException("supersedes", "only a sent handover can be corrected");
            }
        }
        String document = translation.canonical(translation.translate(s));
        return idempotency.once(caller, idempotencyKey, ResourceType.Handover, inmateId + "|" + supersedes,
                earlier -> new Created(new View(handovers.findById(earlier).orElseThrow()), true), () -> {
                    HandoverRecord saved = handovers.save(new HandoverRecord(UUID.randomUUID(), inmateId, "draft", document,
                            supersedes, null, caller.sub(), now(), null, null, null, null, null, null));
                    audit.record(caller, ResourceType.Handover, saved.id(), AuditAction.CREATE, AuditOutcome.SUCCESS, inmateId);
                    return new Created(new View(saved), false);
                }, created -> created.view().record().id());
    }

    /**
     * R9: approves and sends a draft; signs it; supersedes the handover it corrects. Staff-written text
     * with internal terms ({@link PlainLanguage}) is refused unless {@code jargonConfirmation} says why.
     */
    @Transactional
    public View approve(Caller caller, UUID id, String jargonConfirmation) {
        caller.require(ResourceType.Handover, Interaction.UPDATE);
        HandoverRecord draft = prisonVisible(caller, id, AuditAction.UPDATE);
        HandoverAccessPolicy.requireApprover(caller);
        if (!draft.status().equals("draft")) {
            throw new ConflictException("conflict", "This handover was already sent; correct it with a new one that supersedes it.");
        }
        List<JargonFoundException.Finding> jargon = translation.jargon(draft.document());
        boolean confirmed = jargonConfirmation != null && !jargonConfirmation.isBlank();
        if (!jargon.isEmpty() && !confirmed) {
            throw new JargonFoundException(jargon);
        }
        Instant sentAt = now();
        if (handovers.markSent(id, caller.sub(), sentAt, signer.sign(draft.document()),
                jargon.isEmpty() ? null : jargonConfirmation) != 1) {
            throw new ConflictException("conflict", "This handover was sent by someone else at the same time.");
        }
        if (draft.supersedes() != null && handovers.markSuperseded(draft.supersedes(), id) != 1) {
            throw new ConflictException("conflict", "The handover this one corrects was already superseded.");
        }
        sentEvents.publishEvent(new HandoverSent(draft.inmateId(), LocalDate.ofInstant(sentAt, clock.getZone())));
        events.append(EventType.HANDOVER_SENT, ResourceType.Handover, id, 1, draft.inmateId());
        audit.record(caller, ResourceType.Handover, id, AuditAction.APPROVE, AuditOutcome.SUCCESS, draft.inmateId());
        return new View(handovers.findById(id).orElseThrow());
    }

    @Transactional
    public View acknowledge(Caller caller, UUID id) {
        caller.require(ResourceType.Handover, Interaction.UPDATE);
        HandoverRecord sent = find(id, HandoverAccessPolicy.acknowledgeScope(caller)).orElseThrow(() -> {
            audit.record(caller, ResourceType.Handover, id, AuditAction.ACKNOWLEDGE, AuditOutcome.NOT_FOUND);
            return new NotFoundException(NOT_FOUND);
        });
        Instant at = now();
        if (handovers.markAcknowledged(id, at, caller.sub() + " (" + caller.orgId() + ")") != 1) {
            throw new ConflictException("conflict", "This handover was already acknowledged.");
        }
        acknowledgedEvents.publishEvent(new HandoverAcknowledged(sent.inmateId(), LocalDate.ofInstant(at, clock.getZone())));
        events.append(EventType.HANDOVER_ACKNOWLEDGED, ResourceType.Handover, id, 1, sent.inmateId());
        audit.record(caller, ResourceType.Handover, id, AuditAction.ACKNOWLEDGE, AuditOutcome.SUCCESS, sent.inmateId());
        return new View(handovers.findById(id).orElseThrow());
    }

    public View read(Caller caller, UUID id) {
        caller.require(ResourceType.Handover, Interaction.READ);
        HandoverRecord found = visible(caller, id).orElseThrow(() -> {
            audit.recordRead(caller, ResourceType.Handover, id, AuditAction.READ, AuditOutcome.NOT_FOUND);
            return new NotFoundException(NOT_FOUND);
        });
        audit.recordRead(caller, ResourceType.Handover, id, AuditAction.READ, AuditOutcome.SUCCESS, found.inmateId());
        return new View(found);
    }

    /** One page of the inmate's handovers the caller may see, after the handover {@code after}. */
    public Slice<View> forInmate(Caller caller, UUID inmateId, UUID after, int limit) {
        caller.require(ResourceType.Handover, Interaction.SEARCH);
        Slice<HandoverRecord> found = Slice.after(HandoverAccessPolicy.readScope(caller)
                .map(scope -> handovers.findVisibleByInmate(inmateId, scope.people().institution(),
                        scope.people().municipality(), scope.people().probationOffice(), scope.people().restrictedAccess(), scope.drafts()))
                .orElse(List.of()), HandoverRecord::id, after, limit);
        audit.recordDisclosures(caller, ResourceType.Handover, found.items().stream().map(HandoverRecord::id).toList(),
                AuditAction.SEARCH, found.items().stream().map(HandoverRecord::inmateId).toList());
        return found.map(View::new);
    }

    public List<java.util.Map<String, Object>> signingKeys() {
        return signer.publicKeys();
    }

    private Optional<HandoverRecord> visible(Caller caller, UUID id) {
        return HandoverAccessPolicy.readScope(caller).flatMap(scope -> find(id, scope));
    }

    private Optional<HandoverRecord> find(UUID id, HandoverScope scope) {
        return handovers.findVisible(id, scope.people().institution(), scope.people().municipality(),
                scope.people().probationOffice(), scope.people().restrictedAccess(), scope.drafts());
    }

    /** A handover the caller's prison may work on (drafts included); 404 for everyone else. */
    private HandoverRecord prisonVisible(Caller caller, UUID id, AuditAction action) {
        Optional<HandoverRecord> found = HandoverAccessPolicy.readScope(caller).filter(HandoverScope::drafts)
                .flatMap(scope -> find(id, scope));
        return found.orElseThrow(() -> {
            audit.record(caller, ResourceType.Handover, id, action, AuditOutcome.NOT_FOUND);
            return new NotFoundException(NOT_FOUND);
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
