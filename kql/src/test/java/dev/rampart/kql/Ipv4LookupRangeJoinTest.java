package dev.rampart.kql;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ipv4_lookup joins on address numbers and range bounds; on generated data it must give the same rows, as a
 * multiset, as the pairwise ipv4_is_in_range test it replaced, written here as a cross join in KQL.
 */
class Ipv4LookupRangeJoinTest {
    private static final Schema SCHEMA = new Schema(List.of(
            new Table("Addrs", "test", "", List.of(new Column("id", KqlType.LONG, ""), new Column("ip", KqlType.STRING, ""))),
            new Table("Ranges", "test", "", List.of(new Column("net", KqlType.STRING, ""), new Column("tag", KqlType.LONG, "")))));
    private static DuckDb db;

    @BeforeAll
    static void fill() throws Exception {
        db = new DuckDb(SCHEMA);
        Random rnd = new Random(20261205L);
        List<String> addrs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            addrs.add("(" + i + ", " + quote(randomAddress(rnd)) + ")");
        }
        db.execute("INSERT INTO Addrs VALUES " + String.join(", ", addrs));
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ranges.add("(" + quote(randomRange(rnd)) + ", " + i + ")");
        }
        // Fixed edge cases: the whole space, duplicates (two rows per match), and ranges that are not ranges.
        for (String r : List.of("0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/8", "255.255.255.255/32", "0.0.0.0/32", "10.1.2.3/8",
                "1.2.3.4/33", "256.0.0.0/8", "not a range", "", "10.0.0.1 ")) {
            ranges.add("(" + quote(r) + ", " + ranges.size() + ")");
        }
        ranges.add("(NULL, " + ranges.size() + ")");
        db.execute("INSERT INTO Ranges VALUES " + String.join(", ", ranges));
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    /** Addresses crowd a few /8s so that ranges of every length hold some; a few are invalid or carry a prefix. */
    private static String randomAddress(Random rnd) {
        return switch (rnd.nextInt(20)) {
            case 0 -> List.of("300.1.2.3", "1.2.3", "abc", "", "1.2.3.4.5", "01.2.3.4x").get(rnd.nextInt(6));
            case 1 -> null;
            case 2 -> dotted(rnd, rnd.nextInt()) + "/" + rnd.nextInt(33);
            case 3 -> List.of("0.0.0.0", "255.255.255.255", " 10.0.0.1").get(rnd.nextInt(3));
            case 4, 5, 6 -> dotted(rnd, rnd.nextInt());
            default -> dotted(rnd, (List.of(10, 192, 172).get(rnd.nextInt(3)) << 24) | rnd.nextInt(1 << 20));
        };
    }

    private static String randomRange(Random rnd) {
        int base = rnd.nextInt(4) == 0 ? rnd.nextInt() : (List.of(10, 192, 172).get(rnd.nextInt(3)) << 24) | rnd.nextInt(1 << 20);
        return switch (rnd.nextInt(6)) {
            case 0 -> dotted(rnd, base); // a single address
            case 1 -> dotted(rnd, base) + "/32";
            default -> dotted(rnd, base) + "/" + (8 + rnd.nextInt(25));
        };
    }

    private static String dotted(Random rnd, int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    private static String quote(String s) {
        return s == null ? "NULL" : "'" + s.replace("'", "''") + "'";
    }

    private static List<List<Object>> run(String kql) throws Exception {
        return db.run(KqlCompiler.compile(kql, TestSupport.options().withSchema(SCHEMA)));
    }

    private static final String PAIRWISE = "Addrs | extend k = 1 | join kind=inner (Ranges | extend k = 1) on k"
            + " | where ipv4_is_in_range(ip, net)";

    @Test
    void ipv4Lookup_onRandomAddressesAndRanges_givesThePairwiseTestsRows() throws Exception {
        List<List<Object>> expected = run(PAIRWISE + " | project id, ip, net, tag");
        List<List<Object>> actual = run("Addrs | evaluate ipv4_lookup(Ranges, ip, net) | project id, ip, net, tag");
        assertThat(expected).hasSizeGreaterThan(2000);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void ipv4Lookup_returnUnmatched_onRandomData_addsEachUnmatchedRowOnceWithNullLookupColumns() throws Exception {
        String pairs = "let M = " + PAIRWISE + " | project id, ip, net, tag;";
        List<List<Object>> expected = run(pairs + " union M, (Addrs | join kind=leftanti M on id"
                + " | extend net = tostring(''), tag = long(null) | extend net = iff(true, net, net)) | project id, ip, net, tag");
        List<List<Object>> actual = run("Addrs | evaluate ipv4_lookup(Ranges, ip, net, return_unmatched = true) | project id, ip, net, tag");
        long unmatched = actual.stream().filter(r -> r.get(3) == null).count();
        assertThat(unmatched).isGreaterThan(50);
        assertThat(normalize(actual)).containsExactlyInAnyOrderElementsOf(normalize(expected));
    }

    @Test
    void ipv4IsInRange_slashZero_holdsEveryAddress_insteadOfOverflowingTheMask() throws Exception {
        assertThat(run("print a = ipv4_is_in_range('203.0.113.7', '0.0.0.0/0'), b = parse_ipv4_mask('203.0.113.7', 0),"
                + " c = ipv4_is_in_range('203.0.113.7', '203.0.113.0/24')")).containsExactly(List.of(true, 0L, true));
    }

    @Test
    void ipv4Lookup_keepsTheInputThenLookupColumnOrder() throws Exception {
        CompiledQuery q = KqlCompiler.compile("Addrs | evaluate ipv4_lookup(Ranges, ip, net)", TestSupport.options().withSchema(SCHEMA));
        assertThat(q.columns().stream().map(OutputColumn::name).toList()).containsExactly("id", "ip", "net", "tag");
    }

    @Test
    void ipv4Lookup_plansHashJoinsOnPrefixBlocks_notATestOfEveryPair() throws Exception {
        for (String unmatched : List.of("false", "true")) {
            CompiledQuery q = KqlCompiler.compile("Addrs | evaluate ipv4_lookup(Ranges, ip, net, return_unmatched = " + unmatched + ")",
                    TestSupport.options().withSchema(SCHEMA));
            String plan = explain(q);
            assertThat(plan).contains("HASH_JOIN", "__ip_lookup_key = __ip_lookup_block");
            assertThat(plan).doesNotContain("NESTED_LOOP_JOIN", "BLOCKWISE_NL_JOIN", "PIECEWISE_MERGE_JOIN", "IE_JOIN");
            // The one cross product pairs the rows with the distinct prefix lengths of the ranges (at most 33).
            assertThat(plan.split("CROSS_PRODUCT", -1)).hasSize(2);
        }
    }

    static String explain(CompiledQuery q) throws Exception {
        StringBuilder b = new StringBuilder();
        for (List<Object> r : db.run(new CompiledQuery("EXPLAIN (FORMAT json) " + q.sql(), q.parameters(), List.of(), List.of(), java.util.Optional.empty()))) {
            b.append(r.get(r.size() - 1)).append('\n');
        }
        return b.toString();
    }

    /** A null string cell and an empty one are the same KQL value. */
    private static List<List<Object>> normalize(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> r : rows) {
            List<Object> c = new ArrayList<>(r);
            if (c.get(2) == null) {
                c.set(2, "");
            }
            out.add(c);
        }
        return out;
    }
}
