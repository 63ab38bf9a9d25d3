package dk.overgang.supervision;

import dk.overgang.shared.InvalidFieldException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/** One version of a person's supervision, and who last wrote it. */
public record Supervision(UUID inmateId, long version, Instant lastUpdated, Details details, String updatedByOrgType,
                          String updatedByOrgId) {

    /** assigned: will supervise once the person is paroled; active: supervises; ended: no longer. */
    public enum Status {
        ASSIGNED, ACTIVE, ENDED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** What a caller writes; the constructor enforces the rules across fields, naming the field. */
    public record Details(String probationOffice, Status status, LocalDate from, LocalDate until, String note) {

        public Details {
            if (until != null && until.isBefore(from)) {
                throw new InvalidFieldException("until", "must not be before from");
            }
            if (status == Status.ENDED && until == null) {
                throw new InvalidFieldException("until", "is required when status is ended");
            }
        }
    }
}
