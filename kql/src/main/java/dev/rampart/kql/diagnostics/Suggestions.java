package dev.rampart.kql.diagnostics;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Picks the nearest known name for "Did you mean ...?" hints. */
public final class Suggestions {
    private Suggestions() {
    }

    public static Optional<String> nearest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        String w = wrong.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDist) {
                bestDist = d;
                best = c;
            }
        }
        // Beyond roughly a third of the word, a suggestion is more noise than help.
        int budget = Math.max(2, wrong.length() / 3);
        return best != null && bestDist <= budget ? Optional.of(best) : Optional.empty();
    }

    public static String didYouMean(String wrong, Collection<String> candidates) {
        return nearest(wrong, candidates).map(s -> "Did you mean '" + s + "'?").orElse("");
    }

    /** Damerau (optimal string alignment) distance, so swapped letters like "Nmae" cost one edit. */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > 10) {
            return Math.abs(n - m);
        }
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
