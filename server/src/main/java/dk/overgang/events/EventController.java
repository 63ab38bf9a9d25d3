package dk.overgang.events;

import dk.overgang.shared.EventType;
import dk.overgang.access.CallerProvider;
import dk.overgang.access.ContractOperations;
import dk.overgang.api.generated.EventsApi;
import dk.overgang.api.generated.model.ContactPoint;
import dk.overgang.api.generated.model.Municipality;
import dk.overgang.api.generated.model.MunicipalityInput;
import dk.overgang.api.generated.model.MunicipalityList;
import dk.overgang.api.generated.model.Delivery;
import dk.overgang.api.generated.model.DeliveryPage;
import dk.overgang.api.generated.model.DeliveryStatus;
import dk.overgang.api.generated.model.EventPage;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.api.generated.model.OrgRef;
import dk.overgang.api.generated.model.OrgType;
import dk.overgang.api.generated.model.Subscription;
import dk.overgang.api.generated.model.SubscriptionInput;
import dk.overgang.api.generated.model.SubscriptionList;
import dk.overgang.api.generated.model.SubscriptionSecret;
import dk.overgang.api.generated.model.SubscriptionStatus;
import dk.overgang.shared.Slice;
import dk.overgang.web.Cursors;
import dk.overgang.web.ETags;
import dk.overgang.web.PageLinks;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** HTTP face of subscriptions, deliveries and the event feed: implements the generated {@link EventsApi}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class EventController implements EventsApi {

    private static final java.util.regex.Pattern MUNICIPALITY_CODE = java.util.regex.Pattern.compile("\\d{3}");


    private final ContractOperations operations;
    private final SubscriptionService subscriptions;
    private final MunicipalityDirectory directory;
    private final CallerProvider callers;

    EventController(SubscriptionService subscriptions, MunicipalityDirectory directory, CallerProvider callers,
                    ContractOperations operations) {
        this.operations = operations;
        this.subscriptions = subscriptions;
        this.directory = directory;
        this.callers = callers;
    }

    @Override
    public MunicipalityList searchMunicipalities(Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<SubscriptionStore.DirectoryRow> page = directory.list(callers.current(),
                Cursors.keyAfter(cursor, MUNICIPALITY_CODE), limit);
        return new MunicipalityList(page.items().stream().map(EventController::toApi).toList(), PageLinks.of(
                "/api/v1/municipalities", limit, cursor, page, m -> Cursors.afterKey(m.code())));
    }

    @Override
    public HttpResponse<Municipality> readMunicipality(String code) {
        var row = directory.read(callers.current(), code);
        return HttpResponse.ok(toApi(row)).header(HttpHeaders.ETAG, ETags.of(row.version()));
    }

    @Override
    public MunicipalityList readMunicipalityHistory(String code, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/municipalities/" + code + "/_history", count, cursor,
                (before, limit) -> directory.history(callers.current(), code, before, limit), m -> m.version(), EventController::toApi);
        return new MunicipalityList(page.items(), page.links());
    }

    @Override
    public HttpResponse<Municipality> updateMunicipality(String code, MunicipalityInput in, String ifMatch) {
        var contact = in.getContactPoint();
        var saved = directory.save(callers.current(), code, new MunicipalityDirectory.Entry(in.getName(), contact.getUnit(),
                contact.getEmail(), contact.getPhone(), in.getNotificationEndpoint()), ETags.ifMatchVersion(ifMatch));
        Municipality body = toApi(saved.row());
        if (saved.secret() != null) {
            body.notificationSecret(saved.secret());
        }
        return HttpResponse.<Municipality>status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(body)
                .header(HttpHeaders.ETAG, ETags.of(saved.row().version()));
    }

    private static Municipality toApi(SubscriptionStore.DirectoryRow m) {
        Municipality api = new Municipality(m.code(), new Meta(Long.toString(m.version()), m.lastUpdated().atZone(ZoneOffset.UTC)),
                m.name(), new ContactPoint(m.unit(), m.email()).phone(m.phone()));
        if (m.subscriptionId() != null && "active".equals(m.subscriptionStatus())) {
            api.notificationEndpoint(m.endpoint()).notificationSubscriptionId(m.subscriptionId());
        }
        return api;
    }

    @Override
    public HttpResponse<Subscription> createSubscription(SubscriptionInput in, String idempotencyKey) {
        var created = subscriptions.create(callers.current(), in.getEndpoint(),
                in.getEventTypes().stream().map(t -> t.getValue()).toList(), Optional.ofNullable(idempotencyKey));
        Subscription body = toApi(created.subscription());
        if (created.secret() != null) {
            body.secret(created.secret());
        }
        var response = HttpResponse.<Subscription>status(HttpStatus.CREATED).body(body)
                .header(HttpHeaders.ETAG, ETags.of(created.subscription().version()))
                .header(HttpHeaders.LOCATION, "/api/v1/subscriptions/" + created.subscription().id());
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public SubscriptionList searchSubscriptions(Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<SubscriptionStore.SubscriptionRow> page = subscriptions.list(callers.current(), Cursors.instantAndKeyAfter(cursor), limit);
        return new SubscriptionList(page.items().stream().map(EventController::toApi).toList(), PageLinks.of(
                "/api/v1/subscriptions", limit, cursor, page, s -> Cursors.after(new Cursors.InstantAndKey(s.createdAt(), s.id()))));
    }

    @Override
    public HttpResponse<Subscription> readSubscription(UUID id) {
        var row = subscriptions.read(callers.current(), id);
        return HttpResponse.ok(toApi(row)).header(HttpHeaders.ETAG, ETags.of(row.version()));
    }

    @Override
    public SubscriptionList readSubscriptionHistory(UUID id, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/subscriptions/" + id + "/_history", count, cursor,
                (before, limit) -> subscriptions.history(callers.current(), id, before, limit), s -> s.version(), EventController::toApi);
        return new SubscriptionList(page.items(), page.links());
    }

    /** 204 carries no body, so any {@code Accept} is served (the generated interface names only problem+json). */
    @Override
    @Produces({MediaType.ALL, "application/problem+json"})
    public HttpResponse<Void> deleteSubscription(UUID id) {
        subscriptions.stop(callers.current(), id);
        return HttpResponse.noContent();
    }

    @Override
    public SubscriptionSecret rotateSubscriptionSecret(UUID id) {
        var rotated = subscriptions.rotate(callers.current(), id);
        return new SubscriptionSecret(rotated.secret(), rotated.previousValidUntil().atZone(ZoneOffset.UTC));
    }

    @Override
    public DeliveryPage searchDeliveries(UUID id, DeliveryStatus status, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        long before = cursor == null ? Long.MAX_VALUE : Cursors.longAfter(cursor);
        Slice<SubscriptionStore.DeliveryRow> page = Slice.of(subscriptions.deliveries(callers.current(), id,
                status == null ? null : status.getValue(), before, limit + 1), limit);
        Map<String, Object> query = new HashMap<>(Map.of("_count", limit));
        if (status != null) {
            query.put("status", status.getValue());
        }
        return new DeliveryPage(page.items().stream().map(EventController::toApi).toList(), PageLinks.of(
                "/api/v1/subscriptions/" + id + "/deliveries", query, cursor,
                page.hasMore() ? Cursors.after(page.items().getLast().id()) : null));
    }

    @Override
    public HttpResponse<Delivery> redeliver(UUID id, String deliveryId) {
        long number;
        try {
            number = Long.parseLong(deliveryId);
        } catch (NumberFormatException e) {
            throw new dk.overgang.shared.InvalidFieldException("deliveryId", "is not a delivery id");
        }
        return HttpResponse.<Delivery>status(HttpStatus.ACCEPTED).body(toApi(subscriptions.redeliver(callers.current(), id, number)));
    }

    @Override
    public EventPage searchEvents(Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        long after = Cursors.longAfter(cursor);
        var caller = callers.current();
        List<SubscriptionStore.EventRow> rows = subscriptions.feed(caller, after, limit);
        var receiver = new CloudEvents.Receiver(caller.orgType().claim(), caller.orgId());
        // A full page may have more after it; the next cursor is the last event seen (resume from it).
        String next = rows.size() == limit ? Cursors.after(rows.get(rows.size() - 1).pk()) : null;
        return new EventPage(rows.stream().map(e -> CloudEvents.of(e, receiver, operations)).toList(),
                PageLinks.of("/api/v1/events", Map.of("_count", limit), cursor, next));
    }

    private static Subscription toApi(SubscriptionStore.SubscriptionRow s) {
        return new Subscription(s.id(), new Meta(Long.toString(s.version()), s.lastUpdated().atZone(ZoneOffset.UTC)),
                new OrgRef(OrgType.fromValue(s.orgType()), s.orgId()), s.endpoint(),
                s.eventTypes().stream().map(dk.overgang.api.generated.model.EventType::fromValue).toList(),
                SubscriptionStatus.fromValue(s.status()), s.createdAt().atZone(ZoneOffset.UTC));
    }

    private static Delivery toApi(SubscriptionStore.DeliveryRow d) {
        Delivery api = new Delivery(Long.toString(d.id()), d.eventId(), dk.overgang.api.generated.model.EventType.fromValue(d.type()),
                DeliveryStatus.fromValue(d.status()), d.attempts());
        api.lastStatus(d.lastStatus()).lastError(d.lastError());
        if ("pending".equals(d.status())) {
            api.nextAttemptAt(d.nextAttemptAt().atZone(ZoneOffset.UTC));
        }
        if (d.deliveredAt() != null) {
            api.deliveredAt(d.deliveredAt().atZone(ZoneOffset.UTC));
        }
        return api;
    }
}
