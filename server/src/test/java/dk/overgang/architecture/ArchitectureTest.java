package dk.overgang.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import org.junit.jupiter.api.Test;

/** Boundaries of the house (see style.md): checked, not hoped for. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dk.overgang");

    @Test
    void everyControllerDeclaresWhoMayCallIt() {
        classes().that().areAnnotatedWith(Controller.class).and().resideOutsideOfPackage("dk.overgang.api.generated..")
                .should().beAnnotatedWith(Secured.class).check(CLASSES);
    }

    @Test
    void onlyControllersPageWritersAndTheWebLayerSeeGeneratedApiTypes() {
        noClasses().that().resideOutsideOfPackages("dk.overgang.api.generated..", "dk.overgang.web..")
                .and().haveSimpleNameNotEndingWith("Controller")
                .and().haveSimpleNameNotEndingWith("PageWriter") // HTML representations of API models: HTTP layer too
                // ... and Micronaut's compile-time bean definitions of those classes
                .and().haveNameNotMatching(".*\\$.*(Controller|PageWriter)\\$.*")
                .should().dependOnClassesThat().resideInAPackage("dk.overgang.api.generated..")
                .check(CLASSES);
    }

    @Test
    void sharedDomainFailuresAreFrameworkFree() {
        noClasses().that().resideInAPackage("dk.overgang.shared..")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut..").check(CLASSES);
    }

    @Test
    void servicesNeverSpeakHttp() {
        noClasses().that().haveSimpleNameEndingWith("Service")
                .should().dependOnClassesThat().resideInAPackage("io.micronaut.http..").check(CLASSES);
    }

    @Test
    void theLawIsAPureCoreWithoutFrameworkDatabaseOrClock() {
        noClasses().that().resideInAPackage("dk.overgang.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "java.sql..", "jakarta..",
                        "dk.overgang.api..", "java.time.Clock")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dk.overgang.rules..")
                .should().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(CLASSES);
    }

    @Test
    void accessRulesDoNotDependOnResources() {
        noClasses().that().resideInAPackage("dk.overgang.access..")
                .should().dependOnClassesThat().resideInAnyPackage("dk.overgang.inmate..", "dk.overgang.audit..")
                .check(CLASSES);
    }
}
