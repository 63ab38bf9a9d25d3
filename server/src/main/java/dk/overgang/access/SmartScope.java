package dk.overgang.access;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One SMART v2 scope: {@code system/Inmate.rs}, {@code user/*.cruds}. The interaction letters are
 * accepted in any order, each at most once ({@code Handover.rsu} is {@code Handover.rsu}, not a
 * misleading 403); {@link #toString()} writes them in SMART's {@code cruds} order.
 */
public record SmartScope(String context, String resource, Set<Interaction> interactions) {

    private static final Pattern SCOPE = Pattern.compile("^(system|user)/([A-Za-z]+|\\*)\\.([cruds]{1,5})$");

    /** The scope, if {@code text} is one (a letter twice, an unknown context: empty). */
    public static Optional<SmartScope> parse(String text) {
        var m = SCOPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String letters = m.group(3);
        Set<Interaction> interactions = EnumSet.noneOf(Interaction.class);
        for (Interaction i : Interaction.values()) {
            if (letters.indexOf(i.letter()) >= 0) {
                interactions.add(i);
            }
        }
        if (interactions.size() != letters.length()) {
            return Optional.empty(); // a letter given twice
        }
        return Optional.of(new SmartScope(m.group(1), m.group(2), interactions));
    }

    public boolean isWildcard() {
        return resource.equals("*");
    }

    /** Whether this scope names {@code type} (by name, or {@code *}). */
    public boolean covers(ResourceType type) {
        return isWildcard() || resource.equals(type.name());
    }

    @Override
    public String toString() {
        return context + "/" + resource + "."
                + interactions.stream().sorted().map(i -> String.valueOf(i.letter())).collect(Collectors.joining());
    }
}
