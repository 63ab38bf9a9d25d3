package dk.overgang.web;

import dk.overgang.access.OrgType;
import dk.overgang.api.generated.CapabilitiesApi;
import dk.overgang.api.generated.model.CapabilityResource;
import dk.overgang.api.generated.model.CapabilityStatement;
import dk.overgang.api.generated.model.CapabilityStatementSecurity;
import dk.overgang.api.generated.model.ResourceType;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Arrays;
import java.util.List;

/**
 * The capability statement at {@code /api/v1/metadata}: what this server offers, so an integrator
 * (or a test) can discover it without reading code. Public, like FHIR's {@code /metadata}. When a
 * resource lands, it is added here in the same change.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class CapabilityController implements CapabilitiesApi {

    private final CapabilityStatement statement;

    public CapabilityController(@Value("${overgang.jwt.issuer}") String issuer,
                                @Value("${micronaut.security.token.jwt.claims-validators.audience}") String audience) {
        var inmates = new CapabilityResource(ResourceType.INMATE, "/api/v1/inmates",
                List.of("create", "read", "update", "search", "history-instance", "vread", "lookup-by-cpr"),
                List.of("c", "r", "u", "s"));
        inmates.setSearchParams(List.of("institution", "actingMunicipality", "custodyStatus", "releaseFrom",
                "releaseTo", "_count", "_cursor"));
        inmates.setVersioned(true);
        inmates.setDescription("Prison staff read and write their own institution's inmates; the acting municipality "
                + "reads its inmates (R20); a probation office reads the people it supervises or is assigned to supervise "
                + "(supervision at /api/v1/inmates/{id}/supervision, set by prison staff or the supervising office; "
                + "ended supervision ends the access). Police, NGOs and auditors read no inmate. Deadlines count from the "
                + "expected release: the expected parole date while parole is expected (paroleRefused false), else the "
                + "full term, moved by R14.");
        var meetings = new CapabilityResource(ResourceType.RELEASE_MEETING, "/api/v1/release-meetings",
                List.of("create", "read", "update", "search", "history-instance"), List.of("c", "r", "u", "s"));
        meetings.setSearchParams(List.of("inmateId", "from", "to", "_count", "_cursor"));
        meetings.setVersioned(true);
        meetings.setDescription("R10: prison staff of the inmate's institution call the release meeting at the latest 3 "
                + "months before the expected release; the institution, the acting municipality and a supervising "
                + "probation office (parole with supervision) are invited, and further authorities the institution adds. "
                + "Calling it fulfils R10; it shows on every invitee's worklist as release-meeting-invitation.");
        var audit = new CapabilityResource(ResourceType.AUDIT_EVENT, "/api/v1/audit-events",
                List.of("search"), List.of("s"));
        audit.setSearchParams(List.of("resourceType", "resourceId", "subject", "_count", "_cursor"));
        audit.setVersioned(false);
        var plans = new CapabilityResource(ResourceType.ACTION_PLAN, "/api/v1/action-plans",
                List.of("create", "read", "update", "search", "history-instance", "vread", "obligations", "fulfil", "worklist"),
                List.of("c", "r", "u", "s"));
        plans.setSearchParams(List.of("inmateId"));
        plans.setVersioned(true);
        var assessments = new CapabilityResource(ResourceType.LS_RNR_ASSESSMENT, "/api/v1/lsrnr-assessments",
                List.of("create", "read", "update", "search", "history-instance"), List.of("c", "r", "u", "s"));
        assessments.setSearchParams(List.of("inmateId"));
        assessments.setVersioned(true);
        var handovers = new CapabilityResource(ResourceType.HANDOVER, "/api/v1/handovers",
                List.of("create", "read", "search", "approve", "acknowledge", "html-page", "signed-jws"), List.of("c", "r", "u", "s"));
        handovers.setSearchParams(List.of("inmateId"));
        handovers.setVersioned(false);
        var ksp = new CapabilityResource(ResourceType.KSP_LIST, "/api/v1/ksp-meetings",
                List.of("create", "read", "update", "search", "history-instance", "vread", "diff", "html-page", "propose",
                        "decide", "exchange", "forums"), List.of("c", "r", "u", "s"));
        ksp.setSearchParams(List.of("forumId", "from", "_count", "_cursor"));
        ksp.setVersioned(true);
        var programmes = new CapabilityResource(ResourceType.PROGRAMME, "/api/v1/programmes",
                List.of("read", "search", "update", "eligibility"), List.of("r", "u", "s"));
        programmes.setVersioned(true);
        programmes.setDescription("Civil-society programmes (Red Cross visit service, Primus Motor, Kickstart): every "
                + "organisation reads the catalogue; the programme itself maintains its entry; whoever may see a person "
                + "reads the person's eligibility at /api/v1/inmates/{id}/programme-eligibility, with the reason.");
        var security = new CapabilityStatementSecurity(List.of("RS256", "ES256"), issuer, audience,
                Arrays.stream(OrgType.values()).map(OrgType::claim).toList(), Arrays.asList(ResourceType.values()));
        this.statement = new CapabilityStatement("Overgang", "1.0.0", List.of(inmates, plans, assessments, handovers, meetings, ksp, programmes, audit), security);
        this.statement.setOpenapi("/api/v1/openapi.yaml");
    }

    @Override
    public CapabilityStatement getCapabilities() {
        return statement;
    }
}
