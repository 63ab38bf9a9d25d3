package dk.overgang.events;

import dk.overgang.shared.EventType;
import dk.overgang.shared.Slice;
import dk.overgang.outbound.EndpointPolicy;
import dk.overgang.access.Caller;
import dk.overgang.access.OrgType;
import dk.overgang.access.ResourceType;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.Facts;
import dk.overgang.pipeline.UseCases;
import java.util.List;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.PreconditionFailedException;
import dk.overgang.shared.Preconditions;
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
    private final UseCases useCases;
    private final Clock clock;

    MunicipalityDirectory(SubscriptionStore store, EndpointPolicy endpoints, UseCases useCases, Clock clock) {
        this.store = store;
        this.endpoints = endpoints;
        this.useCases = useCases;
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
        return useCases.read(caller, ResourceType.Municipality, AuditAction.SEARCH, null, facts -> {
            Slice<SubscriptionStore.DirectoryRow> page = Slice.of(store.directory(after, limit + 1), limit);
            facts.disclosed(List.of(), List.of()); // the directory holds no person data; the search is recorded as such
            return page;
        });
    }

    public SubscriptionStore.DirectoryRow read(Caller caller, String code) {
        return useCases.read(caller, ResourceType.Municipality, AuditAction.READ, null, facts -> store.directoryEntry(code, false)
                .orElseThrow(() -> new NotFoundException("No directory entry for this municipality.")));
    }

    /** One page of the versions of a municipality's entry, newest first, below version {@code before}. */
    public Slice<SubscriptionStore.DirectoryRow> history(Caller caller, String code, long before, int limit) {
        return useCases.read(caller, ResourceType.Municipality, AuditAction.HISTORY, null, facts -> {
            store.directoryEntry(code, false).orElseThrow(() -> new NotFoundException("No directory entry for this municipality."));
            return Slice.of(store.directoryVersions(code, before, limit + 1), limit);
        });
    }

    public Saved save(Caller caller, String code, Entry entry, Optional<Long> ifMatchVersion) {
        // Registering needs the create scope, changing the entry the update scope (R22).
        boolean registered = store.directoryEntry(code, false).isPresent();
        return useCases.write(caller, ResourceType.Municipality, registered ? AuditAction.UPDATE : AuditAction.CREATE, null,
                facts -> save(caller, code, entry, ifMatchVersion, facts));
    }

    private Saved save(Caller caller, String code, Entry entry, Optional<Long> ifMatchVersion, Facts facts) {
        if (caller.orgType() != OrgType.MUNICIPALITY || !caller.orgId().equals(code)) {
            throw new ForbiddenException("Only the municipality itself maintains its directory entry (R22).");
        }
        Optional<SubscriptionStore.DirectoryRow> current = store.directoryEntry(code, true);
        facts.recordedAs(current.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE);
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
        var row = new SubscriptionStore.DirectoryRow(code, expected == null ? 1 : expected + 1, now, entry.name(), entry.unit(),
                entry.email(), entry.phone(), subscription, entry.endpoint(), entry.endpoint() == null ? "stopped" : "active");
        if (!store.saveDirectoryEntry(row, expected, caller.sub())) {
            throw Preconditions.concurrentChange("the directory entry");
        }
        return new Saved(store.directoryEntry(code, false).orElseThrow(), current.isEmpty(), secret);
    }
}
