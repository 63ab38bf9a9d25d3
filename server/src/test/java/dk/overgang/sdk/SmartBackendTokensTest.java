package dk.overgang.sdk;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dk.overgang.sdk.model.ClientApprovalInput;
import dk.overgang.sdk.model.ClientInput;
import dk.overgang.sdk.model.ClientStatus;
import dk.overgang.sdk.model.ClientJwk;
import dk.overgang.sdk.model.ClientJwks;
import dk.overgang.sdk.model.Client;
import dk.overgang.sdk.model.OrgRef;
import dk.overgang.sdk.model.OrgType;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, end to end through the generated Java client: an operator registers a municipality's
 * case system, which then gets its own tokens with {@link SmartBackendTokens} (discovery, a signed
 * assertion, the token cached and renewed before it expires) and reads what the municipality sees.
 */
@MicronautTest(transactional = false)
class SmartBackendTokensTest extends ApiTest {

    @Test
    void aMunicipalCaseSystemGetsAndRenewsItsOwnTokens() throws Exception {
        String municipality = "1" + String.format("%02d", (int) (Math.random() * 100));
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("sag-1").generate();
        var operator = OvergangClient.builder(server.getURI())
                .token(() -> Tokens.token("operator", "overgang-drift", "user/Client.cruds")).build();
        Client registered = operator.authorization().createClient(new ClientInput()
                .name("Kommunens sagssystem").organisation(new OrgRef().orgType(OrgType.MUNICIPALITY).orgId(municipality))
                .scopes(new LinkedHashSet<>(List.of("system/Inmate.rs")))
                .jwks(new ClientJwks().keys(List.of(new ClientJwk().kty(ClientJwk.KtyEnum.EC).kid("sag-1").crv(ClientJwk.CrvEnum.P_384)
                        .x(key.getX().toString()).y(key.getY().toString())))), null);
        assertEquals(ClientStatus.PENDING, registered.getStatus(), "no tokens until the municipality approves (issue 27 §3)");

        // The municipality's own client-admin (a person, with its identity provider's token) approves it.
        var admin = OvergangClient.builder(server.getURI())
                .token(() -> Tokens.token("municipality", municipality, "user/Client.rsu", "client-admin")).build();
        Client seen = admin.authorization().readClient(registered.getId());
        Client approved = admin.authorization().approveClient(registered.getId(), new ClientApprovalInput().roles(new LinkedHashSet<>()),
                OvergangClient.ifMatch(seen.getMeta()));
        assertEquals(ClientStatus.ACTIVE, approved.getStatus());

        // The key as the integrator keeps it: a private JWK in a file.
        Path keyFile = Files.createTempFile("client-key", ".jwk.json");
        Files.writeString(keyFile, key.toJSONString());
        // The SDK's clock starts 4 minutes early, so its first token is due for renewal once the clock
        // is set to the real time (a minute before the 5-minute expiry), with assertions the server takes.
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now().minus(Duration.ofMinutes(4).plusSeconds(1)));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        var tokens = SmartBackendTokens.builder(server.getURI(), registered.getId(), SmartBackendTokens.readKey(keyFile))
                .scope("system/Inmate.sr system/Handover.rs").clock(clock).build();
        var client = OvergangClient.builder(server.getURI()).token(tokens).build();

        String institution = "sdk-tok-" + UUID.randomUUID().toString().substring(0, 8);
        create(anInmate().inInstitution(institution).inMunicipality(municipality));
        var page = client.inmates().searchInmates(institution, municipality, null, null, null, 10, null);
        assertEquals(1, page.getItems().size(), "the municipality's person, with a token the SDK got itself");
        assertEquals("system/Inmate.rs", tokens.grantedScope(), "narrowed to what the client is registered for");

        String first = tokens.get();
        assertEquals(first, tokens.get(), "kept while valid");
        now.set(Instant.now()); // within a minute of the 5-minute expiry
        String renewed = tokens.get();
        assertNotEquals(first, renewed, "renewed before it expires");
        assertEquals(1, client.inmates().searchInmates(institution, municipality, null, null, null, 10, null).getItems().size());

        var unknown = SmartBackendTokens.builder(server.getURI(), "no-such-client-" + UUID.randomUUID(), key).build();
        IllegalStateException refused = assertThrows(IllegalStateException.class, unknown::get);
        assertTrue(refused.getMessage().contains("invalid_client"), refused.getMessage());
    }
}
