package dk.overgang.support;

import java.util.List;
import java.util.Map;

/** The organisation's side of client registration (issue 27 §3), for tests that need an active client. */
public final class Clients {

    private Clients() {
    }

    /** The token of a person of the organisation who approves its clients (its own identity provider's). */
    public static String clientAdmin(String orgType, String orgId) {
        return Tokens.token(orgType, orgId, "user/Client.rsu", "client-admin");
    }

    /** Approves the client as its organisation's client-admin, naming {@code roles}; fails unless 200. */
    public static Api.Response approve(Api api, String clientId, String orgType, String orgId, String... roles) {
        String admin = clientAdmin(orgType, orgId);
        Api.Response read = api.get("/api/v1/clients/" + clientId, admin);
        if (read.status() != 200) {
            throw new AssertionError("Expected 200 reading the client as its organisation, got " + read.status() + ": " + read.body());
        }
        Api.Response approved = api.post("/api/v1/clients/" + clientId + "/approval", admin,
                Map.of("roles", List.of(roles)), "If-Match", read.header("ETag"));
        if (approved.status() != 200) {
            throw new AssertionError("Expected 200 approving the client, got " + approved.status() + ": " + approved.body());
        }
        return approved;
    }
}
