package dk.overgang.events;

import dk.overgang.shared.EventType;
import dk.overgang.shared.Slice;
import dk.overgang.outbound.EndpointPolicy;
import dk.overgang.access.Caller;
import dk.overgang.access.Interaction;
import dk.overgang.access.OrgType;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.audit.AuditLog;
import dk.overgang.audit.AuditOutcome;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.PreconditionFailedException;
import dk.overgang.shared.Preconditions;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The municipality directory (R22): each municipality's central contact point and default
 * notification endpoint, maintained by the municipality itself. The endpoint is kept as a
 * subscription to every event type, owned by the municipality, so events about the people it acts
 * for reach it even before it subscribes to anything else, with the same signatures, retries and
 * dead letters as any subscription.
 */
@Singleton
public class MunicipalityDirectory {

    private final SubscriptionStore store;
    private final EndpointPolicy endpoints;
    private final AuditLog audit;
    private final Clock clock;

    MunicipalityDirectory(SubscriptionStore store, EndpointPolicy endpoints, AuditLog audit, Clock clock) {
        this.store = store;
        this.endpoints = endpoints;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the municipality says of itself. */
    public record Entry(String name, String unit, String email, String phone, String endpoint) {
    }

    /** The saved entry, whether it was the first registration, and the endpoint's secret when just created. */
    public record Saved(SubscriptionStore.DirectoryRow row, boolean created, String secret) {
    }

    /** One page of the directory, by municipality code, after the code {@code after}. */
    public Slice<SubscriptionStore.DirectoryRow> list(Caller caller, String after, int limit) {
        caller.require(ResourceType.Municipality, Interaction.SEARCH);
        return Slice.of(store.directory(after, limit + 1), limit);
    }

    public SubscriptionStore.DirectoryRow read(Caller caller, String code) {
        caller.require(ResourceType.Municipality, Interaction.READ);
        return store.directoryEntry(code, false).orElseThrow(() -> new NotFoundException("No directory entry for this municipality."));
    }

    @Transactional
    public Saved save(Caller caller, String code, Entry entry, Optional<Long> ifMatchVersion) {
        if (caller.orgType() != OrgType.MUNICIPALITY || !caller.orgId().equals(code)) {
            caller.require(ResourceType.Municipality, Interaction.UPDATE);
            throw new ForbiddenException("Only the municipality itself maintains its directory entry (R22).");
        }
        Optional<SubscriptionStore.DirectoryRow> current = store.directoryEntry(code, true);
        caller.require(ResourceType.Municipality, current.isPresent() ? Interaction.UPDATE : Interaction.CREATE);
        Long expected = null;
        if (current.isPresent()) {
            expected = Preconditions.requireCurrentVersion(ifMatchVersion, current.get().version(), "the directory entry");
        } else if (ifMatchVersion.isPresent()) {
            throw new PreconditionFailedException("The municipality has no directory entry yet; register it without If-Match.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID subscription = current.map(SubscriptionStore.DirectoryRow::subscriptionId).orElse(null);
        String secret = null;
        if (entry.endpoint() != null) {
            endpoints.validate(entry.endpoint());
            if (subscription == null) {
                secret = WebhookSignature.newSecret();
                var row = new SubscriptionStore.SubscriptionRow(UUID.randomUUID(), 1, now, OrgType.MUNICIPALITY.claim(), code,
                        entry.endpoint(), Arrays.stream(EventType.values()).map(EventType::code).sorted().toList(), secret, null,
                        null, "active", now);
                store.insert(row, caller.sub());
                subscription = row.id();
            } else {
                store.moveTo(subscription, entry.endpoint(), now);
            }
        } else if (subscription != null) {
            store.stop(subscription, now);
        }
        var row = new SubscriptionStore.DirectoryRow(code, expected == null ? 0 : expected + 1, now, entry.name(), entry.unit(),
                entry.email(), entry.phone(), subscription, entry.endpoint(), entry.endpoint() == null ? "stopped" : "active");
        if (!store.saveDirectoryEntry(row, expected, caller.sub())) {
            throw Preconditions.concurrentChange("the directory entry");
        }
        audit.record(caller, ResourceType.Municipality, null, current.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE,
                AuditOutcome.SUCCESS);
        return new Saved(store.directoryEntry(code, false).orElseThrow(), current.isEmpty(), secret);
    }
}
