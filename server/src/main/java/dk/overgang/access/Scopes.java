package dk.overgang.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The grants of a {@code scope} claim, SMART v2 style: {@code system/Inmate.rs user/*.cruds}
 * ({@link SmartScope}: the letters in any order). Contexts {@code system} and {@code user} are honoured; {@code patient/} scopes and anything
 * unparseable grant nothing (a token never gains access from a scope we do not understand).
 */
public final class Scopes {

    private final Map<ResourceType, Set<Interaction>> grants;

    private Scopes(Map<ResourceType, Set<Interaction>> grants) {
        this.grants = grants;
    }

    public static Scopes parse(String claim) {
        Map<ResourceType, Set<Interaction>> grants = new EnumMap<>(ResourceType.class);
        if (claim == null) {
            return new Scopes(grants);
        }
        for (String token : claim.trim().split("\\s+")) {
            SmartScope.parse(token).ifPresent(scope -> {
                for (ResourceType type : ResourceType.values()) {
                    if (scope.covers(type)) {
                        grants.computeIfAbsent(type, t -> EnumSet.noneOf(Interaction.class)).addAll(scope.interactions());
                    }
                }
            });
        }
        return new Scopes(grants);
    }

    public boolean allows(ResourceType type, Interaction interaction) {
        return grants.getOrDefault(type, Set.of()).contains(interaction);
    }
}
