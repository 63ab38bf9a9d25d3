package dk.overgang.releasemeeting;

import dk.overgang.rules.ReleaseMeetingInvitees;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The current version of a release meeting; {@code version} is the API's versionId, from 1.
 * {@code additionalInvitees} is {@code type:id} pairs separated by commas (org codes hold neither).
 */
@MappedEntity("release_meeting")
record ReleaseMeetingRecord(
        @Id UUID id,
        @Version Long version,
        Instant lastUpdated,
        UUID inmateId,
        Instant startsAt,
        LocalDate meetingDate,
        @Nullable String place,
        @Nullable String videoLink,
        boolean inmateInvited,
        String additionalInvitees,
        String status,
        @Nullable String outcomeNotes,
        LocalDate calledOn,
        String calledBySub,
        String calledByOrgType,
        String calledByOrgId,
        String updatedBySub) {

    static ReleaseMeetingRecord of(UUID id, long version, Instant now, ReleaseMeeting.Details d, LocalDate calledOn,
                                   String calledBySub, String calledByOrgType, String calledByOrgId, String updatedBySub) {
        return new ReleaseMeetingRecord(id, version, now, d.inmateId(), d.startsAt().toInstant(), d.meetingDate(), d.place(),
                d.videoLink(), d.inmateInvited(), d.added().stream().map(a -> a.orgType() + ":" + a.orgId())
                        .collect(Collectors.joining(",")),
                d.status().code(), d.outcomeNotes(), calledOn, calledBySub, calledByOrgType, calledByOrgId, updatedBySub);
    }

    ReleaseMeeting toMeeting() {
        List<ReleaseMeetingInvitees.Added> added = additionalInvitees.isEmpty() ? List.of()
                : Arrays.stream(additionalInvitees.split(",")).map(pair -> pair.split(":", 2))
                        .map(p -> new ReleaseMeetingInvitees.Added(p[0], p[1])).toList();
        return new ReleaseMeeting(id, version, lastUpdated, new ReleaseMeeting.Details(inmateId,
                startsAt.atZone(ReleaseMeeting.DENMARK).toOffsetDateTime(), place, videoLink, inmateInvited, added,
                ReleaseMeeting.Status.fromCode(status), outcomeNotes), calledOn, calledByOrgType, calledByOrgId);
    }

    @Override
    public String toString() {
        return "ReleaseMeetingRecord[id=" + id + ", version=" + version + "]";
    }
}
