package dk.overgang.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One audit record: who (sub, organisation, client system) did what to which resource, when, with what outcome. */
@MappedEntity("audit_event")
public record AuditEvent(
        @Id @GeneratedValue @Nullable Long id,
        Instant recorded,
        String actorSub,
        String actorOrgType,
        String actorOrgId,
        @Nullable String actorClientId,
        String resourceType,
        @Nullable UUID resourceId,
        String action,
        String outcome) {
}
