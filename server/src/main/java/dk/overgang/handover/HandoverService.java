package dk.overgang.handover;

import dk.overgang.shared.Slice;
import dk.overgang.shared.EventType;
import dk.overgang.access.Caller;
import dk.overgang.access.HandoverAccessPolicy;
import dk.overgang.access.HandoverAccessPolicy.HandoverScope;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.UseCases;
import dk.overgang.shared.ConflictException;
import dk.overgang.shared.HandoverAcknowledged;
import dk.overgang.shared.HandoverSent;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.JargonFoundException;
import dk.overgang.shared.NotFoundException;
import io.micronaut.context.event.ApplicationEventPublisher;
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
    private final UseCases useCases;
    private final ApplicationEventPublisher<HandoverSent> sentEvents;
    private final ApplicationEventPublisher<HandoverAcknowledged> acknowledgedEvents;
    private final Clock clock;

    HandoverService(HandoverRepository handovers, HandoverSources sources, HandoverTranslation translation,
                    HandoverSigner signer, UseCases useCases, ApplicationEventPublisher<HandoverSent> sentEvents,
                    ApplicationEventPublisher<HandoverAcknowledged> acknowledgedEvents, Clock clock) {
        this.handovers = handovers;
        this.sources = sources;
        this.translation = translation;
        this.signer = signer;
        this.useCases = useCases;
        this.sentEvents = sentEvents;
        this.acknowledgedEvents = acknowledgedEvents;
        this.clock = clock;
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

    public Created draft(Caller caller, UUID inmateId, UUID supersedes, Optional<String> idempotencyKey) {
        return useCases.create(caller, ResourceType.Handover, idempotencyKey, inmateId + "|" + supersedes, (facts, earlier) -> {
            sourcesToHandOver(caller, inmateId, supersedes);
            facts.about(inmateId);
            return new Created(new View(handovers.findById(earlier).orElseThrow()), true);
        }, facts -> {
            String document = translation.canonical(translation.translate(sourcesToHandOver(caller, inmateId, supersedes)));
            HandoverRecord saved = handovers.save(new HandoverRecord(UUID.randomUUID(), inmateId, "draft", document,
                    supersedes, null, caller.sub(), now(), null, null, null, null, null, null));
            facts.resource(saved.id()).about(inmateId);
            return new Created(new View(saved), false);
        }, created -> created.view().record().id());
    }

    /** What a draft hands over (R4, R9): the inmate's assessment and plan; a correction names a sent handover of the inmate. */
    private HandoverSources.Sources sourcesToHandOver(Caller caller, UUID inmateId, UUID supersedes) {
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
        return s;
    }

    /**
     * R9: approves and sends a draft; signs it; supersedes the handover it corrects. Staff-written text
     * with internal terms ({@link PlainLanguage}) is refused unless {@code jargonConfirmation} says why.
     */
    public View approve(Caller caller, UUID id, String jargonConfirmation) {
        return useCases.write(caller, ResourceType.Handover, AuditAction.APPROVE, id, facts -> {
            HandoverRecord draft = prisonVisible(caller, id);
            facts.about(draft.inmateId());
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
            facts.tell(EventType.HANDOVER_SENT, 1);
            return new View(handovers.findById(id).orElseThrow());
        });
    }

    public View acknowledge(Caller caller, UUID id) {
        return useCases.write(caller, ResourceType.Handover, AuditAction.ACKNOWLEDGE, id, facts -> {
            HandoverRecord sent = find(id, HandoverAccessPolicy.acknowledgeScope(caller))
                    .orElseThrow(() -> new NotFoundException(NOT_FOUND));
            facts.about(sent.inmateId());
            Instant at = now();
            if (handovers.markAcknowledged(id, at, caller.sub() + " (" + caller.orgId() + ")") != 1) {
                throw new ConflictException("conflict", "This handover was already acknowledged.");
            }
            acknowledgedEvents.publishEvent(new HandoverAcknowledged(sent.inmateId(), LocalDate.ofInstant(at, clock.getZone())));
            facts.tell(EventType.HANDOVER_ACKNOWLEDGED, 1);
            return new View(handovers.findById(id).orElseThrow());
        });
    }

    public View read(Caller caller, UUID id) {
        return useCases.read(caller, ResourceType.Handover, AuditAction.READ, id, facts -> {
            HandoverRecord found = visible(caller, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
            facts.about(found.inmateId());
            return new View(found);
        });
    }

    /** One page of the inmate's handovers the caller may see, after the handover {@code after}. */
    public Slice<View> forInmate(Caller caller, UUID inmateId, UUID after, int limit) {
        return useCases.read(caller, ResourceType.Handover, AuditAction.SEARCH, null, facts -> {
            Slice<HandoverRecord> found = Slice.after(HandoverAccessPolicy.readScope(caller)
                    .map(scope -> handovers.findVisibleByInmate(inmateId, scope.people().institution(),
                            scope.people().municipality(), scope.people().probationOffice(), scope.people().restrictedAccess(), scope.drafts()))
                    .orElse(List.of()), HandoverRecord::id, after, limit);
            facts.disclosed(found.items().stream().map(HandoverRecord::id).toList(),
                    found.items().stream().map(HandoverRecord::inmateId).toList());
            return found.map(View::new);
        });
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
    private HandoverRecord prisonVisible(Caller caller, UUID id) {
        return HandoverAccessPolicy.readScope(caller).filter(HandoverScope::drafts)
                .flatMap(scope -> find(id, scope)).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
