package dk.overgang.releasemeeting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One past or current version of a release meeting, written by the database trigger on every change. */
@MappedEntity("release_meeting_history")
record ReleaseMeetingVersionRecord(
        @Id @GeneratedValue Long historyId,
        UUID meetingId,
        Long version,
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

    ReleaseMeeting toMeeting() {
        return new ReleaseMeetingRecord(meetingId, version, lastUpdated, inmateId, startsAt, meetingDate, place, videoLink,
                inmateInvited, additionalInvitees, status, outcomeNotes, calledOn, calledBySub, calledByOrgType,
                calledByOrgId, updatedBySub).toMeeting();
    }
}
