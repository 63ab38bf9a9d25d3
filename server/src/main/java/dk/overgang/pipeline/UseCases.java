package dk.overgang.pipeline;

import dk.overgang.shared.ConflictException;
import dk.overgang.access.Caller;
import dk.overgang.access.Interaction;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.audit.AuditLog;
import dk.overgang.audit.AuditOutcome;
import dk.overgang.idempotency.IdempotencyKeys;
import dk.overgang.shared.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one pipeline around every use case (issue 26). In order: the caller's scope for the resource
 * type and interaction; the use case's domain logic, which states its {@link Facts}; then the audit
 * record and, for a write, the events, in the write's transaction. A use case that finds nothing it
 * may show throws {@link NotFoundException}; the pipeline records the not-found (committed on its
 * own, so the write's transaction rolls back as any failed one does) and lets it through.
 * An idempotent create claims its key first ({@link IdempotencyKeys#once}) and answers a retry with
 * what the first request made.
 */
@Singleton
public class UseCases {

    private final AuditLog audit;
    private final Outbox outbox;
    private final IdempotencyKeys idempotency;

    UseCases(AuditLog audit, Outbox outbox, IdempotencyKeys idempotency) {
        this.audit = audit;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    /**
     * A read, search or list: the audit record (one resource, or everything a search disclosed) is
     * committed before the answer goes out; no transaction is opened for the read itself.
     */
    public <R> R read(Caller caller, ResourceType type, AuditAction action, @Nullable UUID id, Function<Facts, R> useCase) {
        return read(caller, new Scope(type, interactionOf(action)), type, action, id, useCase);
    }

    /** A read whose scope is another resource type's than the audit record names (an auditor's legal-hold read). */
    public <R> R read(Caller caller, Scope scope, ResourceType type, AuditAction action, @Nullable UUID id, Function<Facts, R> useCase) {
        caller.require(scope.type(), scope.interaction());
        Facts facts = new Facts(type, id);
        R result;
        try {
            result = useCase.apply(facts);
        } catch (NotFoundException e) {
            audit.recordRead(caller, type, facts.resourceId(), action, AuditOutcome.NOT_FOUND, facts.subject());
            throw e;
        }
        if (facts.lookedUpCpr() != null) {
            audit.recordLookup(caller, facts.lookedUpCpr(), facts.disclosedIds());
        } else if (facts.isDisclosure()) {
            audit.recordDisclosures(caller, type, facts.disclosedIds(), action, facts.disclosedSubjects());
        } else {
            audit.recordRead(caller, type, facts.resourceId(), action, AuditOutcome.SUCCESS, facts.subject());
        }
        return result;
    }

    /** A change: the use case, its audit record and its events commit together, or none of them. */
    @Transactional
    public <R> R write(Caller caller, ResourceType type, AuditAction action, @Nullable UUID id, Function<Facts, R> useCase) {
        return write(caller, type, interactionOf(action), action, id, useCase);
    }

    /** A change whose scope is another interaction than its audit action names (a create-or-update). */
    @Transactional
    public <R> R write(Caller caller, ResourceType type, Interaction interaction, AuditAction action, @Nullable UUID id,
                       Function<Facts, R> useCase) {
        return write(caller, new Scope(type, interaction), type, action, id, useCase);
    }

    /** A change whose scope is another resource type's than the audit record names. */
    @Transactional
    public <R> R write(Caller caller, Scope scope, ResourceType type, AuditAction action, @Nullable UUID id,
                       Function<Facts, R> useCase) {
        caller.require(scope.type(), scope.interaction());
        Facts facts = new Facts(type, id);
        R result = run(caller, action, facts, useCase);
        commit(caller, action, facts);
        return result;
    }

    /**
     * An idempotent create: with a key, an earlier request's resource is answered again
     * ({@code replay} of its id, recorded as a read of it), or the use case runs and the key is
     * completed with the id {@code idOf} names, in the same transaction.
     */
    @Transactional
    public <R> R create(Caller caller, ResourceType type, Optional<String> key, String fingerprint,
                        BiFunction<Facts, UUID, R> replay, Function<Facts, R> useCase, Function<R, UUID> idOf) {
        caller.require(type, Interaction.CREATE);
        Facts facts = new Facts(type, null);
        return idempotency.once(caller, key, type, fingerprint, earlier -> {
            R again = replay.apply(facts.resource(earlier), earlier);
            audit.record(caller, type, earlier, AuditAction.READ, AuditOutcome.SUCCESS, facts.subject());
            return again;
        }, () -> {
            R created = run(caller, AuditAction.CREATE, facts, useCase);
            commit(caller, AuditAction.CREATE, facts);
            return created;
        }, idOf);
    }

    private <R> R run(Caller caller, AuditAction action, Facts facts, Function<Facts, R> useCase) {
        try {
            return useCase.apply(facts);
        } catch (NotFoundException e) {
            audit.record(caller, facts.type(), facts.resourceId(), action, AuditOutcome.NOT_FOUND, facts.subject());
            throw e;
        } catch (ConflictException e) {
            // A write the stored state refuses (a duplicate, a change already made): on record as refused.
            audit.record(caller, facts.type(), facts.resourceId(), action, AuditOutcome.PRECONDITION_FAILED, facts.subject());
            throw e;
        }
    }

    private void commit(Caller caller, AuditAction action, Facts facts) {
        audit.record(caller, facts.type(), facts.resourceId(), facts.action(action), AuditOutcome.SUCCESS, facts.subject());
        facts.also().forEach(a -> audit.record(caller, a.type(), a.id(), a.action(), AuditOutcome.SUCCESS, a.subject()));
        facts.events().forEach(outbox::append);
    }

    /** The scope an operation needs: an interaction with a resource type. */
    public record Scope(ResourceType type, Interaction interaction) {
    }

    /** The scope an audit action needs: a history or export is a read, a lookup a search, the rest change. */
    static Interaction interactionOf(AuditAction action) {
        return switch (action) {
            case CREATE -> Interaction.CREATE;
            case READ, HISTORY, EXPORT -> Interaction.READ;
            case SEARCH, LOOKUP -> Interaction.SEARCH;
            case UPDATE, FULFIL, APPROVE, ACKNOWLEDGE -> Interaction.UPDATE;
            case DELETE -> Interaction.DELETE;
        };
    }
}
