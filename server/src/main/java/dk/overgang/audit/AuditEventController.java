package dk.overgang.audit;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.AuditEventsApi;
import dk.overgang.api.generated.model.AuditActor;
import dk.overgang.api.generated.model.AuditEventAction;
import dk.overgang.api.generated.model.AuditEventOutcome;
import dk.overgang.api.generated.model.AuditEventPage;
import dk.overgang.api.generated.model.ResourceType;
import dk.overgang.shared.Slice;
import dk.overgang.web.Cursors;
import dk.overgang.web.PageLinks;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Auditors read the audit log of one resource. There is no write, update or delete path. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AuditEventController implements AuditEventsApi {

    private final AuditLog audit;
    private final CallerProvider callers;

    AuditEventController(AuditLog audit, CallerProvider callers) {
        this.audit = audit;
        this.callers = callers;
    }

    @Override
    public AuditEventPage searchAuditEvents(ResourceType resourceType, UUID resourceId, Integer count, String cursor) {
        int limit = count == null ? 50 : count;
        var fetched = audit.forResource(callers.current(), dk.overgang.access.ResourceType.valueOf(resourceType.getValue()),
                resourceId, Cursors.longAfter(cursor), limit + 1);
        Slice<AuditEvent> page = Slice.of(fetched, limit);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("resourceType", resourceType.getValue());
        query.put("resourceId", resourceId);
        query.put("_count", limit);
        String next = page.hasMore() ? Cursors.after(page.items().getLast().id()) : null;
        return new AuditEventPage(page.items().stream().map(AuditEventController::toApi).toList(),
                PageLinks.of("/api/v1/audit-events", query, cursor, next));
    }

    private static dk.overgang.api.generated.model.AuditEvent toApi(AuditEvent e) {
        var actor = new AuditActor(e.actorSub(), e.actorOrgType(), e.actorOrgId());
        actor.setClientId(e.actorClientId());
        var api = new dk.overgang.api.generated.model.AuditEvent(e.id(), e.recorded().atZone(ZoneOffset.UTC), actor,
                ResourceType.fromValue(e.resourceType()), AuditEventAction.fromValue(e.action()),
                AuditEventOutcome.fromValue(e.outcome()));
        api.setResourceId(e.resourceId());
        return api;
    }
}
