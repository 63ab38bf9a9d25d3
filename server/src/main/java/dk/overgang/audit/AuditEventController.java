package dk.overgang.audit;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.AuditEventsApi;
import dk.overgang.api.generated.model.AccessPurpose;
import dk.overgang.api.generated.model.AuditActor;
import dk.overgang.api.generated.model.AuditEventAction;
import dk.overgang.api.generated.model.AuditEventOutcome;
import dk.overgang.api.generated.model.AuditEventPage;
import dk.overgang.api.generated.model.ReadingLog;
import dk.overgang.api.generated.model.ReadingLogEntry;
import dk.overgang.api.generated.model.ReadingLogEntryOrganisation;
import dk.overgang.api.generated.model.ReadingLogEntryOutcome;
import dk.overgang.api.generated.model.CprLookup;
import dk.overgang.api.generated.model.ResourceType;
import dk.overgang.shared.InvalidFieldException;
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

/** Auditors read the audit log of one resource, one person or one CPR. There is no write, update or delete path. */
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
    public AuditEventPage searchAuditEvents(ResourceType resourceType, UUID resourceId, UUID subject, Integer count,
                                            String cursor) {
        AuditLog.Query query;
        Map<String, Object> params = new LinkedHashMap<>();
        if (subject != null && resourceType == null && resourceId == null) {
            query = new AuditLog.Query.OfPerson(subject);
            params.put("subject", subject);
        } else if (subject == null && resourceType != null && resourceId != null) {
            query = new AuditLog.Query.OfResource(dk.overgang.access.ResourceType.valueOf(resourceType.getValue()), resourceId);
            params.put("resourceType", resourceType.getValue());
            params.put("resourceId", resourceId);
        } else {
            throw new InvalidFieldException(subject == null ? "resourceId" : "subject",
                    "give either subject, or both resourceType and resourceId");
        }
        return page(query, params, "/api/v1/audit-events", count, cursor);
    }

    @Override
    public AuditEventPage lookupAuditEventsByCpr(CprLookup lookup, Integer count, String cursor) {
        String digits = lookup.getCpr().replace("-", "");
        if (!digits.matches("[0-9]{10}")) {
            throw new InvalidFieldException("cpr", "must be 10 digits, optionally DDMMYY-SSSS");
        }
        // The next page's link must not carry the CPR: it is a POST with the same body and the cursor.
        return page(new AuditLog.Query.OfCpr(digits), new LinkedHashMap<>(), "/api/v1/audit-events/_lookup", count, cursor);
    }

    @Override
    public ReadingLog readReadingLog(UUID id, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<AuditEvent> page = Slice.of(audit.readingLog(callers.current(), id, Cursors.longAfter(cursor), limit + 1), limit);
        String next = page.hasMore() ? Cursors.after(page.items().getLast().id()) : null;
        return new ReadingLog(id, page.items().stream().map(e -> {
            var entry = new ReadingLogEntry(e.recorded().atZone(ZoneOffset.UTC),
                    new ReadingLogEntryOrganisation(e.actorOrgType(), e.actorOrgId()), ResourceType.fromValue(e.resourceType()),
                    AuditEventAction.fromValue(e.action()), ReadingLogEntryOutcome.fromValue(e.outcome()));
            if (e.purpose() != null) {
                entry.setPurpose(AccessPurpose.fromValue(e.purpose()));
            }
            return entry.clientId(e.actorClientId());
        }).toList(), PageLinks.of("/api/v1/inmates/" + id + "/reading-log", new LinkedHashMap<>(Map.of("_count", limit)),
                cursor, next));
    }

    private AuditEventPage page(AuditLog.Query query, Map<String, Object> params, String path, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        var fetched = audit.search(callers.current(), query, Cursors.longAfter(cursor), limit + 1);
        Slice<AuditEvent> page = Slice.of(fetched, limit);
        params.put("_count", limit);
        String next = page.hasMore() ? Cursors.after(page.items().getLast().id()) : null;
        return new AuditEventPage(page.items().stream().map(AuditEventController::toApi).toList(),
                PageLinks.of(path, params, cursor, next));
    }

    private static dk.overgang.api.generated.model.AuditEvent toApi(AuditEvent e) {
        var actor = new AuditActor(e.actorSub(), e.actorOrgType(), e.actorOrgId());
        actor.setClientId(e.actorClientId());
        var api = new dk.overgang.api.generated.model.AuditEvent(e.id(), e.recorded().atZone(ZoneOffset.UTC), actor,
                ResourceType.fromValue(e.resourceType()), AuditEventAction.fromValue(e.action()),
                AuditEventOutcome.fromValue(e.outcome()));
        api.setResourceId(e.resourceId());
        if (!e.subjects().isEmpty()) {
            api.setSubjects(e.subjects());
        }
        if (e.purpose() != null) {
            api.setPurpose(AccessPurpose.fromValue(e.purpose()));
        }
        return api;
    }
}
