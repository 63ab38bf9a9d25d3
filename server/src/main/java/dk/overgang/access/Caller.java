package dk.overgang.access;

import dk.overgang.shared.ForbiddenException;
import java.util.Set;

/**
 * The verified identity behind a request: who ({@code sub}, through which client system), for which
 * organisation, with which scopes and roles, and why ({@link Purpose}, recorded in the audit log).
 * Built once per request from the token's claims.
 */
public record Caller(String sub, String clientId, OrgType orgType, String orgId, Scopes scopes, Set<String> roles,
                     Purpose purpose) {

    /** The same caller acting for {@code purpose} (an endpoint that has its own purpose, issue 17). */
    public Caller withPurpose(Purpose purpose) {
        return new Caller(sub, clientId, orgType, orgId, scopes, roles, purpose);
    }

    /** Throws {@link ForbiddenException} (403) unless the token's scopes grant the interaction. */
    public void require(ResourceType type, Interaction interaction) {
        if (!scopes.allows(type, interaction)) {
            throw new ForbiddenException("The token's scopes do not allow " + interaction.name().toLowerCase()
                    + " on " + type.name() + ".");
        }
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
