package dk.overgang.handover;

import java.util.Map;
import dk.overgang.web.PageLinks;
import dk.overgang.web.Cursors;
import dk.overgang.shared.Slice;
import dk.overgang.access.CallerProvider;
import dk.overgang.access.TokenSigningKeys;
import dk.overgang.api.generated.HandoversApi;
import dk.overgang.api.generated.model.Handover;
import dk.overgang.api.generated.model.HandoverApproval;
import dk.overgang.api.generated.model.HandoverDocument;
import dk.overgang.api.generated.model.HandoverInput;
import dk.overgang.api.generated.model.HandoverList;
import dk.overgang.api.generated.model.HandoverStatus;
import dk.overgang.api.generated.model.Jwks;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * HTTP face of handovers: implements the generated {@link HandoversApi}. {@code GET} answers JSON or,
 * for {@code Accept: text/html}, the page rendered by {@link HandoverPageWriter}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class HandoverController implements HandoversApi {

    private final HandoverService handovers;
    private final CallerProvider callers;
    private final JsonMapper json;
    private final TokenSigningKeys tokenKeys;

    HandoverController(HandoverService handovers, CallerProvider callers, JsonMapper json, TokenSigningKeys tokenKeys) {
        this.tokenKeys = tokenKeys;
        this.handovers = handovers;
        this.callers = callers;
        this.json = json;
    }

    @Override
    public HttpResponse<Handover> createHandover(HandoverInput input, String idempotencyKey) {
        var created = handovers.draft(callers.current(), input.getInmateId(), input.getSupersedes(), Optional.ofNullable(idempotencyKey));
        var response = HttpResponse.created(toApi(created.view()), URI.create("/api/v1/handovers/" + created.view().id()));
        return created.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Override
    public Handover readHandover(UUID id) {
        return toApi(handovers.read(callers.current(), id));
    }

    @Override
    public HandoverList searchHandovers(UUID inmateId, Integer count, String cursor) {
        int limit = PageLinks.limit(count);
        Slice<HandoverService.View> page = handovers.forInmate(callers.current(), inmateId, Cursors.uuidAfter(cursor), limit);
        return new HandoverList(page.items().stream().map(this::toApi).toList(), PageLinks.of(
                "/api/v1/handovers", Map.of("inmateId", inmateId), limit, cursor, page, v -> Cursors.after(v.id())));
    }

    @Override
    public Handover approveHandover(UUID id, HandoverApproval approval) {
        return toApi(handovers.approve(callers.current(), id, approval == null ? null : approval.getJargonConfirmationReason()));
    }

    @Override
    public Handover acknowledgeHandover(UUID id) {
        return toApi(handovers.acknowledge(callers.current(), id));
    }

    @Override
    @Secured(SecurityRule.IS_ANONYMOUS)
    public Jwks getHandoverSigningKeys() {
        // One JWKS for every key Overgang signs with: handovers' and (issue 15) its access tokens', told apart by kid.
        var keys = new java.util.ArrayList<java.util.Map<String, Object>>(handovers.signingKeys());
        keys.addAll(tokenKeys.published());
        return new Jwks(keys);
    }

    private Handover toApi(HandoverService.View view) {
        HandoverRecord r = view.record();
        HandoverDocument document;
        try {
            document = json.readValue(r.document(), HandoverDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var api = new Handover(r.id(), HandoverStatus.fromValue(r.status()), document, r.draftedBy());
        api.setSupersedes(r.supersedes());
        api.setSupersededBy(r.supersededBy());
        api.setApprovedBy(r.approvedBy());
        api.setSentAt(r.sentAt() == null ? null : r.sentAt().atZone(ZoneOffset.UTC));
        api.setSignature(r.signature());
        api.setAcknowledgedAt(r.acknowledgedAt() == null ? null : r.acknowledgedAt().atZone(ZoneOffset.UTC));
        api.setAcknowledgedBy(r.acknowledgedBy());
        api.setJargonConfirmationReason(r.jargonConfirmation());
        return api;
    }
}
