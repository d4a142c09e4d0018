package io.juxta.magics.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" suggestions by optimal string alignment distance (a swap of two letters costs 1). */
public final class EditDistance {
    private EditDistance() {
    }

    public static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The candidates close to {@code typed}, nearest first: within 1 edit for short words, 2 for
     * longer ones, and any candidate that starts with what was typed.
     */
    public static List<String> suggestions(String typed, Collection<String> candidates) {
        String lower = typed.toLowerCase(java.util.Locale.ROOT);
        int limit = lower.length() <= 2 ? 1 : 2;
        return candidates.stream()
                .distinct()
                .filter(c -> between(lower, c.toLowerCase(java.util.Locale.ROOT)) <= limit
                        || (lower.length() >= 2 && c.toLowerCase(java.util.Locale.ROOT).startsWith(lower)))
                .sorted(Comparator.comparingInt((String c) -> between(lower, c.toLowerCase(java.util.Locale.ROOT))).thenComparing(c -> c))
                .limit(3)
                .toList();
    }

    /** " Did you mean --number?" or "" when nothing is close. */
    public static String didYouMean(String typed, Collection<String> candidates, String prefix) {
        List<String> close = suggestions(typed, candidates);
        if (close.isEmpty()) {
            return "";
        }
        return " Did you mean " + String.join(" or ", close.stream().map(c -> prefix + c).toList()) + "?";
    }
}
