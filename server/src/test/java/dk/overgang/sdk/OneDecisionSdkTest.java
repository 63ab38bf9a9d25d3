package dk.overgang.sdk;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dk.overgang.sdk.model.EventType;
import dk.overgang.sdk.model.SubscriptionInput;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 through the generated Java client: a subscription to a type the organisation is never told
 * of is the typed 422 the contract lists, and the shared NGO notes of a person the caller may not see
 * are a 404, as for every other path about a person.
 */
@MicronautTest(transactional = false)
class OneDecisionSdkTest extends ApiTest {

    @Test
    void refusalsArriveTypedAsTheContractListsThem() throws Exception {
        var police = OvergangClient.builder(server.getURI())
                .token(() -> Tokens.token("police", "politi-" + UUID.randomUUID().toString().substring(0, 6), "user/Subscription.c"))
                .build();
        OvergangApiException refused = assertThrows(OvergangApiException.class, () -> OvergangApiException.call(() ->
                police.events().createSubscription(new SubscriptionInput().endpoint("https://politi.example/hook")
                        .eventTypes(java.util.Set.of(EventType.RELEASED)), null)));
        assertEquals(422, refused.status());
        assertEquals(OvergangApiException.Kind.EVENT_TYPE_NOT_ALLOWED, refused.kind());
        assertEquals("eventTypes", refused.problem().orElseThrow().getErrors().get(0).getField());

        String prison = "sdk-one-" + UUID.randomUUID().toString().substring(0, 6);
        UUID person = UUID.fromString(create(anInmate().inInstitution(prison)).get("id").asText());
        var own = OvergangClient.builder(server.getURI()).token(() -> Tokens.token("prison", prison, "user/Referral.s")).build();
        assertEquals(0, own.referrals().searchSharedNgoNotes(person, null, null).getItems().size());
        var other = OvergangClient.builder(server.getURI()).token(() -> Tokens.token("prison", "x" + prison, "user/Referral.s")).build();
        OvergangApiException hidden = assertThrows(OvergangApiException.class,
                () -> OvergangApiException.call(() -> other.referrals().searchSharedNgoNotes(person, null, null)));
        assertEquals(OvergangApiException.Kind.NOT_FOUND, hidden.kind());
    }
}
