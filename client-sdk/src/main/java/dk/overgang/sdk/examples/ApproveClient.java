package dk.overgang.sdk.examples;

import dk.overgang.sdk.OvergangApiException;
import dk.overgang.sdk.OvergangClient;
import dk.overgang.sdk.Pages;
import dk.overgang.sdk.model.Client;
import dk.overgang.sdk.model.ClientApprovalInput;
import dk.overgang.sdk.model.ClientList;
import dk.overgang.sdk.model.ClientStatus;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The organisation's side of client registration (issue 27 §3): an operator registered a case
 * system for the municipality, and it gets no token until a person of the municipality approves it.
 * The municipality's client administrator (role {@code client-admin}, a token from the municipality's
 * own identity provider, scope {@code user/Client.rsu}) lists the clients registered for it, reads
 * what one may do (scopes, roles, keys) and approves exactly that version, naming each widening role
 * ({@code restricted-access}, {@code exit-unit}, {@code security-unit}, {@code manager}) it holds.
 * <pre>
 * OVERGANG_TOKEN=$(deploy/dev-token --org-type municipality --org-id 101 --scope "user/Client.rsu" --roles client-admin) \
 *   mvn -q -f client-sdk exec:java -Dexec.mainClass=dk.overgang.sdk.examples.ApproveClient \
 *   -Dexec.args="http://localhost:8080 CLIENT-ID"
 * </pre>
 */
public final class ApproveClient {

    private ApproveClient() {
    }

    public static void main(String[] args) {
        URI base = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
        String token = System.getenv("OVERGANG_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("Set OVERGANG_TOKEN to a client-admin's token of the organisation (see the README).");
            System.exit(2);
        }
        OvergangClient admin = OvergangClient.builder(base).token(() -> token).build();
        if (args.length < 2) {
            // The clients registered for the organisation, with what waits for approval.
            Pages.stream(cursor -> admin.authorization().searchClients(100, cursor), ClientList::getItems, ClientList::getLinks)
                    .forEach(c -> System.out.println(c.getId() + "  " + c.getStatus() + "  " + c.getName() + "  "
                            + c.getScopes() + "  " + c.getRoles()));
            return;
        }
        System.out.println(approve(admin, args[1]).getStatus());
    }

    /** Reads the client and approves that version, naming the widening roles it holds. */
    public static Client approve(OvergangClient admin, String clientId) {
        Client client = OvergangApiException.call(() -> admin.authorization().readClient(clientId));
        if (client.getStatus() == ClientStatus.ACTIVE) {
            return client;
        }
        List<String> widening = client.getRoles().stream()
                .filter(List.of("restricted-access", "exit-unit", "security-unit", "manager")::contains).toList();
        // Look at what is approved before approving it: here, printed for the administrator.
        System.err.println("Approving " + client.getName() + ": scopes " + client.getScopes() + ", widening roles " + widening);
        return OvergangApiException.call(() -> admin.authorization().approveClient(clientId,
                new ClientApprovalInput().roles(new LinkedHashSet<>(widening)), OvergangClient.ifMatch(client.getMeta())));
    }
}
