package dk.overgang.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Statistical disclosure control for published tables (issue 13, domain.md "Outcomes": "without
 * exposing individuals (suppress small counts)"). A table is a total and the groups that partition it;
 * each group has the same protected counts (e.g. people recorded, in the goal, outside it).
 *
 * <ol>
 *   <li>Primary suppression: a group is suppressed when any of its counts is under the minimum
 *       (zero included: "all of them" or "none of them" also tells something about a person).</li>
 *   <li>Secondary suppression: when the total is shown, the suppressed groups' counts can be worked
 *       out together as the total minus the groups shown. While any of those sums is under the
 *       minimum, the shown group with the fewest people is suppressed too.</li>
 *   <li>A total with a count under the minimum is suppressed itself, and then every group (each
 *       group's count is at most the total's).</li>
 * </ol>
 * Pure: the same counts always give the same answer.
 */
public final class SmallCountSuppression {

    /** Counts under this are never published (Danish statistical practice). */
    public static final int MINIMUM = 5;

    private SmallCountSuppression() {
    }

    /** Which figures may be shown: the total, and each group in the order given. */
    public record Decision(boolean totalSuppressed, List<Boolean> groupSuppressed) {

        public boolean suppressed(int group) {
            return groupSuppressed.get(group);
        }
    }

    /**
     * @param groups  each group's protected counts, all of the same length; the first count is the
     *                group's size (the one secondary suppression orders by)
     * @param minimum the smallest count that may be shown
     */
    public static Decision decide(List<long[]> groups, int minimum) {
        int width = groups.isEmpty() ? 0 : groups.get(0).length;
        long[] total = new long[width];
        for (long[] g : groups) {
            if (g.length != width) {
                throw new IllegalArgumentException("every group needs the same counts");
            }
            for (int i = 0; i < width; i++) {
                total[i] += g[i];
            }
        }
        boolean[] suppressed = new boolean[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            suppressed[g] = small(groups.get(g), minimum);
        }
        boolean totalSuppressed = groups.isEmpty() || small(total, minimum);
        if (!totalSuppressed) {
            // The shown groups, fewest people first: the cheapest to give up.
            List<Integer> shown = new ArrayList<>(IntStream.range(0, groups.size()).filter(g -> !suppressed[g]).boxed()
                    .sorted(Comparator.<Integer>comparingLong(g -> groups.get(g)[0]).thenComparing(g -> g)).toList());
            while (revealsSmall(groups, suppressed, width, minimum) && !shown.isEmpty()) {
                suppressed[shown.remove(0)] = true;
            }
        } else {
            Arrays.fill(suppressed, true);
        }
        List<Boolean> decision = new ArrayList<>(groups.size());
        for (boolean s : suppressed) {
            decision.add(s);
        }
        return new Decision(totalSuppressed, List.copyOf(decision));
    }

    private static boolean small(long[] counts, int minimum) {
        return Arrays.stream(counts).anyMatch(c -> c < minimum);
    }

    /** Whether the suppressed groups together, worked out from the total, have a count under the minimum. */
    private static boolean revealsSmall(List<long[]> groups, boolean[] suppressed, int width, int minimum) {
        long[] hidden = new long[width];
        boolean any = false;
        for (int g = 0; g < groups.size(); g++) {
            if (suppressed[g]) {
                any = true;
                for (int i = 0; i < width; i++) {
                    hidden[i] += groups.get(g)[i];
                }
            }
        }
        return any && small(hidden, minimum);
    }
}
