package dk.overgang.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dk.overgang.rules.fixture.ClockReadingRule;
import dk.overgang.shared.AllowedDependencies;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import java.time.Clock;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Boundaries of the house (see style.md): checked, not hoped for. */
class ArchitectureTest {

    private static final String ROOT = "dk.overgang";
    /** The server's classes (the client SDK, a separate Maven module on the test classpath, is integrators' code). */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/dk/overgang/sdk/") && !location.contains("overgang-client-sdk"))
            .importPackages(ROOT);

    /** Any read of the wall clock: {@code now(...)} of a java.time type, whatever its arguments, or System.currentTimeMillis. */
    private static final DescribedPredicate<JavaMethodCall> ANY_CLOCK_READ = DescribedPredicate.describe("a clock read",
            call -> call.getTargetOwner().getPackageName().equals("java.time") && call.getName().equals("now")
                    || call.getTargetOwner().isEquivalentTo(System.class) && call.getName().equals("currentTimeMillis"));

    /** A read of the clock that bypasses the injected {@link Clock}: {@code now()}, {@code now(ZoneId)}, currentTimeMillis. */
    private static final DescribedPredicate<JavaMethodCall> UNINJECTED_CLOCK_READ = DescribedPredicate.describe(
            "a read of the system clock instead of the injected Clock",
            call -> ANY_CLOCK_READ.test(call) && !call.getTarget().getRawParameterTypes().stream()
                    .map(JavaClass::getName).toList().equals(List.of(Clock.class.getName())));

    /** The law is a pure core (style.md): no framework, no database, no clock of any kind. */
    static final ArchRule PURE_CORE = noClasses().that().resideInAPackage(ROOT + ".rules..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "java.sql..", "jakarta..", ROOT + ".api..")
            .orShould().dependOnClassesThat().belongToAnyOf(Clock.class, InstantSource.class)
            .orShould().callMethodWhere(ANY_CLOCK_READ)
            .because("\"today\" is always a parameter of the law");

    @Test
    void everyControllerDeclaresWhoMayCallIt() {
        classes().that().areAnnotatedWith(Controller.class).and().resideOutsideOfPackage(ROOT + ".api.generated..")
                .should().beAnnotatedWith(Secured.class).check(CLASSES);
    }

    @Test
    void onlyControllersPageWritersAndTheWebLayerSeeGeneratedApiTypes() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".api.generated..", ROOT + ".web..")
                .and().haveSimpleNameNotEndingWith("Controller")
                .and().haveSimpleNameNotEndingWith("PageWriter") // HTML representations of API models: HTTP layer too
                // The outgoing webhook body is the contract's CloudEvent, the same document as the feed's: HTTP layer too
                .and().doNotHaveFullyQualifiedName(ROOT + ".events.CloudEvents")
                // ... and Micronaut's compile-time bean definitions of those classes
                .and().haveNameNotMatching(".*\\$.*(Controller|PageWriter)\\$.*")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".api.generated..")
                .check(CLASSES);
    }

    @Test
    void sharedDomainFailuresAreFrameworkFree() {
        noClasses().that().resideInAPackage(ROOT + ".shared..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..").check(CLASSES);
    }

    @Test
    void servicesNeverSpeakHttp() {
        noClasses().that().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut.http..").check(CLASSES);
    }

    @Test
    void theLawIsAPureCoreWithoutFrameworkDatabaseOrClock() {
        PURE_CORE.check(CLASSES);
    }

    /** Issue 12 §5: the rule once let a clock-reading rule through; it must refuse one now. */
    @Test
    void thePureCoreRuleRefusesARuleThatReadsAnInjectedClock() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ClockReadingRule.class);
        AssertionError refusal = assertThrows(AssertionError.class, () -> PURE_CORE.check(fixture));
        assertTrue(refusal.getMessage().contains("java.time.Clock"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("LocalDate.now(java.time.Clock)"), refusal.getMessage());
    }

    /** One clock everywhere: time comes from the injected {@link Clock} (web/ClockFactory), which tests can fix. */
    @Test
    void everyClockReadGoesThroughTheInjectedClock() {
        noClasses().should().callMethodWhere(UNINJECTED_CLOCK_READ).check(CLASSES);
        noClasses().that().resideOutsideOfPackages(ROOT + ".web..", ROOT + ".devtoken..")
                .should().callMethodWhere(DescribedPredicate.describe("Clock.system*()", call ->
                        call.getTargetOwner().isEquivalentTo(Clock.class) && call.getName().startsWith("system")))
                .because("web/ClockFactory makes the one clock (devtoken mints outside the server)")
                .check(CLASSES);
    }

    @Test
    void accessRulesDoNotDependOnResources() {
        noClasses().that().resideInAPackage(ROOT + ".access..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".inmate..", ROOT + ".audit..")
                .check(CLASSES);
    }

    /**
     * Issue 26: one pipeline around every operation. Only {@code pipeline} checks scopes, writes audit
     * records of operations, appends to the outbox and claims idempotency keys; a service states facts.
     * The exceptions are not request operations of a resource: the audit log reading itself
     * ({@code AuditAccessPolicy}, used by the audit module), the refusal filter (the answer is decided
     * before any use case), the retention job and the deadline scan (the system acts, not a caller),
     * and the operator's retention trigger (it runs its own transactions, which a pipeline write would
     * wrap into one).
     */
    @Test
    void onlyThePipelineChecksScopesAuditsOperationsAndAppendsEvents() {
        DescribedPredicate<JavaMethodCall> crossCutting = DescribedPredicate.describe(
                "a scope check, an operation's audit record, an outbox append or an idempotency claim", call -> {
                    String owner = call.getTargetOwner().getName();
                    String name = call.getName();
                    return owner.equals(ROOT + ".access.Caller") && name.equals("require")
                            || owner.equals(ROOT + ".audit.AuditLog") && name.startsWith("record")
                            || owner.equals(ROOT + ".events.EventOutbox") && name.startsWith("append")
                            || owner.equals(ROOT + ".idempotency.IdempotencyKeys") && name.equals("once");
                });
        noClasses().that().resideOutsideOfPackages(ROOT + ".pipeline..", ROOT + ".audit..")
                .and().haveNameNotMatching(".*\\$Definition.*") // Micronaut's generated bean definitions
                .and().doNotHaveFullyQualifiedName(ROOT + ".access.AuditAccessPolicy")
                .and().doNotHaveFullyQualifiedName(ROOT + ".privacy.RetentionJob")
                .and().doNotHaveFullyQualifiedName(ROOT + ".privacy.PrivacyController")
                .and().doNotHaveFullyQualifiedName(ROOT + ".obligation.ObligationAnnouncements")
                .and().doNotHaveFullyQualifiedName(ROOT + ".events.EventOutbox")
                .should().callMethodWhere(crossCutting)
                .because("scope, idempotency, audit and outbox run in one pipeline around each operation (issue 26)")
                .check(CLASSES);
    }

    /** No module depends, through any path, on itself. */
    @Test
    void modulesAreFreeOfCycles() {
        SlicesRuleDefinition.slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * Each module (top-level package) declares in its package-info, with {@link AllowedDependencies},
     * the modules it may use; it uses no other, and a module without the declaration fails the build.
     */
    @Test
    void everyModuleDependsOnlyOnWhatItsPackageInfoAllows() throws ClassNotFoundException {
        List<String> undeclared = new ArrayList<>();
        Set<String> modules = new TreeSet<>();
        for (JavaPackage module : CLASSES.getPackage(ROOT).getSubpackages()) {
            String name = module.getRelativeName();
            if (name.equals("api")) {
                continue; // generated from the contract
            }
            modules.add(name);
            AllowedDependencies declared = packageInfo(module.getName());
            if (declared == null) {
                undeclared.add(name);
                continue;
            }
            List<String> allowed = new ArrayList<>(List.of(ROOT + "." + name + ".."));
            for (String dependency : declared.value()) {
                allowed.add(ROOT + "." + dependency + "..");
            }
            noClasses().that().resideInAPackage(ROOT + "." + name + "..").and().doNotHaveSimpleName("package-info")
                    .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(ROOT + "..")
                            .and(JavaClass.Predicates.resideOutsideOfPackages(allowed.toArray(String[]::new)))
                            .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(ROOT))))
                    .as(name + " depends only on " + List.of(declared.value()) + " (its package-info)")
                    .check(CLASSES);
        }
        assertTrue(undeclared.isEmpty(), "modules without @AllowedDependencies in package-info: " + undeclared);
        assertTrue(modules.containsAll(Set.of("access", "audit", "inmate", "rules", "shared", "web")), modules.toString());
    }

    private static AllowedDependencies packageInfo(String packageName) {
        try {
            return Class.forName(packageName + ".package-info").getAnnotation(AllowedDependencies.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
