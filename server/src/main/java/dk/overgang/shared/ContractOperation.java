package dk.overgang.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the contract says about one operation beyond HTTP (issue 26): the resource type it acts on
 * (as audit records name it), its cost class, and whether events about a resource type link to it.
 * Written in {@code api-spec/openapi.yaml} on every operation ({@code x-operation-extra-annotation},
 * which the OpenAPI generator copies onto the generated interface method); the lint fails an
 * operation without it. Read once at startup into {@code access.ContractOperations}, the one table
 * that rate limits, refusal audit and event links use.
 */
@Documented
@Inherited // Micronaut copies an @Inherited annotation of an interface method onto the implementing controller's route
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ContractOperation {

    /** The scope resource type ({@code ResourceType}) audit records name, or empty for a public operation. */
    String resource();

    /** {@code read}, {@code write}, {@code search} or {@code worklist}: what it costs a client's budget. */
    String operationClass();

    /**
     * Events link here: a resource type ({@code ActionPlan}), {@code Obligation} for deadline events,
     * {@code ProgrammeReferral} for the events an NGO programme receives. Empty: no event links here.
     */
    String eventLink() default "";

    /** A query parameter the link carries the person's id in ({@code inmateId}), for a search that events link to. */
    String eventLinkQuery() default "";

    /**
     * For an operation the contract marks {@code deprecated: true}: the date ({@code yyyy-MM-dd}) it was
     * deprecated, answered as RFC 9745 {@code Deprecation}; empty for an operation not deprecated.
     * ContractOperationsTest holds it to the contract's {@code deprecated} flags.
     */
    String deprecatedSince() default "";

    /** The date ({@code yyyy-MM-dd}) a deprecated operation goes, answered as RFC 8594 {@code Sunset}; empty: not set. */
    String sunset() default "";
}
