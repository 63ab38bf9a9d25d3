package dk.overgang.pipeline;

import dk.overgang.access.ResourceType;
import dk.overgang.shared.EventType;
import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * One event an operation tells: its type, the resource and version it names, the person it is about
 * (null for a KSP list), and for a change of acting municipality the previous and the new one (the
 * previous municipality is told too, R20).
 */
public record Event(EventType type, ResourceType resourceType, UUID resourceId, long versionId, @Nullable UUID inmateId,
                    @Nullable String previousMunicipality, @Nullable String municipality) {

    public static Event of(EventType type, ResourceType resourceType, UUID resourceId, long versionId, @Nullable UUID inmateId) {
        return new Event(type, resourceType, resourceId, versionId, inmateId, null, null);
    }

    /** R17: a new version of a KSP meeting's list is out (told to the secretariat and the participants). */
    public static Event kspListPublished(UUID meetingId, long versionId) {
        return of(EventType.KSP_LIST_PUBLISHED, ResourceType.KspList, meetingId, versionId, null);
    }

    /** R20: the person's acting municipality changed; the previous municipality is told too. */
    public static Event municipalityChanged(UUID inmateId, long versionId, @Nullable String previous, @Nullable String current) {
        return new Event(EventType.ACTING_MUNICIPALITY_CHANGED, ResourceType.Inmate, inmateId, versionId, inmateId, previous, current);
    }
}
