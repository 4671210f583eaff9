package dev.rampart.kql.udf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clustering behind the reduce operator. Each value is cut into terms at the separator characters; values with
 * the same term layout that share a term at a position are reduced to one pattern (the terms they do not all share
 * become {@code *}) when the rows so grouped are more than {@code threshold} of all rows. A group too small to be
 * reduced, and never part of a large enough group, ends up in {@code others}.
 *
 * <p>Without an explicit character list every ASCII character that is not a letter or a digit separates terms, and
 * the separator runs are kept as terms of their own, so a pattern shows them ({@code San *}). With an explicit list
 * the separators only cut: a wildcard swallows the separators next to it ({@code fooZ1}, {@code fooZ2} with
 * {@code Z} give {@code foo*}).
 */
final class PatternReducer {
    static final String OTHERS = "others";

    /** One output group; {@code representative} is its first value in input order. */
    record Group(String pattern, long count, String representative) {
    }

    private final double threshold;
    private final String characters;

    /** {@code characters} null means the default separators. */
    PatternReducer(double threshold, String characters) {
        this.threshold = threshold;
        this.characters = characters;
    }

    /** A value cut into terms; {@code gaps[i]} is the separator text before term i ({@code gaps[n]} after the last). */
    private record Terms(String[] terms, boolean[] words, String[] gaps) {
        /** Values only reduce together when their terms line up: same count, and words at the same places. */
        String layout() {
            return terms.length + (words.length > 0 && !words[0] ? "s" : "w");
        }
    }

    private static final class Cluster {
        final String layout;
        final String[] terms; // null = wildcard
        final boolean[] words;
        long count;
        int first;
        final List<Integer> members = new ArrayList<>(); // distinct value indexes

        Cluster(String layout, String[] terms, boolean[] words) {
            this.layout = layout;
            this.terms = terms;
            this.words = words;
        }
    }

    private boolean separator(char c) {
        if (characters == null) {
            return c < 128 && !Character.isLetterOrDigit(c);
        }
        return characters.indexOf(c) >= 0;
    }

    private Terms terms(String v) {
        List<String> terms = new ArrayList<>();
        List<Boolean> words = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        int i = 0;
        StringBuilder gap = new StringBuilder();
        while (i < v.length()) {
            int j = i;
            boolean sep = separator(v.charAt(i));
            while (j < v.length() && separator(v.charAt(j)) == sep) {
                j++;
            }
            String run = v.substring(i, j);
            if (!sep) {
                gaps.add(gap.toString());
                gap.setLength(0);
                terms.add(run);
                words.add(true);
            } else if (characters == null) {
                gaps.add("");
                terms.add(run);
                words.add(false);
            } else {
                gap.append(run);
            }
            i = j;
        }
        gaps.add(gap.toString());
        boolean[] w = new boolean[words.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = words.get(k);
        }
        return new Terms(terms.toArray(new String[0]), w, gaps.toArray(new String[0]));
    }

    /** The groups, largest first ({@code others} last), and for each distinct value the pattern it falls under. */
    record Result(List<Group> groups, Map<String, String> patternOf) {
    }

    Result reduce(List<String> values) {
        Map<String, Integer> distinct = new LinkedHashMap<>();
        List<Long> counts = new ArrayList<>();
        for (String v : values) {
            Integer at = distinct.putIfAbsent(v, distinct.size());
            if (at == null) {
                counts.add(1L);
            } else {
                counts.set(at, counts.get(at) + 1);
            }
        }
        List<String> keys = new ArrayList<>(distinct.keySet());
        List<Terms> cut = new ArrayList<>();
        List<Cluster> clusters = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Terms t = terms(keys.get(i));
            cut.add(t);
            Cluster c = new Cluster(t.layout(), t.terms().clone(), t.words());
            c.count = counts.get(i);
            c.first = i;
            c.members.add(i);
            clusters.add(c);
        }
        double minRows = threshold * values.size();
        while (true) {
            List<Cluster> next = mergePass(clusters, minRows);
            if (next == null) {
                break;
            }
            clusters = next;
        }
        clusters.sort(Comparator.<Cluster>comparingLong(c -> -c.count).thenComparingInt(c -> c.first));
        List<Group> groups = new ArrayList<>();
        Map<String, String> patternOf = new LinkedHashMap<>();
        long others = 0;
        for (Cluster c : clusters) {
            if (c.count > minRows) {
                String pattern = render(c, cut.get(c.first));
                groups.add(new Group(pattern, c.count, keys.get(c.first)));
                c.members.forEach(m -> patternOf.put(keys.get(m), pattern));
            } else {
                others += c.count;
                c.members.forEach(m -> patternOf.put(keys.get(m), OTHERS));
            }
        }
        if (others > 0) {
            groups.add(new Group(OTHERS, others, ""));
        }
        return new Result(groups, patternOf);
    }

    /**
     * One round of reductions: every term shared by several clusters of the same layout whose rows together pass the
     * threshold, the largest such group first; a cluster takes part in one reduction per round. Null when none applies.
     */
    private static List<Cluster> mergePass(List<Cluster> clusters, double minRows) {
        Map<String, List<Integer>> byTerm = new LinkedHashMap<>();
        for (int i = 0; i < clusters.size(); i++) {
            Cluster c = clusters.get(i);
            for (int p = 0; p < c.terms.length; p++) {
                if (c.terms[p] != null && c.words[p]) {
                    byTerm.computeIfAbsent(c.layout + "\u0000" + p + "\u0000" + c.terms[p], k -> new ArrayList<>()).add(i);
                }
            }
        }
        record Candidate(List<Integer> members, long rows, int first) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (List<Integer> members : byTerm.values()) {
            if (members.size() < 2) {
                continue;
            }
            long rows = 0;
            int first = Integer.MAX_VALUE;
            for (int m : members) {
                rows += clusters.get(m).count;
                first = Math.min(first, clusters.get(m).first);
            }
            if (rows > minRows) {
                candidates.add(new Candidate(members, rows, first));
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        candidates.sort(Comparator.<Candidate>comparingLong(c -> -c.rows).thenComparingInt(Candidate::first));
        boolean[] used = new boolean[clusters.size()];
        List<Cluster> out = new ArrayList<>();
        for (Candidate cand : candidates) {
            if (cand.members.stream().anyMatch(m -> used[m])) {
                continue;
            }
            cand.members.forEach(m -> used[m] = true);
            out.add(merge(cand.members.stream().map(clusters::get).toList()));
        }
        for (int i = 0; i < clusters.size(); i++) {
            if (!used[i]) {
                out.add(clusters.get(i));
            }
        }
        return out;
    }

    private static Cluster merge(List<Cluster> parts) {
        Cluster head = parts.get(0);
        String[] terms = head.terms.clone();
        for (Cluster c : parts) {
            for (int p = 0; p < terms.length; p++) {
                if (terms[p] != null && !terms[p].equals(c.terms[p])) {
                    terms[p] = null;
                }
            }
        }
        Cluster m = new Cluster(head.layout, terms, head.words);
        m.first = Integer.MAX_VALUE;
        for (Cluster c : parts) {
            m.count += c.count;
            m.first = Math.min(m.first, c.first);
            m.members.addAll(c.members);
        }
        return m;
    }

    /**
     * The pattern text. Separators cut out by an explicit list come from the representative and are kept only between
     * literal terms; consecutive wildcards read as one.
     */
    private static String render(Cluster c, Terms rep) {
        StringBuilder b = new StringBuilder();
        int n = c.terms.length;
        for (int p = 0; p <= n; p++) {
            boolean literalBefore = p == 0 || c.terms[p - 1] != null;
            boolean literalAfter = p == n || c.terms[p] != null;
            if (literalBefore && literalAfter) {
                b.append(rep.gaps()[p]);
            }
            if (p < n) {
                if (c.terms[p] != null) {
                    b.append(c.terms[p]);
                } else if (literalBefore) {
                    b.append('*');
                }
            }
        }
        return b.toString();
    }
}
