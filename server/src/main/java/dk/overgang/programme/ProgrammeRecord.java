package dk.overgang.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.annotation.Version;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;

/** A programme of the catalogue; {@code version} is the API's versionId, from 1. */
@MappedEntity("programme")
record ProgrammeRecord(
        @Id String id,
        @Version Long version,
        Instant lastUpdated,
        String ngo,
        String kind,
        String name,
        String description,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> institutions,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> dataItems,
        @Nullable Integer minAge,
        @Nullable Integer maxAge,
        @Nullable Integer monthsBeforeRelease,
        @Nullable Integer monthsAfterRelease,
        @Nullable String updatedBySub) {

    ProgrammeRecord with(Instant now, String name, String description, List<String> institutions, List<String> dataItems,
                         String sub) {
        return new ProgrammeRecord(id, version, now, ngo, kind, name, description, List.copyOf(institutions),
                List.copyOf(dataItems), minAge, maxAge, monthsBeforeRelease, monthsAfterRelease, sub);
    }
}
