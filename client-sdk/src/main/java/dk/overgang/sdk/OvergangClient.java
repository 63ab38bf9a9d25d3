package dk.overgang.sdk;

import dk.overgang.sdk.api.ActionPlansApi;
import dk.overgang.sdk.api.AuditEventsApi;
import dk.overgang.sdk.api.HandoversApi;
import dk.overgang.sdk.api.ObligationsApi;
import dk.overgang.sdk.api.OutcomesApi;
import dk.overgang.sdk.api.CapabilitiesApi;
import dk.overgang.sdk.api.EventsApi;
import dk.overgang.sdk.api.GangExitApi;
import dk.overgang.sdk.api.PrivacyApi;
import dk.overgang.sdk.api.InmatesApi;
import dk.overgang.sdk.api.KspApi;
import dk.overgang.sdk.api.ProgrammesApi;
import dk.overgang.sdk.api.ReferralsApi;
import dk.overgang.sdk.api.ReleaseMeetingsApi;
import dk.overgang.sdk.api.StatisticsApi;
import dk.overgang.sdk.api.SupervisionApi;
import dk.overgang.sdk.invoker.ApiClient;
import dk.overgang.sdk.model.Meta;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Entry point: {@code OvergangClient.builder(URI.create("https://api.overgang.example")).token(myIdp::accessToken).build()}.
 * The token supplier is asked on every request, so it can cache and refresh tokens from your
 * identity provider; Overgang never sees how.
 */
public final class OvergangClient {

    private final ApiClient apiClient;

    private OvergangClient(ApiClient apiClient) {
        this.apiClient = apiClient;
    }

    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    public InmatesApi inmates() {
        return new InmatesApi(apiClient);
    }

    public ActionPlansApi actionPlans() {
        return new ActionPlansApi(apiClient);
    }

    /** Per-case obligations, fulfilments and the caller's worklist. */
    public ObligationsApi obligations() {
        return new ObligationsApi(apiClient);
    }

    /** Handovers (R9); verify a sent one offline with {@link HandoverSignatures}. */
    public HandoversApi handovers() {
        return new HandoversApi(apiClient);
    }

    /** Which probation office supervises a person paroled with supervision. */
    public SupervisionApi supervision() {
        return new SupervisionApi(apiClient);
    }

    /** Release meetings (R10): called by the institution, read by every invited organisation. */
    public ReleaseMeetingsApi releaseMeetings() {
        return new ReleaseMeetingsApi(apiClient);
    }

    /** KSP forums, meetings, their immutable lists (with history and diff), proposals and exchanges (R17-R19). */
    public KspApi ksp() {
        return new KspApi(apiClient);
    }

    /**
     * The audit log, for auditor organisations: every access to a person ({@code subject}), to a
     * resource, or by CPR number ({@code lookupAuditEventsByCpr}, the CPR in the body). 429 answers
     * (rate limits) arrive as {@link OvergangApiException} with {@code Retry-After}.
     */
    public AuditEventsApi auditEvents() {
        return new AuditEventsApi(apiClient);
    }

    /** The civil-society programme catalogue and a person's eligibility for each programme, with the reason. */
    public ProgrammesApi programmes() {
        return new ProgrammesApi(apiClient);
    }

    /**
     * Consent, referrals, and a programme's own consent-checked view of the people referred to it
     * (for NGO systems: {@code searchProgrammeReferrals}, {@code updateReferralStatus}).
     */
    public ReferralsApi referrals() {
        return new ReferralsApi(apiClient);
    }

    /**
     * Where a released person is 3, 6 and 12 months after release (recorded by the acting
     * municipality; {@code recordOutcome} with {@link #ifMatch} to correct).
     */
    public OutcomesApi outcomes() {
        return new OutcomesApi(apiClient);
    }

    /** The public figures against the 60 % goal and of NGO activity (no token needed; small counts suppressed). */
    public StatisticsApi statistics() {
        return new StatisticsApi(apiClient);
    }

    /**
     * Events: subscriptions to signed webhooks (verify them with {@link WebhookVerifier}), their
     * deliveries and redelivery, the event feed ({@code searchEvents}), and the municipality directory.
     */
    public EventsApi events() {
        return new EventsApi(apiClient);
    }

    /** The client registry (operators) and SMART discovery; for tokens use {@link SmartBackendTokens}. */
    public dk.overgang.sdk.api.AuthorizationApi authorization() {
        return new dk.overgang.sdk.api.AuthorizationApi(apiClient);
    }

    /**
     * The person's data protection (issue 17): the subject-access export, restricted persons, legal
     * hold, information notices and the retention runs.
     */
    public PrivacyApi privacy() {
        return new PrivacyApi(apiClient);
    }

    /** Gang-exit cases (R15), for the exit-unit role of prison, municipality and police only. */
    public GangExitApi gangExit() {
        return new GangExitApi(apiClient);
    }

    public CapabilitiesApi capabilities() {
        return new CapabilitiesApi(apiClient);
    }

    /** The generated client underneath, for anything the helpers do not cover. */
    public ApiClient apiClient() {
        return apiClient;
    }

    /** The {@code If-Match} value that updates the version {@code meta} describes. */
    public static String ifMatch(Meta meta) {
        return "W/\"" + meta.getVersionId() + "\"";
    }

    /** Builds an {@link OvergangClient}. */
    public static final class Builder {
        private final URI baseUri;
        private Supplier<String> token;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        }

        /** Supplies the bearer token (without "Bearer ") for each request. */
        public Builder token(Supplier<String> token) {
            this.token = token;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** A client; without {@link #token} only the public figures ({@link OvergangClient#statistics()}) answer. */
        public OvergangClient build() {
            // The generated ApiClient builds a new java.net.http.HttpClient for every API object, and
            // each keeps its idle connections open for 20 minutes: a long-running integration would
            // open one connection per call until the server's per-address cap refuses it. One
            // HttpClient per OvergangClient keeps one small pool of reused connections.
            HttpClient http = ApiClient.createDefaultHttpClientBuilder().connectTimeout(connectTimeout).build();
            ApiClient client = new ApiClient() {
                @Override
                public HttpClient getHttpClient() {
                    return http;
                }
            };
            client.updateBaseUri(baseUri.toString().replaceAll("/+$", ""));
            client.setReadTimeout(readTimeout);
            if (token != null) {
                client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token.get()));
            }
            return new OvergangClient(client);
        }
    }
}
