package dk.overgang.ksp;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A local KSP cooperation: its secretariat (a probation office), police district and members. */
public record Forum(UUID id, String name, String secretariat, String policeDistrict, List<String> municipalities,
                    List<String> institutions, List<String> probationOffices, Instant createdAt) {

    /** Every organisation of the forum besides the secretariat. */
    List<Org> members() {
        var all = new java.util.ArrayList<Org>();
        all.add(new Org("police", policeDistrict));
        municipalities.forEach(m -> all.add(new Org("municipality", m)));
        institutions.forEach(i -> all.add(new Org("prison", i)));
        probationOffices.forEach(p -> all.add(new Org("probation", p)));
        return all;
    }
}
