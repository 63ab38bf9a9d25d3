package dk.overgang.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.overgang.support.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Issue 26: the one table of operations comes from the contract, and covers every operation the
 * server serves; the lint (api-spec/.spectral.yaml, rule overgang-operation-table) fails the build for
 * an operation of the contract without it, and this test for a route the contract does not describe.
 */
@MicronautTest(transactional = false)
class ContractOperationsTest extends ApiTest {

    /** Routes that are not API operations: the contract file and the documentation pages that render it. */
    private static final List<String> NOT_OPERATIONS = List.of("/api/v1/openapi.yaml");

    @Inject
    ContractOperations operations;

    @Test
    void everyApiRouteIsAnOperationOfTheContract() {
        List<String> uncovered = operations.routesWithoutEntry().stream()
                .filter(route -> {
                    String path = route.substring(route.indexOf(' ') + 1);
                    return (path.startsWith("/api/") || path.startsWith("/oauth2/") || path.startsWith("/.well-known/"))
                            && !NOT_OPERATIONS.contains(path);
                }).toList();
        assertEquals(List.of(), uncovered, "routes without an entry in the contract's operation table");
    }

    @Test
    void theTableSaysWhatTheContractSays() {
        var search = operations.byOperationId("searchActionPlans").orElseThrow();
        assertEquals(ResourceType.ActionPlan, search.resource());
        assertEquals(OperationClass.SEARCH, search.operationClass());
        assertEquals(OperationClass.WORKLIST, operations.byOperationId("readWorklist").orElseThrow().operationClass());
        assertEquals(ResourceType.Consent, operations.byOperationId("createConsent").orElseThrow().resource());
        assertEquals(null, operations.byOperationId("getCapabilities").orElseThrow().resource());
        UUID person = UUID.randomUUID();
        UUID plan = UUID.randomUUID();
        assertEquals("/api/v1/action-plans/" + plan, operations.eventHref("ActionPlan", plan, 3, person, null));
        assertEquals("/api/v1/inmates/" + person + "/obligations", operations.eventHref("Obligation", person, 3, person, null));
        assertEquals("/api/v1/consents?inmateId=" + person, operations.eventHref("Consent", plan, 1, person, null));
        assertEquals("/api/v1/ksp-meetings/" + plan + "/list/_history/4", operations.eventHref("KspList", plan, 4, null, null));
        assertEquals("/api/v1/programmes/p1/referrals/" + plan, operations.eventHref("ProgrammeReferral", plan, 1, person, "p1"));
        assertTrue(operations.eventHref("Supervision", plan, 1, person, null).endsWith("/api/v1/inmates/" + person),
                "an event of a resource without a link of its own links to the person");
    }

    private static String date(Object value) {
        return value == null ? "" : value instanceof java.util.Date d
                ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString() : String.valueOf(value);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTableDeprecatesExactlyWhatTheContractDeprecatesAndNothingToday() throws Exception {
        // The deprecation headers (web.DeprecationHeaders) come from the table; the contract's own
        // `deprecated: true` flags must be the same operations, each with its date.
        String contract = Files.readString(Path.of(System.getProperty("overgang.spec", "../api-spec/openapi.yaml")));
        Map<String, Object> spec = new Yaml(new SafeConstructor(new LoaderOptions())).load(contract);
        Map<String, String> deprecatedInContract = new TreeMap<>();
        for (Object path : ((Map<String, Object>) spec.get("paths")).values()) {
            for (Object operation : ((Map<String, Object>) path).values()) {
                if (operation instanceof Map<?, ?> op && Boolean.TRUE.equals(op.get("deprecated"))) {
                    deprecatedInContract.put(String.valueOf(op.get("operationId")),
                            date(op.get("x-deprecated-since")) + " " + date(op.get("x-sunset")));
                }
            }
        }
        Map<String, String> deprecatedInTable = new TreeMap<>();
        operations.all().stream().filter(op -> !op.deprecatedSince().isEmpty())
                .forEach(op -> deprecatedInTable.put(op.operationId(), op.deprecatedSince() + " " + op.sunset()));
        assertEquals(deprecatedInContract, deprecatedInTable,
                "deprecated: true with x-deprecated-since/x-sunset <=> the same deprecatedSince/sunset in x-operation-extra-annotation");
        assertEquals(Map.of(), deprecatedInTable, "the README says nothing is deprecated; update it with the CHANGELOG");
    }
}
