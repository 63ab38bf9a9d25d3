package dk.overgang.auth;

import static dk.overgang.support.InmateBuilder.anInmate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dk.overgang.support.Api;
import dk.overgang.support.ApiTest;
import dk.overgang.support.Clients;
import dk.overgang.support.TestDatabase;
import dk.overgang.support.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 27 §3, as the red team found it: an operator registered a client for prison P1 with the
 * {@code restricted-access} role and its own key, got a token and read P1's people with CPR numbers;
 * the same for an auditor client. Registration is now two-sided: the client is pending until a
 * client-admin of P1 (a person, with P1's identity provider's token) approves it, naming each
 * widening role; the operator suspends alone but never activates; every step is audited.
 */
@MicronautTest(transactional = false)
class ClientApprovalTest extends ApiTest {

    private static final String OPERATOR = Tokens.token("operator", "overgang-drift", "user/Client.cruds");
    private final String prison = "appr-" + UUID.randomUUID().toString().substring(0, 8);

    private Map<String, Object> input(String orgType, String orgId, List<String> scopes, List<String> roles, ECKey key,
                                      String status) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", "Systemet " + orgId);
        in.put("organisation", Map.of("orgType", orgType, "orgId", orgId));
        in.put("scopes", scopes);
        in.put("roles", roles);
        in.put("jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject())));
        if (status != null) {
            in.put("status", status);
        }
        return in;
    }

    private Api.Response token(String clientId, ECKey key, String scope) throws Exception {
        String endpoint = api().get("/.well-known/smart-configuration", null).json().get("token_endpoint").asText();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(endpoint)
                        .expirationTime(Date.from(Instant.now().plusSeconds(120))).issueTime(new Date())
                        .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(key));
        String body = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + jwt.serialize() + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        return api().send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded", body);
    }

    private Api.Response approve(String clientId, String token, String ifMatch, List<String> roles) {
        return api().post("/api/v1/clients/" + clientId + "/approval", token, Map.of("roles", roles), "If-Match", ifMatch);
    }

    private static List<String> auditActions(String clientId) throws Exception {
        List<String> actions = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT action || ':' || outcome || ':' || actor_org_type FROM audit_event WHERE resource_type = 'Client'"
                        + " AND resource_id = ? ORDER BY id")) {
            ps.setObject(1, UUID.fromString(clientId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        }
        return actions;
    }

    @Test
    void anOperatorCannotActAsAPrisonWithRestrictedAccessUntilThePrisonApprovesIt() throws Exception {
        create(anInmate().inInstitution(prison));
        ECKey operatorsKey = new ECKeyGenerator(Curve.P_256).keyID("op-1").generate();

        // The attack: registered active by the operator: refused. Registered without a status: pending.
        assertEquals(403, api().post("/api/v1/clients", OPERATOR, input("prison", prison, List.of("system/Inmate.rs"),
                List.of("restricted-access"), operatorsKey, "active")).status());
        var created = api().post("/api/v1/clients", OPERATOR, input("prison", prison, List.of("system/Inmate.rs"),
                List.of("restricted-access"), operatorsKey, null));
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertEquals("pending", created.json().get("status").asText());
        var refused = token(id, operatorsKey, "system/Inmate.rs");
        assertEquals(401, refused.status(), refused.body());
        assertEquals("invalid_client", refused.json().get("error").asText());

        // The operator cannot activate it either.
        JsonNode current = api().get("/api/v1/clients/" + id, OPERATOR).json();
        var activate = api().put("/api/v1/clients/" + id, OPERATOR, input("prison", prison, List.of("system/Inmate.rs"),
                List.of("restricted-access"), operatorsKey, "active"), "If-Match", "W/\"1\"");
        assertEquals(403, activate.status(), activate.body());
        assertEquals(403, approve(id, OPERATOR, "W/\"1\"", List.of("restricted-access")).status(), "nor approve it");
        assertEquals(401, token(id, operatorsKey, "system/Inmate.rs").status());

        // Other organisations never learn of it; the prison's own staff need the role.
        String otherAdmin = Clients.clientAdmin("prison", "other-" + prison);
        assertEquals(404, approve(id, otherAdmin, "W/\"1\"", List.of("restricted-access")).status());
        assertEquals(404, api().get("/api/v1/clients/" + id, otherAdmin).status());
        assertFalse(api().get("/api/v1/clients", otherAdmin).body().contains(id));
        assertEquals(403, approve(id, Tokens.token("prison", prison, "user/Client.rsu"), "W/\"1\"", List.of("restricted-access"))
                .status(), "without client-admin");

        // The prison's client-admin reads what it approves, and must name the widening role.
        String admin = Clients.clientAdmin("prison", prison);
        assertTrue(api().get("/api/v1/clients", admin).body().contains(id), "its own clients are listed");
        assertEquals(current.get("roles").toString(), api().get("/api/v1/clients/" + id, admin).json().get("roles").toString());
        var unnamed = approve(id, admin, "W/\"1\"", List.of());
        assertEquals(400, unnamed.status(), unnamed.body());
        assertEquals("roles", unnamed.json().at("/errors/0/field").asText());
        assertEquals(412, approve(id, admin, "W/\"7\"", List.of("restricted-access")).status(), "what was read is approved");
        var approved = approve(id, admin, "W/\"1\"", List.of("restricted-access"));
        assertEquals(200, approved.status(), approved.body());
        assertEquals("active", approved.json().get("status").asText());
        assertEquals("[\"restricted-access\"]", approved.json().at("/approval/roles").toString());

        // Now, and only now, the client acts for the prison.
        var issued = token(id, operatorsKey, "system/Inmate.rs");
        assertEquals(200, issued.status(), issued.body());
        String access = issued.json().get("access_token").asText();
        assertEquals(200, api().get("/api/v1/inmates?institution=" + prison, access).status());

        // A widening change by the operator (a new key) needs the prison again: pending, tokens refused.
        ECKey newKey = new ECKeyGenerator(Curve.P_256).keyID("op-2").generate();
        var widened = api().put("/api/v1/clients/" + id, OPERATOR, input("prison", prison, List.of("system/Inmate.rs"),
                List.of("restricted-access"), newKey, null), "If-Match", "W/\"2\"");
        assertEquals(200, widened.status(), widened.body());
        assertEquals("pending", widened.json().get("status").asText());
        assertEquals(401, api().get("/api/v1/inmates?institution=" + prison, access).status(), "issued tokens stop at once");
        assertEquals(401, token(id, newKey, "system/Inmate.rs").status());

        // Every step is in the audit log, with who took it.
        List<String> audited = auditActions(id);
        assertTrue(audited.contains("create:success:operator"), audited.toString());
        assertTrue(audited.contains("approve:success:prison"), audited.toString());
        assertTrue(audited.contains("update:success:operator"), audited.toString());
        assertTrue(audited.contains("approve:not-found:prison"), "the other prison's try: " + audited);
    }

    @Test
    void theOperatorSuspendsAloneAndOnlyTheOrganisationReactivates() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("aud-1").generate();
        var created = api().post("/api/v1/clients", OPERATOR, input("auditor", "datatilsynet-" + prison,
                List.of("system/AuditEvent.s"), List.of(), key, null));
        assertEquals(201, created.status(), created.body());
        String id = created.json().get("id").asText();
        assertEquals(401, token(id, key, "system/AuditEvent.s").status(), "an auditor client too waits for its organisation");
        Clients.approve(api(), id, "auditor", "datatilsynet-" + prison);
        assertEquals(200, token(id, key, "system/AuditEvent.s").status());

        var suspended = api().put("/api/v1/clients/" + id, OPERATOR, input("auditor", "datatilsynet-" + prison,
                List.of("system/AuditEvent.s"), List.of(), key, "suspended"), "If-Match", "W/\"2\"");
        assertEquals(200, suspended.status(), suspended.body());
        assertEquals(401, token(id, key, "system/AuditEvent.s").status());
        var reactivate = api().put("/api/v1/clients/" + id, OPERATOR, input("auditor", "datatilsynet-" + prison,
                List.of("system/AuditEvent.s"), List.of(), key, "active"), "If-Match", "W/\"3\"");
        assertEquals(403, reactivate.status(), reactivate.body());
        Clients.approve(api(), id, "auditor", "datatilsynet-" + prison);
        assertEquals(200, token(id, key, "system/AuditEvent.s").status(), "the organisation's approval reactivates it");

        // A narrowing change keeps it active; a machine client never gets the approver's role.
        var narrowed = api().put("/api/v1/clients/" + id, OPERATOR, input("auditor", "datatilsynet-" + prison,
                List.of("system/AuditEvent.s"), List.of(), key, null), "If-Match", "W/\"4\"");
        assertEquals("active", narrowed.json().get("status").asText(), narrowed.body());
        var withAdmin = api().post("/api/v1/clients", OPERATOR, input("auditor", "datatilsynet-" + prison,
                List.of("system/AuditEvent.s"), List.of("client-admin"), key, null));
        assertEquals(400, withAdmin.status(), withAdmin.body());
    }
}
