package dk.overgang.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dk.overgang.access.Caller;
import dk.overgang.access.Interaction;
import dk.overgang.access.OrgType;
import dk.overgang.access.RegisteredClients;
import dk.overgang.access.ResourceType;
import dk.overgang.access.SmartScope;
import dk.overgang.audit.AuditAction;
import dk.overgang.audit.AuditLog;
import dk.overgang.audit.AuditOutcome;
import dk.overgang.outbound.EndpointPolicy;
import dk.overgang.idempotency.IdempotencyKeys;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The client registry (issue 15), kept by Overgang's operators ({@code org_type} {@code operator},
 * {@code Client} scopes). Every other organisation gets 403: the registry says who may act for whom.
 */
@Singleton
public class ClientRegistry implements RegisteredClients {

    private static final String NO_CLIENT = "No client with this id.";

    private final ClientStore store;
    private final ClientKeys keys;
    private final EndpointPolicy endpoints;
    private final IdempotencyKeys idempotency;
    private final AuditLog audit;
    private final Clock clock;

    ClientRegistry(ClientStore store, ClientKeys keys, EndpointPolicy endpoints, IdempotencyKeys idempotency, AuditLog audit,
                   Clock clock) {
        this.store = store;
        this.keys = keys;
        this.endpoints = endpoints;
        this.idempotency = idempotency;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an operator gives for a client. */
    public record Details(String name, String orgType, String orgId, List<String> scopes, List<String> roles, String jwks,
                          String jwksUrl, String status, Boolean readOnly) {
    }

    public record Created(ClientStore.ClientRow client, boolean replayed) {
    }

    @Override
    public Optional<State> state(String clientId) {
        return store.find(clientId).map(c -> new State(c.active(), c.readOnly()));
    }

    @Transactional
    public Created create(Caller caller, Details d, Optional<String> key) {
        requireOperator(caller, Interaction.CREATE);
        validate(d);
        return idempotency.once(caller, key, ResourceType.Client, fingerprint(d),
                earlier -> new Created(store.find(earlier.toString()).orElseThrow(), true), () -> {
                    Instant now = now();
                    UUID id = UUID.randomUUID();
                    var row = new ClientStore.ClientRow(id.toString(), 0, now, d.name(), d.orgType(), d.orgId(),
                            canonical(d.scopes()), d.roles() == null ? List.of() : d.roles(), d.jwks(), d.jwksUrl(),
                            d.status() == null ? "active" : d.status(), Boolean.TRUE.equals(d.readOnly()), now);
                    store.insert(row, caller.sub());
                    audit.record(caller, ResourceType.Client, id, AuditAction.CREATE, AuditOutcome.SUCCESS);
                    return new Created(row, false);
                }, created -> UUID.fromString(created.client().id()));
    }

    public List<ClientStore.ClientRow> list(Caller caller) {
        requireOperator(caller, Interaction.SEARCH);
        List<ClientStore.ClientRow> rows = store.all();
        audit.recordDisclosures(caller, ResourceType.Client, rows.stream().map(c -> uuid(c.id())).toList(), AuditAction.SEARCH);
        return rows;
    }

    public ClientStore.ClientRow read(Caller caller, String id) {
        requireOperator(caller, Interaction.READ);
        ClientStore.ClientRow row = find(caller, id, AuditAction.READ);
        audit.recordRead(caller, ResourceType.Client, uuid(id), AuditAction.READ, AuditOutcome.SUCCESS);
        return row;
    }

    /** Replaces what may change (not the organisation); suspension and the write freeze apply to the next request. */
    @Transactional
    public ClientStore.ClientRow update(Caller caller, String id, Optional<Long> ifMatch, Details d) {
        requireOperator(caller, Interaction.UPDATE);
        ClientStore.ClientRow current = find(caller, id, AuditAction.UPDATE);
        long expected = Preconditions.requireCurrentVersion(ifMatch, current.version() + 1, "the client") - 1;
        validate(d);
        if (!current.orgType().equals(d.orgType()) || !current.orgId().equals(d.orgId())) {
            throw new InvalidFieldException("organisation", "cannot change; register a new client for another organisation");
        }
        var row = new ClientStore.ClientRow(id, current.version() + 1, now(), d.name(), current.orgType(), current.orgId(),
                canonical(d.scopes()), d.roles() == null ? List.of() : d.roles(), d.jwks(), d.jwksUrl(),
                d.status() == null ? current.status() : d.status(),
                d.readOnly() == null ? current.readOnly() : d.readOnly(), current.createdAt());
        if (!store.update(row, expected, caller.sub())) {
            throw Preconditions.concurrentChange("the client");
        }
        keys.forget(id);
        audit.record(caller, ResourceType.Client, uuid(id), AuditAction.UPDATE, AuditOutcome.SUCCESS);
        return store.find(id).orElseThrow();
    }

    private ClientStore.ClientRow find(Caller caller, String id, AuditAction action) {
        return store.find(id).orElseThrow(() -> {
            audit.record(caller, ResourceType.Client, uuid(id), action, AuditOutcome.NOT_FOUND);
            return new NotFoundException(NO_CLIENT);
        });
    }

    private void validate(Details d) {
        OrgType type = OrgType.fromClaim(d.orgType())
                .orElseThrow(() -> new InvalidFieldException("organisation.orgType", "is not an organisation type"));
        if (type == OrgType.OPERATOR) {
            throw new InvalidFieldException("organisation.orgType", "an operator's access is not given to a machine client");
        }
        if (type == OrgType.MUNICIPALITY && !d.orgId().matches("[0-9]{3}")) {
            throw new InvalidFieldException("organisation.orgId", "a municipality is named by its 3-digit code");
        }
        for (int i = 0; i < d.scopes().size(); i++) {
            SmartScope scope = SmartScope.parse(d.scopes().get(i))
                    .orElseThrow(() -> new InvalidFieldException("scopes", "holds a scope that is not a SMART v2 scope"));
            if (!scope.isWildcard() && java.util.Arrays.stream(ResourceType.values()).noneMatch(scope::covers)) {
                throw new InvalidFieldException("scopes[" + i + "]", "names no resource of this API");
            }
            if (scope.covers(ResourceType.Client)) {
                throw new InvalidFieldException("scopes[" + i + "]", "the client registry is not for machine clients");
            }
        }
        if ((d.jwks() == null) == (d.jwksUrl() == null)) {
            throw new InvalidFieldException("jwks", "give exactly one of jwks and jwksUrl");
        }
        if (d.jwks() != null) {
            JWKSet set;
            try {
                set = JWKSet.parse(d.jwks());
            } catch (ParseException e) {
                throw new InvalidFieldException("jwks", "is not a JWKS");
            }
            if (set.getKeys().stream().anyMatch(JWK::isPrivate)) {
                throw new InvalidFieldException("jwks", "holds a private key; give the public keys only (and make a new key pair)");
            }
        } else {
            endpoints.validate(d.jwksUrl(), "jwksUrl");
        }
    }

    private static void requireOperator(Caller caller, Interaction interaction) {
        caller.require(ResourceType.Client, interaction);
        if (caller.orgType() != OrgType.OPERATOR) {
            throw new ForbiddenException("The client registry is kept by Overgang's operators.");
        }
    }

    /** Scopes as SMART writes them ({@code cruds} order), in the order given. */
    private static List<String> canonical(List<String> scopes) {
        return scopes.stream().map(s -> SmartScope.parse(s).orElseThrow().toString()).distinct().toList();
    }

    private static String fingerprint(Details d) {
        return d.name() + "|" + d.orgType() + "|" + d.orgId() + "|" + d.scopes() + "|" + d.roles() + "|" + d.jwks() + "|"
                + d.jwksUrl() + "|" + d.status() + "|" + d.readOnly();
    }

    /** Client ids are UUIDs when registered here; an id from elsewhere is named by its hash in the audit log. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
