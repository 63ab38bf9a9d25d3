package dk.overgang.releasemeeting;

import dk.overgang.rules.ReleaseMeetingInvitees;
import dk.overgang.shared.InvalidFieldException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A release meeting at one version: what the institution wrote, and when and by whom it was called. */
public record ReleaseMeeting(UUID id, long version, Instant lastUpdated, Details details, LocalDate calledOn,
                            String calledByOrgType, String calledByOrgId) {

    static final ZoneId DENMARK = ZoneId.of("Europe/Copenhagen");

    public enum Status {
        PLANNED, HELD, CANCELLED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** What the institution writes; the constructor enforces the rules across fields, naming the field. */
    public record Details(UUID inmateId, OffsetDateTime startsAt, String place, String videoLink, boolean inmateInvited,
                          List<ReleaseMeetingInvitees.Added> added, Status status, String outcomeNotes) {

        public Details {
            if (place == null && videoLink == null) {
                throw new InvalidFieldException("place", "a place or a videoLink is required");
            }
            if (outcomeNotes != null && status == Status.PLANNED) {
                throw new InvalidFieldException("outcomeNotes", "is recorded when the meeting was held (status held)");
            }
            added = added == null ? List.of() : added.stream().distinct().toList();
        }

        /** The meeting's day in Denmark. */
        public LocalDate meetingDate() {
            return startsAt.atZoneSameInstant(DENMARK).toLocalDate();
        }
    }

    @Override
    public String toString() {
        return "ReleaseMeeting[id=" + id + ", version=" + version + "]";
    }
}
