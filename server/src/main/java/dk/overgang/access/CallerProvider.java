package dk.overgang.access;

import dk.overgang.shared.ClientRefusedException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.context.ServerRequestContext;
import dk.overgang.shared.ForbiddenException;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns the verified token of the current request into a {@link Caller}. */
@Singleton
public class CallerProvider {

    private final SecurityService security;
    private final TokenSigningKeys ownKeys;
    private final RegisteredClients clients;

    public CallerProvider(SecurityService security, TokenSigningKeys ownKeys, RegisteredClients clients) {
        this.security = security;
        this.ownKeys = ownKeys;
        this.clients = clients;
    }

    /**
     * The caller of the current request; the claims were already checked by {@link RequiredClaimsValidator}.
     * A token Overgang issued (issue 15) is good only while its client is active, and for writes only
     * while the client's writes are not frozen: checked here, on every request, in the registry.
     */
    public Caller current() {
        Authentication auth = security.getAuthentication()
                .orElseThrow(() -> new ForbiddenException("No authenticated caller."));
        Caller caller = fromClaims(auth.getName(), auth.getAttributes());
        if (ownKeys.isOwnIssuer(auth.getAttributes().get("iss"))) {
            RegisteredClients.State state = caller.clientId() == null ? null : clients.state(caller.clientId()).orElse(null);
            if (state == null || !state.active()) {
                throw ClientRefusedException.suspended();
            }
            if (state.readOnly() && ServerRequestContext.currentRequest().map(r -> isWrite(r.getMethod())).orElse(true)) {
                throw ClientRefusedException.readOnly();
            }
        }
        return caller;
    }

    /**
     * Whether the current request's token was issued by Overgang's own token endpoint (to a
     * registered client) rather than by the identity provider of an organisation (issue 27 §3: a
     * client is approved only by a person of its organisation, never by a machine).
     */
    public boolean issuedByOvergang() {
        return security.getAuthentication().map(auth -> ownKeys.isOwnIssuer(auth.getAttributes().get("iss"))).orElse(false);
    }

    private static boolean isWrite(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    /** The caller a verified token names, if it names a known organisation type. */
    public static Optional<Caller> of(Authentication auth) {
        try {
            return Optional.of(fromClaims(auth.getName(), auth.getAttributes()));
        } catch (ForbiddenException e) {
            // A purpose the organisation may not have is refused, but the refusal is still audited:
            // as the caller, for the organisation type's own purpose.
            Map<String, Object> withoutPurpose = new java.util.HashMap<>(auth.getAttributes());
            withoutPurpose.remove("purpose");
            try {
                return Optional.of(fromClaims(auth.getName(), withoutPurpose));
            } catch (ForbiddenException unknownOrganisation) {
                return Optional.empty();
            }
        }
    }

    static Caller fromClaims(String sub, Map<String, Object> claims) {
        OrgType orgType = OrgType.fromClaim(claims.get("org_type"))
                .orElseThrow(() -> new ForbiddenException("The token names no known org_type."));
        Object client = claims.getOrDefault("client_id", claims.get("azp"));
        return new Caller(sub,
                client instanceof String s ? s : null,
                orgType,
                String.valueOf(claims.get("org_id")),
                Scopes.parse(claims.get("scope") instanceof String s ? s : null),
                roles(claims.get("roles")),
                purpose(orgType, claims.get("purpose")));
    }

    /**
     * Issue 17: the token's {@code purpose} claim when it is a purpose of its organisation type;
     * absent, the type's own. A purpose the organisation may not have is refused (403), never ignored.
     */
    private static Purpose purpose(OrgType orgType, Object claim) {
        if (claim == null) {
            return Purpose.defaultFor(orgType);
        }
        return Purpose.fromCode(String.valueOf(claim)).filter(p -> Purpose.allowedFor(orgType).contains(p))
                .orElseThrow(() -> new ForbiddenException("The token's purpose claim is not a purpose of a "
                        + orgType.claim() + " organisation; allowed: "
                        + Purpose.allowedFor(orgType).stream().map(Purpose::code).sorted().toList() + "."));
    }

    private static Set<String> roles(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }
}
