package dk.overgang.idempotency;

import dk.overgang.access.Caller;
import dk.overgang.access.ResourceType;
import dk.overgang.shared.ConflictException;
import dk.overgang.database.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Claims a key before the resource is created, in the same transaction: a concurrent retry blocks
 * on the key's primary key until the first request commits, then finds its result (or, if the
 * first rolled back, creates the resource itself). A refused request rolls back its claim with
 * everything else, so its retry is evaluated again and, the state being the same, refused the same
 * way (issue 26). Hand-written SQL because the claim needs PostgreSQL's
 * {@code INSERT ... ON CONFLICT DO NOTHING}, which Micronaut Data's derived queries do not express.
 */
@Singleton
public class IdempotencyKeys {

    private final Sql sql;

    IdempotencyKeys(Sql sql) {
        this.sql = sql;
    }

    /** A claimed key as stored: what it was claimed for and, once completed, what it created. */
    private record Claimed(String requestHash, String resourceType, UUID resourceId) {
    }

    /**
     * Claims {@code key} for a request whose content is {@code fingerprint}. Empty: the caller goes
     * on and creates the resource, then {@link #complete}s the key. Present: an earlier request with
     * the same key and content created this resource. The same key with other content is a conflict.
     */
    private Optional<UUID> claim(Caller caller, String key, ResourceType type, String fingerprint) {
        String hash = sha256(fingerprint);
        int inserted = sql.run(h -> h.createUpdate("""
                        INSERT INTO idempotency_key (org_type, org_id, key, request_hash, resource_type)
                        VALUES (:orgType, :orgId, :key, :hash, :type) ON CONFLICT DO NOTHING""")
                .bind("orgType", caller.orgType().claim()).bind("orgId", caller.orgId()).bind("key", key)
                .bind("hash", hash).bind("type", type.name())
                .execute());
        if (inserted == 1) {
            return Optional.empty();
        }
        Claimed claimed = sql.run(h -> h.createQuery("""
                        SELECT request_hash, resource_type, resource_id FROM idempotency_key
                         WHERE org_type = :orgType AND org_id = :orgId AND key = :key FOR UPDATE""")
                .bind("orgType", caller.orgType().claim()).bind("orgId", caller.orgId()).bind("key", key)
                .map((rs, ctx) -> new Claimed(rs.getString("request_hash"), rs.getString("resource_type"),
                        rs.getObject("resource_id", UUID.class)))
                .one());
        if (!claimed.requestHash().equals(hash) || !claimed.resourceType().equals(type.name())) {
            throw new ConflictException("idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
        }
        // A claim is committed only with the resource it created (the request's transaction rolls
        // back on any refusal, issue 26). A key without a resource was left by a refused request
        // before that: the earlier request created nothing, so this one goes on as the first.
        return Optional.ofNullable(claimed.resourceId());
    }

    /**
     * The one path of an idempotent create (issue 26): without a key, {@code create} runs; with one, the
     * key is claimed in the caller's transaction and either an earlier request's resource is answered
     * again ({@code replay} of its id) or {@code create} runs and the key is completed with the id
     * {@code idOf} names, in the same transaction. A refusal thrown by {@code create} rolls the claim
     * back with everything else.
     */
    @Transactional
    public <R> R once(Caller caller, Optional<String> key, ResourceType type, String fingerprint,
                      Function<UUID, R> replay, Supplier<R> create, Function<R, UUID> idOf) {
        if (key.isPresent()) {
            Optional<UUID> earlier = claim(caller, key.get(), type, fingerprint);
            if (earlier.isPresent()) {
                return replay.apply(earlier.get());
            }
        }
        R created = create.get();
        key.ifPresent(k -> complete(caller, k, idOf.apply(created)));
        return created;
    }

    /** Records which resource the claimed key created. */
    private void complete(Caller caller, String key, UUID resourceId) {
        sql.use(h -> h.createUpdate("UPDATE idempotency_key SET resource_id = :resource"
                        + " WHERE org_type = :orgType AND org_id = :orgId AND key = :key")
                .bind("resource", resourceId).bind("orgType", caller.orgType().claim()).bind("orgId", caller.orgId())
                .bind("key", key)
                .execute());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
