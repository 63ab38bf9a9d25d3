package dk.overgang.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dk.overgang.outbound.EndpointPolicy;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's public keys, for verifying its assertions: inline from the registry, or fetched from its
 * {@code jwksUrl} through Nimbus's JWK source (cached for {@code overgang.token.client-jwks-cache},
 * refetched once on an unknown {@code kid}, at most 50 KB within 5 s; redirects are not followed and
 * the address is checked against the same policy as webhook endpoints before each fetch). Never a
 * key named inside the assertion itself.
 */
@Singleton
class ClientKeys {

    private static final int SIZE_LIMIT = 50 * 1024;
    private static final int TIMEOUT_MS = 5_000;

    private final EndpointPolicy endpoints;
    private final Duration cacheFor;
    private final Map<String, JWKSource<SecurityContext>> remote = new ConcurrentHashMap<>();

    ClientKeys(EndpointPolicy endpoints, @Value("${overgang.token.client-jwks-cache:5m}") Duration cacheFor) {
        this.endpoints = endpoints;
        this.cacheFor = cacheFor;
    }

    /** The client's signing keys with this {@code kid}; empty when there is none (or its keys cannot be had now). */
    List<JWK> keys(ClientStore.ClientRow client, String keyId) {
        JWKSelector selector = new JWKSelector(new JWKMatcher.Builder().keyID(keyId).build());
        if (client.jwks() != null) {
            try {
                return selector.select(JWKSet.parse(client.jwks()));
            } catch (ParseException e) {
                return List.of();
            }
        }
        if (endpoints.unsafeAddress(URI.create(client.jwksUrl()).getHost()) != null) {
            return List.of();
        }
        try {
            return remote.computeIfAbsent(client.id() + " " + client.jwksUrl(), k -> source(client.jwksUrl())).get(selector, null);
        } catch (KeySourceException e) {
            return List.of();
        }
    }

    /** The registry changed the client: its cached keys go. */
    void forget(String clientId) {
        remote.keySet().removeIf(k -> k.startsWith(clientId + " "));
    }

    private JWKSource<SecurityContext> source(String url) {
        var retriever = new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, SIZE_LIMIT, true) {
            @Override
            protected java.net.HttpURLConnection openHTTPConnection(java.net.URL target) throws java.io.IOException {
                java.net.HttpURLConnection connection = super.openHTTPConnection(target);
                connection.setInstanceFollowRedirects(false); // a redirect could lead anywhere, past the address check
                return connection;
            }
        };
        try {
            return JWKSourceBuilder.create(URI.create(url).toURL(), retriever)
                    .cache(cacheFor.toMillis(), TIMEOUT_MS)
                    .rateLimited(false)
                    .retrying(false)
                    .refreshAheadCache(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("A client's key address is a URL (checked when registered)", e);
        }
    }
}
