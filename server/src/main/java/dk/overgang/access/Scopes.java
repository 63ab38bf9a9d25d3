package dk.overgang.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The grants of a {@code scope} claim, SMART v2 style: {@code system/Inmate.rs user/*.cruds}.
 * Contexts {@code system} and {@code user} are honoured; {@code patient/} scopes and anything
 * unparseable grant nothing (a token never gains access from a scope we do not understand).
 */
public final class Scopes {

    private static final Pattern SCOPE = Pattern.compile("^(system|user)/([A-Za-z]+|\\*)\\.(c?r?u?d?s?)$");

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
            var m = SCOPE.matcher(token);
            if (!m.matches() || m.group(3).isEmpty()) {
                continue;
            }
            Set<Interaction> interactions = EnumSet.noneOf(Interaction.class);
            for (Interaction i : Interaction.values()) {
                if (m.group(3).indexOf(i.letter()) >= 0) {
                    interactions.add(i);
                }
            }
            String resource = m.group(2);
            for (ResourceType type : ResourceType.values()) {
                if (resource.equals("*") || resource.equals(type.name())) {
                    grants.computeIfAbsent(type, t -> EnumSet.noneOf(Interaction.class)).addAll(interactions);
                }
            }
        }
        return new Scopes(grants);
    }

    public boolean allows(ResourceType type, Interaction interaction) {
        return grants.getOrDefault(type, Set.of()).contains(interaction);
    }
}
