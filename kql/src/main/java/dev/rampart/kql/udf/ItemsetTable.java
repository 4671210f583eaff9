package dev.rampart.kql.udf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The input of the pattern-mining plugins (basket, autocluster, diffpatterns): distinct attribute combinations, each
 * with its weight in set A and set B (only A for the one-set plugins). An item is one column holding one value; a
 * pattern is a set of items on distinct columns. A null or empty value is no item, so it never appears in a pattern
 * (it could not be told apart from the default wildcard, and {@code where col == null} matches nothing in KQL).
 * Items are numbered in (column, value) order, so every tie-break that compares item ids is independent of the
 * order in which the rows arrive.
 */
final class ItemsetTable {
    /** One distinct combination: its row id (to fetch the typed values back), weights and item per column (-1: none). */
    record Row(long rid, double weightA, double weightB, int[] items) {
    }

    final int columns;
    final List<Row> rows = new ArrayList<>();
    /** Column of each item id. */
    final int[] columnOf;
    /** Value text of each item id. */
    final String[] valueOf;
    /** Rows holding each item id. */
    final BitSet[] rowsWith;
    double totalA;
    double totalB;

    /** @param raw rows as {@code [rid, weightA, weightB, value1, ..., valueN]}, values as text or null */
    ItemsetTable(List<?> raw) {
        int cols = 0;
        TreeSet<String>[] values = null;
        for (Object o : raw) {
            List<?> r = (List<?>) o;
            if (values == null) {
                cols = r.size() - 3;
                values = newSets(cols);
            }
            for (int c = 0; c < cols; c++) {
                String v = text(r.get(3 + c));
                if (v != null) {
                    values[c].add(v);
                }
            }
        }
        columns = cols;
        List<Integer> colOf = new ArrayList<>();
        List<String> valOf = new ArrayList<>();
        List<Map<String, Integer>> ids = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            Map<String, Integer> m = new HashMap<>();
            for (String v : values[c]) {
                m.put(v, colOf.size());
                colOf.add(c);
                valOf.add(v);
            }
            ids.add(m);
        }
        columnOf = colOf.stream().mapToInt(Integer::intValue).toArray();
        valueOf = valOf.toArray(new String[0]);
        rowsWith = new BitSet[columnOf.length];
        for (int i = 0; i < rowsWith.length; i++) {
            rowsWith[i] = new BitSet();
        }
        for (Object o : raw) {
            List<?> r = (List<?>) o;
            int[] items = new int[cols];
            for (int c = 0; c < cols; c++) {
                String v = text(r.get(3 + c));
                items[c] = v == null ? -1 : ids.get(c).get(v);
                if (items[c] >= 0) {
                    rowsWith[items[c]].set(rows.size());
                }
            }
            Row row = new Row(((Number) r.get(0)).longValue(), number(r.get(1)), number(r.get(2)), items);
            rows.add(row);
            totalA += row.weightA;
            totalB += row.weightB;
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<String>[] newSets(int n) {
        TreeSet<String>[] s = new TreeSet[n];
        for (int i = 0; i < n; i++) {
            s[i] = new TreeSet<>();
        }
        return s;
    }

    private static String text(Object v) {
        return v == null || v.toString().isEmpty() ? null : v.toString();
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    int itemCount() {
        return columnOf.length;
    }

    /** The rows a pattern (sorted item ids) covers. */
    BitSet cover(int[] pattern) {
        BitSet b = new BitSet();
        b.set(0, rows.size());
        for (int item : pattern) {
            b.and(rowsWith[item]);
        }
        return b;
    }

    double weightA(BitSet cover) {
        double w = 0;
        for (int r = cover.nextSetBit(0); r >= 0; r = cover.nextSetBit(r + 1)) {
            w += rows.get(r).weightA;
        }
        return w;
    }

    double weightB(BitSet cover) {
        double w = 0;
        for (int r = cover.nextSetBit(0); r >= 0; r = cover.nextSetBit(r + 1)) {
            w += rows.get(r).weightB;
        }
        return w;
    }

    /** Row id of a covered row: every covered row holds the pattern's values, so any one gives them. */
    long representative(BitSet cover) {
        return rows.get(cover.nextSetBit(0)).rid;
    }

    /** One character per column: '1' where the pattern fixes the column, '0' for a wildcard. */
    String mask(int[] pattern) {
        char[] m = new char[columns];
        Arrays.fill(m, '0');
        for (int item : pattern) {
            m[columnOf[item]] = '1';
        }
        return new String(m);
    }

    /** Lexicographic order of sorted item-id lists; since ids follow (column, value), so does this order. */
    static final Comparator<int[]> ITEMS_ORDER = Arrays::compare;

    static boolean comparable(int[] x, int[] y) {
        return subset(x, y) || subset(y, x);
    }

    static boolean subset(int[] small, int[] big) {
        int j = 0;
        for (int item : small) {
            while (j < big.length && big[j] < item) {
                j++;
            }
            if (j == big.length || big[j] != item) {
                return false;
            }
        }
        return true;
    }

    /**
     * Apriori: every pattern of at most {@code maxItems} items that {@code frequent} accepts, level by level. A
     * candidate of size k+1 joins two accepted size-k patterns sharing their first k-1 items and is counted only if
     * all its size-k subsets were accepted, which is sound because {@code frequent} must be anti-monotone (a pattern
     * covers no more rows than any of its subsets). Keys are the sorted item ids; values their covers.
     */
    Map<int[], BitSet> apriori(int maxItems, java.util.function.Predicate<BitSet> frequent) {
        Map<int[], BitSet> all = new TreeMap<>(ITEMS_ORDER);
        List<int[]> level = new ArrayList<>();
        for (int i = 0; i < itemCount(); i++) {
            int[] p = {i};
            BitSet c = cover(p);
            if (maxItems >= 1 && frequent.test(c)) {
                all.put(p, c);
                level.add(p);
            }
        }
        for (int k = 1; k < maxItems && !level.isEmpty(); k++) {
            List<int[]> next = new ArrayList<>();
            for (int x = 0; x < level.size(); x++) {
                for (int y = x + 1; y < level.size(); y++) {
                    int[] p = level.get(x);
                    int[] q = level.get(y);
                    if (!Arrays.equals(p, 0, k - 1, q, 0, k - 1)) {
                        break;
                    }
                    if (columnOf[p[k - 1]] == columnOf[q[k - 1]]) {
                        continue;
                    }
                    int[] cand = Arrays.copyOf(p, k + 1);
                    cand[k] = q[k - 1];
                    if (!subsetsAccepted(cand, all)) {
                        continue;
                    }
                    BitSet c = all.get(p).get(0, rows.size());
                    c.and(rowsWith[cand[k]]);
                    if (frequent.test(c)) {
                        all.put(cand, c);
                        next.add(cand);
                    }
                }
            }
            level = next;
        }
        return all;
    }

    private static boolean subsetsAccepted(int[] cand, Map<int[], BitSet> all) {
        for (int drop = 0; drop < cand.length - 2; drop++) {
            int[] sub = new int[cand.length - 1];
            for (int i = 0, j = 0; i < cand.length; i++) {
                if (i != drop) {
                    sub[j++] = cand[i];
                }
            }
            if (!all.containsKey(sub)) {
                return false;
            }
        }
        return true;
    }
}
