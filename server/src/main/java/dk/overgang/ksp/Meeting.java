package dk.overgang.ksp;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A KSP meeting; {@code latestVersion} is null until its list is first published. */
public record Meeting(UUID id, UUID forumId, String forumName, LocalDate date, String place, String secretariat,
                      String policeDistrict, List<Org> participants, Integer latestVersion, Instant createdAt) {

    Meeting withLatestVersion(int version) {
        return new Meeting(id, forumId, forumName, date, place, secretariat, policeDistrict, participants, version, createdAt);
    }
}
