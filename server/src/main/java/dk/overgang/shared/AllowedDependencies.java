package dk.overgang.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a module's {@code package-info}: the other modules (top-level packages under {@code dk.overgang},
 * {@code api} for the generated API) its classes may depend on. ArchitectureTest holds every module
 * to its list and refuses a module without one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface AllowedDependencies {

    /** Module names, e.g. {@code {"access", "audit", "shared"}}. */
    String[] value();
}
