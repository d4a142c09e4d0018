package io.juxta.toolkit.data;

import java.util.SplittableRandom;

/** Seeded permutations, the same on every JVM for the same seed. */
final class Shuffle {
    private Shuffle() {}

    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
