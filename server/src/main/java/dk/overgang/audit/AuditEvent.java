package dk.overgang.audit;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One audit record: who (sub, organisation, client system) did what to which resource, when, with
 * what outcome, about which people ({@code subjects}, inmate ids), and for a CPR lookup the keyed
 * hash of the CPR searched for, and why ({@code purpose}, issue 17; null on records written before).
 */
public record AuditEvent(
        @Nullable Long id,
        Instant recorded,
        String actorSub,
        String actorOrgType,
        String actorOrgId,
        @Nullable String actorClientId,
        String resourceType,
        @Nullable UUID resourceId,
        String action,
        String outcome,
        List<UUID> subjects,
        @Nullable String cprHmac,
        @Nullable String purpose) {

    public AuditEvent {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }
}
