package dk.overgang.privacy;

import dk.overgang.access.CallerProvider;
import dk.overgang.api.generated.PrivacyApi;
import dk.overgang.api.generated.model.OrgRef;
import dk.overgang.api.generated.model.OrgType;
import dk.overgang.api.generated.model.Restriction;
import dk.overgang.api.generated.model.RestrictionInput;
import dk.overgang.api.generated.model.RestrictionReason;
import dk.overgang.api.generated.model.SubjectAccessSection;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Controller;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final SubjectAccessExport exports;
    private final CallerProvider callers;
    private final JsonMapper json;

    PrivacyController(RestrictionService restrictions, SubjectAccessExport exports, CallerProvider callers, JsonMapper json) {
        this.restrictions = restrictions;
        this.exports = exports;
        this.callers = callers;
        this.json = json;
    }

    @Override
    public dk.overgang.api.generated.model.SubjectAccessExport exportSubjectAccess(UUID id) {
        SubjectAccessExport.Export export = exports.export(callers.current(), id);
        List<SubjectAccessSection> sections = new ArrayList<>();
        for (SubjectAccessExport.Filled f : export.sections()) {
            List<Map<String, Object>> records = new ArrayList<>(f.rows().size());
            for (String row : f.rows()) {
                records.add(parse(row));
            }
            var section = new SubjectAccessSection(f.section().key(), f.section().title(), records);
            section.setNote(f.section().note());
            sections.add(section);
        }
        return new dk.overgang.api.generated.model.SubjectAccessExport(export.inmateId(),
                export.generatedAt().atZone(ZoneOffset.UTC), export.accessCount(), sections);
    }

    private Map<String, Object> parse(String row) {
        try {
            return json.readValue(row, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored row is not JSON", e);
        }
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
