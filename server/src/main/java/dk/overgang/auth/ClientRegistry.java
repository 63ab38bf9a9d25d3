package dk.overgang.auth;

import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dk.overgang.access.Caller;
import dk.overgang.access.GangExitAccessPolicy;
import dk.overgang.access.InmateAccessPolicy;
import dk.overgang.access.KspAccessPolicy;
import dk.overgang.access.ObligationAccessPolicy;
import dk.overgang.access.OrgType;
import dk.overgang.access.RegisteredClients;
import dk.overgang.access.ResourceType;
import dk.overgang.access.SmartScope;
import dk.overgang.audit.AuditAction;
import dk.overgang.pipeline.UseCases;
import dk.overgang.outbound.EndpointPolicy;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.InvalidFieldException;
import dk.overgang.shared.NotFoundException;
import dk.overgang.shared.Preconditions;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The client registry (issue 15), kept by Overgang's operators ({@code org_type} {@code operator},
 * {@code Client} scopes), and approved by the organisations the clients act for (issue 27 §3): the
 * registry says who may act for whom, and both sides must say it. An operator registers, changes and
 * suspends; only a {@value #CLIENT_ADMIN_ROLE} of the client's own organisation, with a token of its
 * own identity provider, makes a client active, and names each widening role it approves. So an
 * operator cannot make itself a prison with {@code restricted-access}, or an auditor.
 */
@Singleton
public class ClientRegistry implements RegisteredClients {

    private static final String NO_CLIENT = "No client with this id.";

    /** The role of the person in an organisation who approves the clients that act for it. */
    public static final String CLIENT_ADMIN_ROLE = "client-admin";

    /** Roles that widen what a client's tokens may see or decide: each must be named in the approval. */
    static final Set<String> WIDENING_ROLES = Set.of(InmateAccessPolicy.RESTRICTED_ACCESS_ROLE,
            GangExitAccessPolicy.EXIT_UNIT_ROLE, ObligationAccessPolicy.SECURITY_UNIT_ROLE, KspAccessPolicy.MANAGER_ROLE);

    private final ClientStore store;
    private final ClientKeys keys;
    private final EndpointPolicy endpoints;
    private final UseCases useCases;
    private final Clock clock;

    ClientRegistry(ClientStore store, ClientKeys keys, EndpointPolicy endpoints, UseCases useCases, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.endpoints = endpoints;
        this.useCases = useCases;
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

    public Created create(Caller caller, Details d, Optional<String> key) {
        return useCases.create(caller, ResourceType.Client, key, fingerprint(d), (facts, earlier) -> {
                    requireRegistrable(caller, d);
                    return new Created(store.find(earlier.toString()).orElseThrow(), true);
                }, facts -> {
                    requireRegistrable(caller, d);
                    Instant now = now();
                    UUID id = UUID.randomUUID();
                    var row = new ClientStore.ClientRow(id.toString(), 1, now, d.name(), d.orgType(), d.orgId(),
                            canonical(d.scopes()), d.roles() == null ? List.of() : d.roles(), d.jwks(), d.jwksUrl(),
                            d.status() == null ? "pending" : d.status(), Boolean.TRUE.equals(d.readOnly()), now, null, null);
                    store.insert(row, caller.sub());
                    facts.resource(id);
                    return new Created(row, false);
                }, created -> UUID.fromString(created.client().id()));
    }

    /** Only an operator registers a client, never as active (its organisation approves it); valid details. */
    private void requireRegistrable(Caller caller, Details d) {
        requireOperator(caller);
        validate(d);
        if ("active".equals(d.status())) {
            throw new ForbiddenException(OPERATOR_CANNOT_ACTIVATE);
        }
    }

    /** One page of the clients (newest first): every client for the operator, its own organisation's for a client admin. */
    public Slice<ClientStore.ClientRow> list(Caller caller, Cursors.InstantAndKey after, int limit) {
        return useCases.read(caller, ResourceType.Client, AuditAction.SEARCH, null, facts -> {
            requireOperatorOrClientAdmin(caller);
            Slice<ClientStore.ClientRow> rows = Slice.of(caller.orgType() == OrgType.OPERATOR ? store.list(null, null, after, limit + 1)
                    : store.list(caller.orgType().claim(), caller.orgId(), after, limit + 1), limit);
            facts.disclosed(rows.items().stream().map(c -> uuid(c.id())).toList(), List.of());
            return rows;
        });
    }

    public ClientStore.ClientRow read(Caller caller, String id) {
        return useCases.read(caller, ResourceType.Client, AuditAction.READ, uuid(id), facts -> {
            requireOperatorOrClientAdmin(caller);
            return find(caller, id);
        });
    }

    /** One page of the versions of a client the caller may see, newest first, below version {@code before}. */
    public Slice<ClientStore.ClientRow> history(Caller caller, String id, long before, int limit) {
        return useCases.read(caller, ResourceType.Client, AuditAction.HISTORY, uuid(id), facts -> {
            requireOperatorOrClientAdmin(caller);
            find(caller, id);
            return Slice.of(store.versions(id, before, limit + 1), limit);
        });
    }

    /** Replaces what may change (not the organisation); suspension and the write freeze apply to the next request. */
    public ClientStore.ClientRow update(Caller caller, String id, Optional<Long> ifMatch, Details d) {
        return useCases.write(caller, ResourceType.Client, AuditAction.UPDATE, uuid(id), facts -> replace(caller, id, ifMatch, d));
    }

    private ClientStore.ClientRow replace(Caller caller, String id, Optional<Long> ifMatch, Details d) {
        requireOperator(caller);
        ClientStore.ClientRow current = find(caller, id);
        long expected = Preconditions.requireCurrentVersion(ifMatch, current.version(), "the client");
        validate(d);
        if (!current.orgType().equals(d.orgType()) || !current.orgId().equals(d.orgId())) {
            throw new InvalidFieldException("organisation", "cannot change; register a new client for another organisation");
        }
        String status = d.status() == null ? current.status() : d.status();
        if (status.equals("active") && !current.active()) {
            throw new ForbiddenException(OPERATOR_CANNOT_ACTIVATE);
        }
        List<String> scopes = canonical(d.scopes());
        List<String> roles = d.roles() == null ? List.of() : d.roles();
        if (status.equals("active") && widens(current, scopes, roles, d)) {
            status = "pending"; // its organisation approves the wider client again
        }
        var row = new ClientStore.ClientRow(id, current.version() + 1, now(), d.name(), current.orgType(), current.orgId(),
                scopes, roles, d.jwks(), d.jwksUrl(), status,
                d.readOnly() == null ? current.readOnly() : d.readOnly(), current.createdAt(), current.approvedAt(),
                current.approvedRoles());
        if (!store.update(row, expected, caller.sub())) {
            throw Preconditions.concurrentChange("the client");
        }
        keys.forget(id);
        return store.find(id).orElseThrow();
    }

    /**
     * The organisation's approval (issue 27 §3): a person of the client's own organisation, with the
     * {@value #CLIENT_ADMIN_ROLE} role and a token of its own identity provider, approves the version
     * it read ({@code If-Match}), naming each widening role the client holds. The client becomes active.
     */
    public ClientStore.ClientRow approve(Caller caller, String id, Optional<Long> ifMatch, List<String> approvedRoles,
                                         boolean fromIdentityProvider) {
        return useCases.write(caller, ResourceType.Client, AuditAction.APPROVE, uuid(id),
                facts -> approveAs(caller, id, ifMatch, approvedRoles, fromIdentityProvider));
    }

    private ClientStore.ClientRow approveAs(Caller caller, String id, Optional<Long> ifMatch, List<String> approvedRoles,
                                            boolean fromIdentityProvider) {
        if (caller.orgType() == OrgType.OPERATOR) {
            throw new ForbiddenException("An operator cannot approve a client; the organisation it acts for does.");
        }
        ClientStore.ClientRow current = find(caller, id);
        if (!caller.hasRole(CLIENT_ADMIN_ROLE)) {
            throw new ForbiddenException("Approving a client takes the role " + CLIENT_ADMIN_ROLE + ".");
        }
        if (!fromIdentityProvider) {
            throw new ForbiddenException("A client is approved by a person, with a token of the organisation's own identity"
                    + " provider; a token from /oauth2/token cannot approve.");
        }
        long expected = Preconditions.requireCurrentVersion(ifMatch, current.version(), "the client");
        Set<String> widening = new TreeSet<>(current.roles());
        widening.retainAll(WIDENING_ROLES);
        if (!widening.equals(new TreeSet<>(approvedRoles))) {
            throw new InvalidFieldException("roles", "must name exactly the widening roles the client holds: " + widening);
        }
        if (!store.approve(id, expected, now(), caller.sub(), List.copyOf(widening))) {
            throw Preconditions.concurrentChange("the client");
        }
        return store.find(id).orElseThrow();
    }

    private static final String OPERATOR_CANNOT_ACTIVATE = "An operator cannot make a client active; the organisation it"
            + " acts for approves it (POST /api/v1/clients/{clientId}/approval).";

    /** A scope or role the client did not have, or other keys: what an approval did not cover. */
    private static boolean widens(ClientStore.ClientRow current, List<String> scopes, List<String> roles, Details d) {
        return !current.scopes().containsAll(scopes) || !current.roles().containsAll(roles)
                || !java.util.Objects.equals(normalJson(current.jwks()), normalJson(d.jwks()))
                || !java.util.Objects.equals(current.jwksUrl(), d.jwksUrl());
    }

    /** JWKS JSON compared as keys, not as text (the database writes jsonb its own way). */
    private static Object normalJson(String jwks) {
        if (jwks == null) {
            return null;
        }
        try {
            return JWKSet.parse(jwks).getKeys().stream().map(JWK::toJSONObject).toList();
        } catch (ParseException e) {
            return jwks;
        }
    }

    private ClientStore.ClientRow find(Caller caller, String id) {
        ClientStore.ClientRow row = store.find(id).orElseThrow(() -> new NotFoundException(NO_CLIENT));
        // A client of another organisation is not this caller's to know of.
        if (caller.orgType() != OrgType.OPERATOR
                && (!row.orgType().equals(caller.orgType().claim()) || !row.orgId().equals(caller.orgId()))) {
            throw new NotFoundException(NO_CLIENT);
        }
        return row;
    }

    private void validate(Details d) {
        OrgType type = OrgType.fromClaim(d.orgType())
                .orElseThrow(() -> new InvalidFieldException("organisation.orgType", "is not an organisation type"));
        if (type == OrgType.OPERATOR) {
            throw new InvalidFieldException("organisation.orgType", "an operator's access is not given to a machine client");
        }
        if (d.roles() != null && d.roles().contains(CLIENT_ADMIN_ROLE)) {
            throw new InvalidFieldException("roles", "a machine client cannot approve clients; " + CLIENT_ADMIN_ROLE
                    + " is a person's role");
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

    private static void requireOperator(Caller caller) {
        if (caller.orgType() != OrgType.OPERATOR) {
            throw new ForbiddenException("The client registry is kept by Overgang's operators.");
        }
    }

    private static void requireOperatorOrClientAdmin(Caller caller) {
        if (caller.orgType() != OrgType.OPERATOR && !caller.hasRole(CLIENT_ADMIN_ROLE)) {
            throw new ForbiddenException("The client registry is kept by Overgang's operators; an organisation's "
                    + CLIENT_ADMIN_ROLE + " reads its own clients.");
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
