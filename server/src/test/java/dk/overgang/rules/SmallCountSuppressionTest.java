package dk.overgang.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 13: counts under 5 never published, neither in a cell nor as a difference from the total. */
class SmallCountSuppressionTest {

    /** recorded, in goal, outside the goal. */
    private static long[] group(long recorded, long inGoal) {
        return new long[] {recorded, inGoal, recorded - inGoal};
    }

    @Test
    void aGroupWithAnyCountUnderFiveIsSuppressed() {
        var d = SmallCountSuppression.decide(List.of(group(20, 12), group(20, 16), group(30, 15), group(25, 15)), 5);
        assertFalse(d.totalSuppressed());
        assertTrue(d.suppressed(1), "16 of 20 leaves 4 outside the goal");
        assertTrue(d.suppressed(0), "the smallest shown group goes too, or the total would give the 4 away");
        assertFalse(d.suppressed(2));
        assertFalse(d.suppressed(3));
    }

    @Test
    void oneSuppressedGroupCannotBeWorkedOutFromTheTotal() {
        // 3 recorded in the second group: without a second suppression, total - shown = 3.
        var d = SmallCountSuppression.decide(List.of(group(40, 20), group(3, 1), group(12, 6)), 5);
        assertTrue(d.suppressed(1));
        assertTrue(d.suppressed(2), "the smallest shown group goes too");
        assertFalse(d.suppressed(0));
        assertFalse(d.totalSuppressed());
    }

    @Test
    void secondarySuppressionContinuesUntilTheHiddenSumIsSafe() {
        // Two tiny groups (2 and 2): together 4 < 5, so a third group must go.
        var d = SmallCountSuppression.decide(List.of(group(2, 1), group(2, 1), group(50, 30), group(10, 5)), 5);
        assertTrue(d.suppressed(0));
        assertTrue(d.suppressed(1));
        assertTrue(d.suppressed(3), "the smaller of the remaining groups");
        assertFalse(d.suppressed(2));
    }

    @Test
    void aSmallTotalSuppressesEverything() {
        var d = SmallCountSuppression.decide(List.of(group(3, 2), group(1, 1)), 5);
        assertTrue(d.totalSuppressed());
        assertTrue(d.suppressed(0));
        assertTrue(d.suppressed(1));
        assertTrue(SmallCountSuppression.decide(List.of(), 5).totalSuppressed(), "nothing recorded: nothing to show");
    }

    @Test
    void zeroIsASmallCountToo() {
        // Nobody in the goal in a group of 10 tells each of them something.
        var d = SmallCountSuppression.decide(List.of(group(10, 0), group(30, 20), group(30, 15)), 5);
        assertTrue(d.suppressed(0));
    }

    /** Property: for random tables, nothing shown and nothing derivable (total - shown) is under the minimum. */
    @Test
    void noPublishedOrDerivableCountIsEverUnderTheMinimum() {
        Random random = new Random(13);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(8);
            List<long[]> groups = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                long recorded = random.nextInt(30);
                groups.add(group(recorded, recorded == 0 ? 0 : random.nextInt((int) recorded + 1)));
            }
            var d = SmallCountSuppression.decide(groups, 5);
            long[] hidden = new long[3];
            long[] total = new long[3];
            boolean anyHidden = false;
            for (int g = 0; g < n; g++) {
                for (int i = 0; i < 3; i++) {
                    total[i] += groups.get(g)[i];
                }
                if (d.suppressed(g)) {
                    anyHidden = true;
                    for (int i = 0; i < 3; i++) {
                        hidden[i] += groups.get(g)[i];
                    }
                } else {
                    for (long c : groups.get(g)) {
                        assertTrue(c >= 5, "a shown group has a count under 5");
                    }
                }
            }
            if (!d.totalSuppressed()) {
                for (long c : total) {
                    assertTrue(c >= 5, "a shown total has a count under 5");
                }
                if (anyHidden) {
                    for (long c : hidden) {
                        assertTrue(c >= 5, "total minus the shown groups reveals a count under 5");
                    }
                }
            } else {
                for (int g = 0; g < n; g++) {
                    assertTrue(d.suppressed(g), "with the total hidden every group is hidden");
                }
            }
        }
        assertEquals(5, SmallCountSuppression.MINIMUM);
    }
}
