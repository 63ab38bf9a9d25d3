package dk.overgang.events;

import dk.overgang.shared.EventType;
import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
import dk.overgang.outbound.EndpointPolicy;
import dk.overgang.access.Caller;
import dk.overgang.access.ResourceType;
import dk.overgang.access.SubscriptionAccessPolicy;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.UseCases;
import dk.overgang.shared.UnprocessableFieldException;
import dk.overgang.shared.NotFoundException;
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
    private final UseCases useCases;
    private final Clock clock;

    SubscriptionService(SubscriptionStore store, EndpointPolicy endpoints, UseCases useCases, Clock clock) {
        this.store = store;
        this.endpoints = endpoints;
        this.useCases = useCases;
        this.clock = clock;
    }

    /** A created subscription, its secret (null on a replay: a secret is shown once), and whether it was a replay. */
    public record Created(SubscriptionStore.SubscriptionRow subscription, String secret, boolean replayed) {
    }

    public record Rotated(String secret, Instant previousValidUntil) {
    }

    public Created create(Caller caller, String endpoint, List<String> eventTypes, Optional<String> key) {
        List<String> types = eventTypes.stream().sorted().toList();
        return useCases.create(caller, ResourceType.Subscription, key, endpoint + "|" + types, (facts, earlier) -> {
            requireSubscribable(caller, endpoint, types);
            return new Created(store.find(earlier).orElseThrow(), null, true);
        }, facts -> {
            requireSubscribable(caller, endpoint, types);
            Instant now = now();
            String secret = WebhookSignature.newSecret();
            var row = new SubscriptionStore.SubscriptionRow(UUID.randomUUID(), 1, now, caller.orgType().claim(),
                    caller.orgId(), endpoint, types, secret, null, null, "active", now);
            store.insert(row, caller.sub());
            facts.resource(row.id());
            return new Created(row, secret, false);
        }, created -> created.subscription().id());
    }

    /** A subscriber organisation, event types it may ever be told of, an endpoint the address policy allows. */
    private void requireSubscribable(Caller caller, String endpoint, List<String> types) {
        SubscriptionAccessPolicy.requireSubscriber(caller);
        List<String> refused = EventAudience.refused(caller.orgType(), types);
        if (!refused.isEmpty()) {
            throw new UnprocessableFieldException("event-type-not-allowed", "eventTypes", "names events a " + caller.orgType().claim()
                    + " organisation is never told of: " + String.join(", ", refused) + "; it may subscribe to "
                    + EventAudience.typesFor(caller.orgType()).stream().map(EventType::code).sorted().toList());
        }
        endpoints.validate(endpoint);
    }

    /** One page of the caller's organisation's subscriptions, newest first. */
    public Slice<SubscriptionStore.SubscriptionRow> list(Caller caller, Cursors.InstantAndKey after, int limit) {
        return useCases.read(caller, ResourceType.Subscription, AuditAction.SEARCH, null, facts -> {
            SubscriptionAccessPolicy.requireSubscriber(caller);
            Slice<SubscriptionStore.SubscriptionRow> page = Slice.of(store.ofOrganisation(caller.orgType().claim(), caller.orgId(),
                    after, limit + 1), limit);
            facts.disclosed(page.items().stream().map(SubscriptionStore.SubscriptionRow::id).toList(), List.of());
            return page;
        });
    }

    public SubscriptionStore.SubscriptionRow read(Caller caller, UUID id) {
        return useCases.read(caller, ResourceType.Subscription, AuditAction.READ, id, facts -> own(caller, id));
    }

    /** One page of the versions of the organisation's subscription, newest first, below version {@code before}. */
    public Slice<SubscriptionStore.SubscriptionRow> history(Caller caller, UUID id, long before, int limit) {
        return useCases.read(caller, ResourceType.Subscription, AuditAction.HISTORY, id, facts -> {
            own(caller, id);
            return Slice.of(store.versions(id, before, limit + 1), limit);
        });
    }

    public void stop(Caller caller, UUID id) {
        useCases.write(caller, ResourceType.Subscription, AuditAction.DELETE, id, facts -> {
            own(caller, id);
            store.stop(id, now());
            return id;
        });
    }

    public Rotated rotate(Caller caller, UUID id) {
        return useCases.write(caller, ResourceType.Subscription, AuditAction.UPDATE, id, facts -> {
            own(caller, id);
            Instant now = now();
            String secret = WebhookSignature.newSecret();
            Instant until = now.plus(ROTATION_OVERLAP);
            store.rotate(id, secret, now, until);
            return new Rotated(secret, until);
        });
    }

    public List<SubscriptionStore.DeliveryRow> deliveries(Caller caller, UUID id, String status, long beforeId, int limit) {
        return useCases.read(caller, ResourceType.Subscription, AuditAction.SEARCH, id, facts -> {
            own(caller, id);
            return store.deliveries(id, status, beforeId, limit);
        });
    }

    public SubscriptionStore.DeliveryRow redeliver(Caller caller, UUID id, long deliveryId) {
        return useCases.write(caller, ResourceType.Subscription, AuditAction.UPDATE, id, facts -> {
            own(caller, id);
            return store.requeue(id, deliveryId, now()).orElseThrow(() -> new NotFoundException("No delivery with this id."));
        });
    }

    /** The feed: events after {@code afterPk} about people the caller's organisation may see now. */
    public List<SubscriptionStore.EventRow> feed(Caller caller, long afterPk, int limit) {
        return useCases.read(caller, ResourceType.Subscription, AuditAction.SEARCH, null, facts -> {
            SubscriptionAccessPolicy.requireSubscriber(caller);
            List<SubscriptionStore.EventRow> events = store.feed(caller.orgType().claim(), caller.orgId(),
                    EventAudience.typesFor(caller.orgType()), afterPk, limit);
            facts.disclosed(events.stream().map(SubscriptionStore.EventRow::resourceId).distinct().toList(),
                    events.stream().map(SubscriptionStore.EventRow::inmateId).filter(Objects::nonNull).distinct().toList());
            return events;
        });
    }

    private SubscriptionStore.SubscriptionRow own(Caller caller, UUID id) {
        SubscriptionAccessPolicy.requireSubscriber(caller);
        return store.find(id, caller.orgType().claim(), caller.orgId()).orElseThrow(() -> new NotFoundException(NO_SUBSCRIPTION));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
