package dk.overgang.events;

import dk.overgang.shared.EventType;
import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
import dk.overgang.outbound.EndpointPolicy;
import dk.overgang.access.Caller;
import dk.overgang.access.Interaction;
import dk.overgang.access.ResourceType;
import dk.overgang.access.SubscriptionAccessPolicy;
import dk.overgang.audit.AuditAction;
import dk.overgang.audit.AuditLog;
import dk.overgang.audit.AuditOutcome;
import dk.overgang.idempotency.IdempotencyKeys;
import dk.overgang.shared.UnprocessableFieldException;
import dk.overgang.shared.NotFoundException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscriptions and the event feed (issue 14). An organisation manages only its own subscriptions;
 * another's answers 404, as a missing one. The feed and the deliveries show only events the
 * organisation may see now ({@link EventAudience}); police districts and NGO programmes subscribe only
 * to the types they can ever be told of.
 */
@Singleton
public class SubscriptionService {

    private static final String NO_SUBSCRIPTION = "No subscription with this id.";
    /** How long the previous secret still signs after a rotation (Standard Webhooks: receivers switch over). */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private final SubscriptionStore store;
    private final EndpointPolicy endpoints;
    private final IdempotencyKeys idempotency;
    private final AuditLog audit;
    private final Clock clock;

    SubscriptionService(SubscriptionStore store, EndpointPolicy endpoints, IdempotencyKeys idempotency, AuditLog audit,
                        Clock clock) {
        this.store = store;
        this.endpoints = endpoints;
        this.idempotency = idempotency;
        this.audit = audit;
        this.clock = clock;
    }

    /** A created subscription, its secret (null on a replay: a secret is shown once), and whether it was a replay. */
    public record Created(SubscriptionStore.SubscriptionRow subscription, String secret, boolean replayed) {
    }

    public record Rotated(String secret, Instant previousValidUntil) {
    }

    @Transactional
    public Created create(Caller caller, String endpoint, List<String> eventTypes, Optional<String> key) {
        caller.require(ResourceType.Subscription, Interaction.CREATE);
        SubscriptionAccessPolicy.requireSubscriber(caller);
        List<String> types = eventTypes.stream().sorted().toList();
        List<String> refused = EventAudience.refused(caller.orgType(), types);
        if (!refused.isEmpty()) {
            throw new UnprocessableFieldException("event-type-not-allowed", "eventTypes", "names events a " + caller.orgType().claim()
                    + " organisation is never told of: " + String.join(", ", refused) + "; it may subscribe to "
                    + EventAudience.typesFor(caller.orgType()).stream().map(EventType::code).sorted().toList());
        }
        endpoints.validate(endpoint);
        return idempotency.once(caller, key, ResourceType.Subscription, endpoint + "|" + types,
                earlier -> new Created(store.find(earlier).orElseThrow(), null, true), () -> {
                    Instant now = now();
                    String secret = WebhookSignature.newSecret();
                    var row = new SubscriptionStore.SubscriptionRow(UUID.randomUUID(), 1, now, caller.orgType().claim(),
                            caller.orgId(), endpoint, types, secret, null, null, "active", now);
                    store.insert(row, caller.sub());
                    audit.record(caller, ResourceType.Subscription, row.id(), AuditAction.CREATE, AuditOutcome.SUCCESS);
                    return new Created(row, secret, false);
                }, created -> created.subscription().id());
    }

    /** One page of the caller's organisation's subscriptions, newest first. */
    public Slice<SubscriptionStore.SubscriptionRow> list(Caller caller, Cursors.InstantAndKey after, int limit) {
        caller.require(ResourceType.Subscription, Interaction.SEARCH);
        SubscriptionAccessPolicy.requireSubscriber(caller);
        return Slice.of(store.ofOrganisation(caller.orgType().claim(), caller.orgId(), after, limit + 1), limit);
    }

    public SubscriptionStore.SubscriptionRow read(Caller caller, UUID id) {
        caller.require(ResourceType.Subscription, Interaction.READ);
        return own(caller, id, AuditAction.READ);
    }

    @Transactional
    public void stop(Caller caller, UUID id) {
        caller.require(ResourceType.Subscription, Interaction.DELETE);
        own(caller, id, AuditAction.DELETE);
        store.stop(id, now());
        audit.record(caller, ResourceType.Subscription, id, AuditAction.DELETE, AuditOutcome.SUCCESS);
    }

    @Transactional
    public Rotated rotate(Caller caller, UUID id) {
        caller.require(ResourceType.Subscription, Interaction.UPDATE);
        own(caller, id, AuditAction.UPDATE);
        Instant now = now();
        String secret = WebhookSignature.newSecret();
        Instant until = now.plus(ROTATION_OVERLAP);
        store.rotate(id, secret, now, until);
        audit.record(caller, ResourceType.Subscription, id, AuditAction.UPDATE, AuditOutcome.SUCCESS);
        return new Rotated(secret, until);
    }

    public List<SubscriptionStore.DeliveryRow> deliveries(Caller caller, UUID id, String status, long beforeId, int limit) {
        caller.require(ResourceType.Subscription, Interaction.SEARCH);
        own(caller, id, AuditAction.SEARCH);
        return store.deliveries(id, status, beforeId, limit);
    }

    @Transactional
    public SubscriptionStore.DeliveryRow redeliver(Caller caller, UUID id, long deliveryId) {
        caller.require(ResourceType.Subscription, Interaction.UPDATE);
        own(caller, id, AuditAction.UPDATE);
        SubscriptionStore.DeliveryRow row = store.requeue(id, deliveryId, now())
                .orElseThrow(() -> new NotFoundException("No delivery with this id."));
        audit.record(caller, ResourceType.Subscription, id, AuditAction.UPDATE, AuditOutcome.SUCCESS);
        return row;
    }

    /** The feed: events after {@code afterPk} about people the caller's organisation may see now. */
    public List<SubscriptionStore.EventRow> feed(Caller caller, long afterPk, int limit) {
        caller.require(ResourceType.Subscription, Interaction.SEARCH);
        SubscriptionAccessPolicy.requireSubscriber(caller);
        List<SubscriptionStore.EventRow> events = store.feed(caller.orgType().claim(), caller.orgId(),
                EventAudience.typesFor(caller.orgType()), afterPk, limit);
        audit.recordDisclosures(caller, ResourceType.Subscription,
                events.stream().map(SubscriptionStore.EventRow::resourceId).distinct().toList(), AuditAction.SEARCH,
                events.stream().map(SubscriptionStore.EventRow::inmateId).filter(Objects::nonNull).distinct().toList());
        return events;
    }

    private SubscriptionStore.SubscriptionRow own(Caller caller, UUID id, AuditAction action) {
        SubscriptionAccessPolicy.requireSubscriber(caller);
        return store.find(id, caller.orgType().claim(), caller.orgId()).orElseThrow(() -> {
            audit.record(caller, ResourceType.Subscription, id, action, AuditOutcome.NOT_FOUND);
            return new NotFoundException(NO_SUBSCRIPTION);
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
