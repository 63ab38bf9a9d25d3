package dk.overgang.auth;

import java.net.URI;
import dk.overgang.api.generated.model.AuthorizationServerMetadata;
import dk.overgang.web.PageLinks;
import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.AuthorizationApi;
import dk.overgang.api.generated.model.ClientApproval;
import dk.overgang.api.generated.model.ClientApprovalInput;
import dk.overgang.api.generated.model.ClientInput;
import dk.overgang.api.generated.model.ClientJwks;
import dk.overgang.api.generated.model.ClientList;
import dk.overgang.api.generated.model.ClientStatus;
import dk.overgang.api.generated.model.Meta;
import dk.overgang.api.generated.model.ModelClient;
import dk.overgang.api.generated.model.OrgRef;
import dk.overgang.api.generated.model.OrgType;
import dk.overgang.api.generated.model.SmartConfiguration;
import dk.overgang.api.generated.model.TokenError;
import dk.overgang.api.generated.model.TokenErrorError;
import dk.overgang.api.generated.model.TokenResponse;
import dk.overgang.api.generated.model.TokenResponseTokenType;
import dk.overgang.shared.NotFoundException;
import dk.overgang.web.ETags;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** HTTP face of the client registry, the token endpoint and SMART discovery: implements the generated {@link AuthorizationApi}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AuthController implements AuthorizationApi {

    private final ClientRegistry registry;
    private final TokenService tokens;
    private final CallerProvider callers;
    private final JsonMapper json;

    AuthController(ClientRegistry registry, TokenService tokens, CallerProvider callers, JsonMapper json) {
        this.registry = registry;
        this.tokens = tokens;
        this.callers = callers;
        this.json = json;
    }

    @Override
    public HttpResponse<ModelClient> createClient(ClientInput in, String idempotencyKey) {
        var created = registry.create(callers.current(), details(in), Optional.ofNullable(idempotencyKey));
        var response = HttpResponse.<ModelClient>status(HttpStatus.CREATED).body(toApi(created.client()))
                .header(HttpHeaders.ETAG, ETags.of(created.client().version()))
                .header(HttpHeaders.LOCATION, "/api/v1/clients/" + created.client().id());
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public ClientList searchClients(Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<ClientStore.ClientRow> page = registry.list(callers.current(), Cursors.instantAndKeyAfter(cursor), limit);
        return new ClientList(page.items().stream().map(this::toApi).toList(), PageLinks.of(
                "/api/v1/clients", limit, cursor, page, c -> Cursors.after(new Cursors.InstantAndKey(c.createdAt(), c.id()))));
    }

    @Override
    public ClientList readClientHistory(String clientId, Integer count, String cursor) {
        var page = PageLinks.history("/api/v1/clients/" + clientId + "/_history", count, cursor,
                (before, limit) -> registry.history(callers.current(), clientId, before, limit), c -> c.version(), this::toApi);
        return new ClientList(page.items(), page.links());
    }

    @Override
    public HttpResponse<ModelClient> readClient(String clientId) {
        var row = registry.read(callers.current(), clientId);
        return HttpResponse.ok(toApi(row)).header(HttpHeaders.ETAG, ETags.of(row.version()));
    }

    @Override
    public HttpResponse<ModelClient> updateClient(String clientId, ClientInput in, String ifMatch) {
        var row = registry.update(callers.current(), clientId, ETags.ifMatchVersion(ifMatch), details(in));
        return HttpResponse.ok(toApi(row)).header(HttpHeaders.ETAG, ETags.of(row.version()));
    }

    @Override
    public HttpResponse<ModelClient> approveClient(String clientId, ClientApprovalInput in, String ifMatch) {
        var row = registry.approve(callers.current(), clientId, ETags.ifMatchVersion(ifMatch), new ArrayList<>(in.getRoles()),
                !callers.issuedByOvergang());
        return HttpResponse.ok(toApi(row)).header(HttpHeaders.ETAG, ETags.of(row.version()));
    }

    /** The form fields by their OAuth names (the generated interface names them in Java style only). */
    @Override
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<TokenResponse> requestToken(@Body("grant_type") String grantType,
                                                    @Body("client_assertion_type") String clientAssertionType,
                                                    @Body("client_assertion") String clientAssertion,
                                                    @Body("scope") String scope,
                                                    @Body("client_id") String clientId) {
        if (!tokens.enabled()) {
            throw new NotFoundException("This server issues no tokens.");
        }
        var issued = tokens.issue(grantType, scope, clientAssertionType, clientAssertion, clientId,
                tokens.endpointUrl(requestBase()));
        return HttpResponse.ok(new TokenResponse(issued.accessToken(), TokenResponseTokenType.BEARER, (int) issued.expiresIn(),
                issued.scope())).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
    }

    /**
     * RFC 6749 §5.2: OAuth errors as OAuth clients expect them, not as problem+json, and without a
     * Bearer challenge (see {@code web/TokenErrorFilter}, which gives the framework's refusals the same form).
     */
    @Error(exception = TokenService.TokenRefused.class)
    HttpResponse<TokenError> refused(HttpRequest<?> request, TokenService.TokenRefused refused) {
        return HttpResponse.<TokenError>status(HttpStatus.valueOf(refused.status()))
                .body(new TokenError(TokenErrorError.fromValue(refused.error())).errorDescription(refused.getMessage()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Override
    @Secured(SecurityRule.IS_ANONYMOUS)
    public SmartConfiguration readSmartConfiguration() {
        if (!tokens.enabled()) {
            throw new NotFoundException("This server issues no tokens; use the identity provider's.");
        }
        String base = requestBase();
        return new SmartConfiguration(tokens.issuer(), tokens.endpointUrl(base), base + "/.well-known/jwks.json",
                List.of("client_credentials"), List.of("private_key_jwt"),
                TokenService.ASSERTION_ALGORITHMS.stream().map(a -> a.getName()).toList(), TokenService.supportedScopes(),
                List.of("client-confidential-asymmetric", "permission-v2"));
    }

    /** Issue 34 §2: RFC 8414 metadata, the same facts as the SMART document, where OAuth libraries look. */
    @Override
    @Secured(SecurityRule.IS_ANONYMOUS)
    public AuthorizationServerMetadata readAuthorizationServerMetadata() {
        SmartConfiguration smart = readSmartConfiguration();
        return new AuthorizationServerMetadata(smart.getIssuer(), URI.create(smart.getTokenEndpoint()), URI.create(smart.getJwksUri()),
                List.of(), smart.getGrantTypesSupported(), smart.getTokenEndpointAuthMethodsSupported(),
                smart.getTokenEndpointAuthSigningAlgValuesSupported(), smart.getScopesSupported());
    }

    private static String requestBase() {
        return ServerRequestContext.currentRequest().map(r -> {
            String host = r.getHeaders().get(HttpHeaders.HOST);
            String scheme = r.isSecure() ? "https" : "http";
            return host == null ? "" : scheme + "://" + host;
        }).orElse("");
    }

    private ClientRegistry.Details details(ClientInput in) {
        String jwks;
        try {
            jwks = in.getJwks() == null ? null : json.writeValueAsString(in.getJwks());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClientRegistry.Details(in.getName(), in.getOrganisation().getOrgType().getValue(),
                in.getOrganisation().getOrgId(), new ArrayList<>(in.getScopes()),
                in.getRoles() == null ? List.of() : new ArrayList<>(in.getRoles()), jwks, in.getJwksUrl(),
                in.getStatus() == null ? null : in.getStatus().getValue(), in.getReadOnly());
    }

    private ModelClient toApi(ClientStore.ClientRow c) {
        var api = new ModelClient(c.id(), new Meta(Long.toString(c.version()), c.lastUpdated().atZone(ZoneOffset.UTC)),
                c.name(), new OrgRef(OrgType.fromValue(c.orgType()), c.orgId()), c.scopes(), c.roles(),
                ClientStatus.fromValue(c.status()), c.readOnly(), c.createdAt().atZone(ZoneOffset.UTC));
        if (c.jwks() != null) {
            try {
                api.jwks(json.readValue(c.jwks(), ClientJwks.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (c.approvedAt() != null) {
            api.approval(new ClientApproval(c.approvedAt().atZone(ZoneOffset.UTC), c.approvedRoles()));
        }
        return api.jwksUrl(c.jwksUrl());
    }
}
