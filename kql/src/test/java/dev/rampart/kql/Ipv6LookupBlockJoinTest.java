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
 * ipv6_lookup joins on prefix blocks; on generated data (prefixes on both sides, IPv4 text, invalid text) it must
 * give the same rows, as a multiset, as the pairwise ipv6_is_match test over a cross join written in KQL.
 */
class Ipv6LookupBlockJoinTest {
    private static final Schema SCHEMA = new Schema(List.of(
            new Table("Addrs", "test", "", List.of(new Column("id", KqlType.LONG, ""), new Column("ip", KqlType.STRING, ""))),
            new Table("Ranges", "test", "", List.of(new Column("net", KqlType.STRING, ""), new Column("tag", KqlType.LONG, "")))));
    private static final int[] NETS = {0x20010db8, 0x24046800, 0x00000000};
    private static DuckDb db;

    @BeforeAll
    static void fill() throws Exception {
        db = new DuckDb(SCHEMA);
        Random rnd = new Random(61L);
        List<String> addrs = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            addrs.add("(" + i + ", " + quote(randomAddress(rnd)) + ")");
        }
        db.execute("INSERT INTO Addrs VALUES " + String.join(", ", addrs));
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ranges.add("(" + quote(randomRange(rnd)) + ", " + i + ")");
        }
        for (String r : List.of("::/0", "2001:db8::/32", "2001:db8::/32", "2001:0db8:0000:0000:0000:0000:0000:0001/128", "10.0.0.0/8",
                "::ffff:10.1.0.0/112", "2001:db8::/129", "2001:db8:::1", "not a range", "")) {
            ranges.add("(" + quote(r) + ", " + ranges.size() + ")");
        }
        ranges.add("(NULL, " + ranges.size() + ")");
        db.execute("INSERT INTO Ranges VALUES " + String.join(", ", ranges));
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    /** Mostly full addresses in a few /32s; some with their own prefix (also shorter than the ranges'), IPv4, or invalid. */
    private static String randomAddress(Random rnd) {
        return switch (rnd.nextInt(20)) {
            case 0 -> List.of("2001:db8::g", "1:2:3:4:5:6:7:8:9", "abc", "", "2001:db8::1/200").get(rnd.nextInt(5));
            case 1 -> null;
            case 2, 3 -> text(rnd) + "/" + rnd.nextInt(129);
            case 4 -> "10." + rnd.nextInt(3) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
            case 5 -> "2001:db8::" + Integer.toHexString(rnd.nextInt(4));
            default -> text(rnd);
        };
    }

    private static String randomRange(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> text(rnd); // a single address
            case 1 -> text(rnd) + "/128";
            case 2 -> "10." + rnd.nextInt(3) + ".0.0/" + (8 + rnd.nextInt(17));
            default -> text(rnd) + "/" + (16 + rnd.nextInt(100));
        };
    }

    /** Eight groups: a known /32, then a few small or random groups, so that blocks of every length hold some. */
    private static String text(Random rnd) {
        int net = NETS[rnd.nextInt(NETS.length)];
        List<String> g = new ArrayList<>(List.of(Integer.toHexString(net >>> 16), Integer.toHexString(net & 0xffff)));
        for (int i = 2; i < 8; i++) {
            g.add(Integer.toHexString(rnd.nextInt(3) == 0 ? rnd.nextInt(0x10000) : rnd.nextInt(2)));
        }
        return String.join(":", g);
    }

    private static String quote(String s) {
        return s == null ? "NULL" : "'" + s.replace("'", "''") + "'";
    }

    private static List<List<Object>> run(String kql) throws Exception {
        return db.run(KqlCompiler.compile(kql, TestSupport.options().withSchema(SCHEMA)));
    }

    private static final String PAIRWISE = "Addrs | extend k = 1 | join kind=inner (Ranges | extend k = 1) on k | where ipv6_is_match(ip, net)";

    @Test
    void ipv6Lookup_onRandomAddressesAndRanges_givesThePairwiseTestsRows() throws Exception {
        List<List<Object>> expected = run(PAIRWISE + " | project id, ip, net, tag");
        List<List<Object>> actual = run("Addrs | evaluate ipv6_lookup(Ranges, ip, net) | project id, ip, net, tag");
        assertThat(expected).hasSizeGreaterThan(1500);
        // Some matches only because the address carries the shorter prefix.
        assertThat(run(PAIRWISE + " | where toint(extract('/([0-9]+)$', 1, ip)) < 16")).isNotEmpty();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void ipv6Lookup_returnUnmatched_onRandomData_addsEachUnmatchedRowOnce() throws Exception {
        List<List<Object>> matched = run(PAIRWISE + " | project id, ip, net, tag");
        List<List<Object>> all = run("Addrs | evaluate ipv6_lookup(Ranges, ip, net, return_unmatched = true) | project id, ip, net, tag");
        long unmatchedIds = run("Addrs | join kind=leftanti (" + PAIRWISE + ") on id").size();
        assertThat(unmatchedIds).isGreaterThan(20);
        assertThat(all.stream().filter(r -> r.get(3) != null).toList()).containsExactlyInAnyOrderElementsOf(matched);
        assertThat(all.stream().filter(r -> r.get(3) == null).map(r -> r.get(0)).distinct().count()).isEqualTo(unmatchedIds);
        assertThat(all).hasSize(matched.size() + (int) unmatchedIds);
    }

    @Test
    void ipv6Lookup_plansHashJoinsOnPrefixBlocks_notATestOfEveryPair() throws Exception {
        CompiledQuery q = KqlCompiler.compile("Addrs | evaluate ipv6_lookup(Ranges, ip, net)", TestSupport.options().withSchema(SCHEMA));
        StringBuilder plan = new StringBuilder();
        for (List<Object> r : db.run(new CompiledQuery("EXPLAIN (FORMAT json) " + q.sql(), q.parameters(), List.of(), List.of(), java.util.Optional.empty()))) {
            plan.append(r.get(r.size() - 1)).append('\n');
        }
        assertThat(plan.toString()).contains("HASH_JOIN", "__ip_lookup_key_hi = __ip_lookup_rkey_hi", "__ip_lookup_key_lo = __ip_lookup_rkey_lo")
                .doesNotContain("NESTED_LOOP_JOIN", "BLOCKWISE_NL_JOIN", "IE_JOIN");
        // Rows meet the distinct prefix lengths (at most 129) by an inequality, which DuckDB may plan as a piecewise
        // merge join; that is linear in the rows. Rows and ranges meet only in the hash joins.
    }
}
