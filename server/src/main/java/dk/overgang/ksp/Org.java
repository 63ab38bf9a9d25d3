package dk.overgang.ksp;

import io.micronaut.serde.annotation.Serdeable;

/** An organisation taking part in KSP, by its token claims ({@code org_type}, {@code org_id}). */
@Serdeable
public record Org(String orgType, String orgId) {
}
