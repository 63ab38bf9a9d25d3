package dk.overgang.audit;

import dk.overgang.access.Caller;
import dk.overgang.access.Interaction;
import dk.overgang.access.OrgType;
import dk.overgang.access.ResourceType;
import dk.overgang.shared.ForbiddenException;
import dk.overgang.shared.ServiceUnavailableException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The one way to write the audit log, in two forms:
 * <ul>
 *   <li>{@link #record} for writes: inside the write's transaction ({@link Transactional} joins
 *   it), so the change and its record commit or fail together;</li>
 *   <li>{@link #recordRead} and {@link #recordDisclosures} for reads: committed before they return,
 *   by group commit with other concurrent reads ({@link AuditBatcher}); if the record cannot be
 *   committed the read is refused with a {@link ServiceUnavailableException}, never answered unaudited.</li>
 * </ul>
 */
@Singleton
public class AuditLog {

    private final AuditEventRepository events;
    private final AuditBatcher batcher;

    AuditLog(AuditEventRepository events, AuditBatcher batcher) {
        this.events = events;
        this.batcher = batcher;
    }

    /** Records a write (or a refused write) in the caller's transaction. */
    @Transactional
    public void record(Caller caller, ResourceType type, UUID resourceId, AuditAction action, AuditOutcome outcome) {
        events.save(event(caller, type, resourceId, action, outcome));
    }

    /** Records a read of one resource (or of none: a null id or a not-found outcome); durable on return. */
    public void recordRead(Caller caller, ResourceType type, UUID resourceId, AuditAction action, AuditOutcome outcome) {
        durably(List.of(event(caller, type, resourceId, action, outcome)));
    }

    /** Records the disclosure of each resource a search returned, or one not-found record when none; durable on return. */
    public void recordDisclosures(Caller caller, ResourceType type, Collection<UUID> resourceIds, AuditAction action) {
        if (resourceIds.isEmpty()) {
            recordRead(caller, type, null, action, AuditOutcome.NOT_FOUND);
            return;
        }
        durably(resourceIds.stream().map(id -> event(caller, type, id, action, AuditOutcome.SUCCESS)).toList());
    }

    private void durably(List<AuditEvent> records) {
        try {
            batcher.appendDurably(records);
        } catch (AuditBatcher.AuditUnavailableException e) {
            throw new ServiceUnavailableException("The audit log cannot record this access right now; try again shortly.");
        }
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
