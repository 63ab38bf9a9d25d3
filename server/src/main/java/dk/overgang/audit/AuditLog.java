package dk.overgang.audit;

import dk.overgang.access.Caller;
import dk.overgang.access.Interaction;
import dk.overgang.access.OrgType;
import dk.overgang.access.ResourceType;
import dk.overgang.shared.ForbiddenException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The one way to write the audit log. Called inside the transaction of the access it records
 * ({@link Transactional} joins it), so a write and its record commit or fail together.
 */
@Singleton
public class AuditLog {

    private final AuditEventRepository events;

    AuditLog(AuditEventRepository events) {
        this.events = events;
    }

    /** Records one access to one resource (or to none, with a null id, when nothing matched). */
    @Transactional
    public void record(Caller caller, ResourceType type, UUID resourceId, AuditAction action, AuditOutcome outcome) {
        events.save(event(caller, type, resourceId, action, outcome));
    }

    /** Records the disclosure of each resource a search returned, or one not-found record when none. */
    @Transactional
    public void recordDisclosures(Caller caller, ResourceType type, Collection<UUID> resourceIds, AuditAction action) {
        if (resourceIds.isEmpty()) {
            record(caller, type, null, action, AuditOutcome.NOT_FOUND);
            return;
        }
        events.saveAll(resourceIds.stream().map(id -> event(caller, type, id, action, AuditOutcome.SUCCESS)).toList());
    }

    /** Auditors list the records of one resource, oldest first, after the given record id. */
    @Transactional(readOnly = true)
    public List<AuditEvent> forResource(Caller caller, ResourceType type, UUID resourceId, long after, int limit) {
        caller.require(ResourceType.AuditEvent, Interaction.SEARCH);
        if (caller.orgType() != OrgType.AUDITOR) {
            throw new ForbiddenException("Only auditor organisations read the audit log.");
        }
        return events.findPage(type.name(), resourceId, after, limit);
    }

    private static AuditEvent event(Caller caller, ResourceType type, UUID resourceId, AuditAction action, AuditOutcome outcome) {
        return new AuditEvent(null, Instant.now(), caller.sub(), caller.orgType().claim(), caller.orgId(),
                caller.clientId(), type.name(), resourceId, action.code(), outcome.code());
    }
}
