package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The activity and funnel plugins against direct pairwise formulations of their definitions, on a thousand
 * scattered rows with a dimension, so that the shortcuts the plugins take (spreading rows over windows, cumulative
 * new ids, earliest reachable steps, gaps to the previous appearance) are checked beyond the documented examples.
 */
class ActivityPluginsCrossCheckTest extends DuckDbTestBase {
    private static final String DATA = "let S = datetime(2020-01-02); let E = datetime(2020-01-20);"
            + " let R = range i from 0 to 999 step 1 | project u = strcat('u', (i * 31) % 47),"
            + " t = datetime(2020-01-01) + ((i * 7919) % 997) * 29m, site = iff(i % 4 == 0, 'x', 'y'),"
            + " e = case(i % 5 == 0, 'H', i % 5 == 1, 'T', i % 5 == 2, 'W', 'X');"
            + " let P = R | where t >= S and t <= E | extend p = S + bin(t - S, 1d);"
            + " let Q = range q from S to E step 1d;";

    @Test
    void slidingWindowCounts_equalsCountingTheRowsOfEachWindowDirectly() throws Exception {
        String plugin = DATA + "R | evaluate sliding_window_counts(u, t, S, E, 3d, 1d, site) | order by site asc, t asc";
        String direct = DATA + "Q | extend j = 1 | join kind=inner (P | extend j = 1) on j | where p <= q and p > q - 3d"
                + " | summarize c = count(), d = count_distinct(u) by q, site | order by site asc, q asc";
        List<List<Object>> expected = rows(direct);
        assertThat(expected).hasSizeGreaterThan(30);
        assertThat(rows(plugin)).containsExactlyElementsOf(expected);
    }

    @Test
    void activityCountsMetrics_equalsFirstSeenAndCumulativeDistinctCountsTakenDirectly() throws Exception {
        String plugin = DATA + "R | evaluate activity_counts_metrics(u, t, S, E, 1d, site) | order by site asc, t asc";
        String direct = DATA + "let F = P | summarize f = min(p) by u, site;"
                + " let C = P | summarize c = count(), d = count_distinct(u) by site, p;"
                + " let N = P | summarize by site, p, u | join kind=inner (F) on u, site | where f == p | summarize n = count() by site, p;"
                + " let A = C | project site, q = p | join kind=inner (P | project site, p, u) on site | where p <= q"
                + " | summarize a = count_distinct(u) by site, q;"
                + " C | join kind=leftouter (N) on site, p | join kind=inner (A) on $left.site == $right.site, $left.p == $right.q"
                + " | project p, site, c, d, n = coalesce(n, 0), a | order by site asc, p asc";
        List<List<Object>> expected = rows(direct);
        assertThat(expected).hasSizeGreaterThan(30);
        assertThat(rows(plugin)).containsExactlyElementsOf(expected);
    }

    @Test
    void activityEngagement_equalsDistinctIdsOfTheDayOverThoseOfTheThreeDaysEndingWithIt() throws Exception {
        String plugin = DATA + "R | evaluate activity_engagement(u, t, S, E, 1d, 3d, site) | order by site asc, t asc";
        String direct = DATA + "let I = P | summarize i = count_distinct(u) by site, p;"
                + " I | project site, q = p, i | join kind=inner (P | project site, p, u) on site | where p <= q and p > q - 3d"
                + " | summarize o = count_distinct(u) by q, site, i | project q, i, o, r = todouble(i) / o, site"
                + " | order by site asc, q asc";
        List<List<Object>> expected = rows(direct);
        assertThat(expected).hasSizeGreaterThan(30);
        assertThat(rows(plugin)).containsExactlyElementsOf(expected);
    }

    @Test
    void sessionCount_equalsLookingForAnEarlierAppearanceWithinTheLookback() throws Exception {
        String plugin = DATA + "R | evaluate session_count(u, t, S, E, 1d, 4h, site) | order by site asc, t asc";
        String direct = DATA + "let D = R | where t >= S and t <= E | summarize by u, t, site;"
                + " D | join kind=leftouter (D | project u2 = u, t2 = t, site2 = site) on $left.u == $right.u2, $left.site == $right.site2"
                + " | summarize earlier = countif(t2 < t and t2 >= t - 4h) by u, t, site"
                + " | summarize n = countif(earlier == 0) by b = bin(t, 1d), site | order by site asc, b asc";
        List<List<Object>> expected = rows(direct);
        assertThat(expected).hasSizeGreaterThan(30);
        assertThat(rows(plugin)).containsExactlyElementsOf(expected);
    }

    /** Denser: a dozen ids with a few events of each state per day, so that a start has several candidates per step. */
    private static final String DENSE = "let S = datetime(2020-01-02); let E = datetime(2020-01-04);"
            + " let R = range i from 0 to 599 step 1 | project u = strcat('u', (i * 31) % 12),"
            + " t = datetime(2020-01-02) + ((i * 7919) % 997) * 173s,"
            + " e = case(i % 5 == 0, 'H', i % 5 == 1, 'T', i % 5 == 2, 'W', 'X');";

    @Test
    void funnelSequenceCompletion_equalsEnumeratingEveryCombinationOfSteps() throws Exception {
        String plugin = DENSE + "R | evaluate funnel_sequence_completion(u, t, S, E, 1d, e, dynamic(['H', 'T', 'W']), dynamic([1h, 3h, 1d]))"
                + " | extend Period = Period / 1h | order by t asc, Period asc, e asc";
        String direct = DENSE + "let V = R | where t >= S and t <= E | extend b = S + bin(t - S, 1d);"
                + " let H = V | where e == 'H' | project u, b, t0 = t;"
                + " let T1 = H | join kind=inner (V | where e == 'T' | project u, b, t1 = t) on u, b | where t1 >= t0;"
                + " let W1 = T1 | join kind=inner (V | where e == 'W' | project u, b, t2 = t) on u, b | where t2 >= t1;"
                + " let Ps = datatable(P:timespan)[1h, 3h, 1d];"
                + " let Bs = H | summarize by b;"
                + " let C0 = H | summarize n = count_distinct(u) by b | extend k = 0, j = 1 | join kind=inner (Ps | extend j = 1) on j;"
                + " let C1 = T1 | extend j = 1 | join kind=inner (Ps | extend j = 1) on j | where t1 - t0 <= P"
                + " | summarize n = count_distinct(u) by b, P | extend k = 1;"
                + " let C2 = W1 | extend j = 1 | join kind=inner (Ps | extend j = 1) on j | where t2 - t0 <= P"
                + " | summarize n = count_distinct(u) by b, P | extend k = 2;"
                + " Bs | extend j = 1 | join kind=inner (range k from 0 to 2 step 1 | extend j = 1) on j"
                + " | join kind=inner (Ps | extend j = 1) on j"
                + " | join kind=leftouter (union (C0 | project b, k, P, n), (C1 | project b, k, P, n), (C2 | project b, k, P, n))"
                + " on b, k, P"
                + " | project b, s = case(k == 0, 'H', k == 1, 'T', 'W'), h = P / 1h, n = coalesce(n, 0) | order by b asc, h asc, s asc";
        List<List<Object>> expected = rows(direct);
        assertThat(expected).hasSize(18);
        assertThat(expected.stream().mapToLong(r -> (Long) r.get(3)).sum()).isGreaterThan(0);
        assertThat(rows(plugin)).containsExactlyElementsOf(expected);
    }
}
