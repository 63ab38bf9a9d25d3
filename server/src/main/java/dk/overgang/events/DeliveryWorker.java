package dk.overgang.events;

import dk.overgang.outbound.EndpointPolicy;
import dk.overgang.access.ContractOperations;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts due deliveries (issue 14). Every {@code overgang.webhooks.poll-interval} it claims a batch
 * ({@link DeliveryStore#claim}) and sends each on its own virtual thread, so one slow or dead receiver
 * holds only its own deliveries: at most {@code max-in-flight-per-subscription} of one subscription are
 * in flight on this server, each bounded by {@code request-timeout}. A delivery is signed
 * ({@link WebhookSignature}), posted without following redirects, and the answer's body is not read.
 * 2xx is delivered; anything else is tried again after an exponential backoff with jitter
 * ({@code retry-base} doubling up to {@code retry-max}) until {@code give-up-after} from the event,
 * then parked as dead. A subscriber that may no longer see the person gets nothing (skipped). A claim
 * is a lease of {@code lease} (at least the request timeout and 5 s): if this server dies mid-delivery,
 * another claims the delivery when the lease has run out (at least once; the receiver recognises a
 * repeat by {@code webhook-id}). How each attempt ended is queued and written in batches by one
 * recorder ({@link DeliveryStore#record}: one commit per batch, not per delivery); an outcome lost in a
 * crash only means the delivery is sent again when its lease runs out.
 */
@Singleton
class DeliveryWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 200;
    private static final int MAX_ROUNDS = 10;
    private static final int RECORD_BATCH = 500;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);

    private final DeliveryStore store;
    private final ContractOperations operations;
    private final EndpointPolicy endpoints;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean enabled;
    private final int maxInFlightPerSubscription;
    private final Duration requestTimeout;
    private final Duration retryBase;
    private final Duration retryMax;
    private final Duration giveUpAfter;
    private final Duration lease;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final Map<UUID, Integer> inFlight = new ConcurrentHashMap<>();
    private final Set<Long> claimed = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<DeliveryStore.Outcome> outcomes = new LinkedBlockingQueue<>();
    private final Thread recorder;
    private volatile boolean stopping;
    private volatile boolean closed;

    DeliveryWorker(DeliveryStore store, EndpointPolicy endpoints, JsonMapper json, Clock clock,
                   @Value("${overgang.webhooks.enabled:true}") boolean enabled,
                   @Value("${overgang.webhooks.max-in-flight-per-subscription:16}") int maxInFlightPerSubscription,
                   @Value("${overgang.webhooks.request-timeout:10s}") Duration requestTimeout,
                   @Value("${overgang.webhooks.retry-base:2s}") Duration retryBase,
                   @Value("${overgang.webhooks.retry-max:1h}") Duration retryMax,
                   @Value("${overgang.webhooks.give-up-after:3d}") Duration giveUpAfter,
                   @Value("${overgang.webhooks.lease:30s}") Duration lease, ContractOperations operations) {
        this.operations = operations;
        this.store = store;
        this.endpoints = endpoints;
        this.json = json;
        this.clock = clock;
        this.enabled = enabled;
        this.maxInFlightPerSubscription = maxInFlightPerSubscription;
        this.requestTimeout = requestTimeout;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
        this.giveUpAfter = giveUpAfter;
        // A claim outlives the longest attempt, so no second server sends what this one is still sending.
        this.lease = lease.compareTo(requestTimeout.plusSeconds(5)) < 0 ? requestTimeout.plusSeconds(5) : lease;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).executor(senders).build();
        this.recorder = enabled ? Thread.ofVirtual().name("delivery-recorder").start(this::recordOutcomes) : null;
    }

    /** Writes queued outcomes, up to {@value #RECORD_BATCH} at a time, as soon as there are any, until stopped. */
    private void recordOutcomes() {
        List<DeliveryStore.Outcome> batch = new ArrayList<>();
        while (!closed || !outcomes.isEmpty()) {
            try {
                DeliveryStore.Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outcomes.drainTo(batch, RECORD_BATCH - 1);
                store.record(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database may be away: keep the outcomes and try again shortly. Should the leases run
                // out meanwhile, the deliveries are sent again (at least once).
                if (closed || stopping) {
                    return; // shutting down: the leases run out and the deliveries are sent again
                }
                LOG.warn("Recording {} delivery outcomes failed: {}", batch.size(), e.getMessage());
                outcomes.addAll(batch);
                batch.clear();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Scheduled(fixedDelay = "${overgang.webhooks.poll-interval:1s}", initialDelay = "${overgang.webhooks.poll-interval:1s}")
    void poll() {
        if (!enabled || stopping) {
            return;
        }
        try {
            // A full batch means there is more due: claim again at once (a backlog drains at the speed of
            // the receivers, not of the poll interval), until a batch comes back short.
            for (int round = 0; round < MAX_ROUNDS && !stopping; round++) {
                if (claimBatch() < BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // The database may be away (issue 12's faults): the next poll tries again.
            if (!stopping) {
                LOG.warn("Claiming deliveries failed: {}", e.getMessage());
            }
        }
    }

    private int claimBatch() {
        Set<UUID> saturated = inFlight.entrySet().stream().filter(e -> e.getValue() >= maxInFlightPerSubscription)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        List<DeliveryStore.Claim> claims = store.claim(BATCH, maxInFlightPerSubscription, (int) lease.toSeconds(), saturated);
        for (DeliveryStore.Claim claim : claims) {
            inFlight.merge(claim.subscriptionId(), 1, Integer::sum);
            claimed.add(claim.deliveryId());
            senders.submit(() -> {
                try {
                    deliver(claim);
                } catch (RuntimeException e) {
                    if (!stopping) {
                        LOG.warn("Delivery {} failed unexpectedly ({}); its lease runs out and it is tried again",
                                claim.deliveryId(), e.toString());
                    }
                } finally {
                    inFlight.computeIfPresent(claim.subscriptionId(), (k, n) -> n <= 1 ? null : n - 1);
                    claimed.remove(claim.deliveryId());
                }
            });
        }
        return claims.size();
    }

    void deliver(DeliveryStore.Claim claim) {
        Instant now = clock.instant();
        var subscription = claim.subscription();
        if (!"active".equals(subscription.status()) || !claim.visible()) {
            finish(claim, "skipped", null,
                    !claim.visible() ? "the organisation no longer sees the person" : "the subscription was stopped");
            return;
        }
        URI endpoint = URI.create(subscription.endpoint());
        String unsafe = endpoints.unsafeAddress(endpoint.getHost());
        if (unsafe != null) {
            failed(claim, 0, "endpoint " + unsafe);
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(CloudEvents.of(claim.event(),
                    new CloudEvents.Receiver(subscription.orgType(), subscription.orgId()), operations));
        } catch (IOException e) {
            throw new IllegalStateException("An event document always serialises", e);
        }
        String id = claim.event().eventId().toString();
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                .header("Content-Type", "application/cloudevents+json")
                .header("User-Agent", "Overgang-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(subscription.signingSecrets(now), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close(); // the answer's body is never read
            status = response.statusCode();
        } catch (IOException e) {
            failed(claim, 0, "no answer: " + e.getClass().getSimpleName());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the lease runs out and another server delivers
        }
        if (status >= 200 && status < 300) {
            finish(claim, "delivered", status, null);
        } else {
            failed(claim, status, "HTTP " + status);
        }
    }

    private void finish(DeliveryStore.Claim claim, String status, Integer lastStatus, String error) {
        outcomes.add(new DeliveryStore.Outcome(claim.deliveryId(), status, lastStatus, error, clock.instant(), null));
    }

    private void failed(DeliveryStore.Claim claim, int status, String error) {
        Instant now = clock.instant();
        if (claim.event().occurredAt().plus(giveUpAfter).isBefore(now)) {
            finish(claim, "dead", status, error);
            return;
        }
        outcomes.add(new DeliveryStore.Outcome(claim.deliveryId(), "pending", status, error, now,
                now.plus(backoff(claim.attempt()))));
    }

    /** Exponential backoff with "equal jitter": half the doubled delay, plus up to the other half at random. */
    Duration backoff(int attempt) {
        long base = retryBase.toMillis();
        long capped = Math.min(retryMax.toMillis(), base * (1L << Math.min(30, Math.max(0, attempt - 1))));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** The context is closing: no new claims (the pool goes away before this bean does). */
    @io.micronaut.runtime.event.annotation.EventListener
    void onShutdown(io.micronaut.context.event.ShutdownEvent event) {
        stopping = true;
        // Deliveries in flight get a moment to finish; what is known is written while the pool is
        // still there; the claims still held are released, so another server sends them at once
        // instead of after the lease (issue 16: graceful shutdown).
        long until = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        while (!claimed.isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<DeliveryStore.Outcome> known = new ArrayList<>();
        outcomes.drainTo(known);
        try {
            store.record(known);
            Set<Long> held = new java.util.HashSet<>(claimed);
            known.forEach(o -> held.remove(o.deliveryId()));
            if (!held.isEmpty()) {
                store.release(held);
                LOG.info("Released {} delivery claim(s) at shutdown", held.size());
            }
        } catch (RuntimeException e) {
            // the leases run out and the deliveries are sent again
        }
    }

    /**
     * In-flight deliveries are abandoned: their leases run out and another server (or this one,
     * restarted) sends them. The outcomes already known are written first.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        senders.shutdownNow();
        closed = true;
        if (recorder != null) {
            recorder.join(Duration.ofSeconds(5));
        }
    }
}
