package dk.overgang.privacy;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.PrivacyApi;
import dk.overgang.api.generated.model.OrgRef;
import dk.overgang.api.generated.model.OrgType;
import dk.overgang.api.generated.model.Restriction;
import dk.overgang.api.generated.model.RestrictionInput;
import dk.overgang.api.generated.model.RestrictionReason;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.ZoneOffset;
import java.util.UUID;

/** HTTP face of the person's data protection (issue 17); maps to the generated model here only. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class PrivacyController implements PrivacyApi {

    private final RestrictionService restrictions;
    private final CallerProvider callers;

    PrivacyController(RestrictionService restrictions, CallerProvider callers) {
        this.restrictions = restrictions;
        this.callers = callers;
    }

    @Override
    public Restriction readRestriction(UUID id) {
        return toApi(restrictions.read(callers.current(), id));
    }

    @Override
    public Restriction setRestriction(UUID id, RestrictionInput input) {
        return toApi(restrictions.set(callers.current(), id, input.getRestricted(),
                input.getReason() == null ? null : input.getReason().getValue()));
    }

    private static Restriction toApi(RestrictionService.State state) {
        Restriction r = new Restriction(state.restricted());
        if (state.reason() != null) {
            r.setReason(RestrictionReason.fromValue(state.reason().code()));
        }
        if (state.changedAt() != null) {
            r.setChangedAt(state.changedAt().atZone(ZoneOffset.UTC));
            r.setChangedBy(new OrgRef(OrgType.fromValue(state.changedByOrgType()),
                    state.changedByOrgId()));
        }
        return r;
    }
}
