package dev.rampart.kql.tools;

import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;
import dev.rampart.kql.udf.JavaFunctions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Times evaluate ipv4_lookup (a hash join on CIDR blocks) against the pairwise ipv4_is_in_range test over a
 * cross join, in one DuckDB: the pairwise form on a size it can finish, the plugin on that size and on a large one.
 * The same for ipv6_lookup and ipv6_is_match. Not part of the suite.
 * Usage: {@code IpLookupBench [bigAddrs bigRanges smallAddrs smallRanges [plan]]}.
 */
public final class IpLookupBench {
    private static final Schema SCHEMA = new Schema(List.of(
            new Table("Addrs", "test", "", List.of(new Column("id", KqlType.LONG, ""), new Column("ip", KqlType.STRING, ""))),
            new Table("Ranges", "test", "", List.of(new Column("net", KqlType.STRING, ""), new Column("tag", KqlType.LONG, "")))));
    private static final String PLUGIN = "Addrs | evaluate ipv4_lookup(Ranges, ip, net)";
    private static final String PAIRWISE = "Addrs | extend k = 1 | join kind=inner (Ranges | extend k = 1) on k | where ipv4_is_in_range(ip, net)"
            + " | project id, ip, net, tag";

    private static final String PLUGIN6 = "Addrs | evaluate ipv6_lookup(Ranges, ip, net)";
    private static final String PAIRWISE6 = "Addrs | extend k = 1 | join kind=inner (Ranges | extend k = 1) on k | where ipv6_is_match(ip, net)"
            + " | project net, tag, id, ip";

    private IpLookupBench() {
    }

    public static void main(String[] args) throws Exception {
        long bigA = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
        long bigR = args.length > 1 ? Long.parseLong(args[1]) : 20_000;
        long smallA = args.length > 2 ? Long.parseLong(args[2]) : 5_000;
        long smallR = args.length > 3 ? Long.parseLong(args[3]) : 2_000;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            JavaFunctions.register(c);
            fill(c, smallA, smallR);
            Timing oldSmall = time(c, PAIRWISE);
            Timing newSmall = time(c, PLUGIN);
            System.out.printf("small %d addrs x %d ranges: pairwise %d ms (%d rows), ipv4_lookup %d ms (%d rows), ratio %.1fx%n",
                    smallA, smallR, oldSmall.ms, oldSmall.rows, newSmall.ms, newSmall.rows, (double) oldSmall.ms / Math.max(1, newSmall.ms));
            fill(c, bigA, bigR);
            Timing newBig = time(c, PLUGIN);
            Timing keepBig = time(c, PLUGIN.replace(")", ", return_unmatched = true)"));
            double pairsRatio = (double) (bigA * bigR) / (smallA * smallR);
            System.out.printf("big %d addrs x %d ranges: ipv4_lookup %d ms (%d rows); %.0fx the pairs of the small size,"
                    + " where the pairwise form would take about %.0f s%n", bigA, bigR, newBig.ms, newBig.rows, pairsRatio, oldSmall.ms * pairsRatio / 1000);
            System.out.printf("big with return_unmatched=true: %d ms (%d rows)%n", keepBig.ms, keepBig.rows);
            fill6(c, smallA, smallR);
            Timing oldSmall6 = time(c, PAIRWISE6);
            Timing newSmall6 = time(c, PLUGIN6);
            System.out.printf("ipv6 small %d addrs x %d ranges: pairwise %d ms (%d rows), ipv6_lookup %d ms (%d rows), ratio %.1fx%n",
                    smallA, smallR, oldSmall6.ms, oldSmall6.rows, newSmall6.ms, newSmall6.rows, (double) oldSmall6.ms / Math.max(1, newSmall6.ms));
            fill6(c, bigA, bigR);
            Timing newBig6 = time(c, PLUGIN6);
            System.out.printf("ipv6 big %d addrs x %d ranges: ipv6_lookup %d ms (%d rows)%n", bigA, bigR, newBig6.ms, newBig6.rows);
            if (args.length > 4) {
                System.out.println(plan(c, KqlCompiler.compile(PLUGIN, TestSupport.options().withSchema(SCHEMA))));
            }
        }
    }

    /** IPv6 addresses in one /32 with three random groups, and ranges of /48 to /64 there (one in fifty invalid). */
    private static void fill6(Connection c, long addrs, long ranges) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS Addrs");
            st.execute("DROP TABLE IF EXISTS Ranges");
            st.execute("CREATE TABLE Addrs AS SELECT CAST(i AS BIGINT) AS id, CASE WHEN i % 50 = 0 THEN 'not an address' ELSE"
                    + " printf('2001:db8:%x:%x::%x', h & 65535, (h >> 16) & 65535, (h >> 32) & 65535) END AS ip"
                    + " FROM (SELECT i, hash(i) AS h FROM range(" + addrs + ") t(i))");
            st.execute("CREATE TABLE Ranges AS SELECT printf('2001:db8:%x:%x::/%d', h & 65535, (h >> 16) & 65535, 48 + hash(i * 7 + 3) % 17) AS net,"
                    + " CAST(i AS BIGINT) AS tag FROM (SELECT i, hash(i + 1000000000) AS h FROM range(" + ranges + ") t(i))");
        }
    }

    private record Timing(long ms, long rows) {
    }

    /** Random addresses (one in fifty invalid) and random CIDR ranges of /12 to /24, from DuckDB's hash of the row number. */
    private static void fill(Connection c, long addrs, long ranges) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS Addrs");
            st.execute("DROP TABLE IF EXISTS Ranges");
            st.execute("CREATE TABLE Addrs AS SELECT CAST(i AS BIGINT) AS id, CASE WHEN i % 50 = 0 THEN 'not an address' ELSE"
                    + " concat(h >> 24, '.', (h >> 16) & 255, '.', (h >> 8) & 255, '.', h & 255) END AS ip"
                    + " FROM (SELECT i, hash(i) % 4294967296 AS h FROM range(" + addrs + ") t(i))");
            st.execute("CREATE TABLE Ranges AS SELECT concat(h >> 24, '.', (h >> 16) & 255, '.', (h >> 8) & 255, '.', h & 255, '/', p) AS net,"
                    + " CAST(i AS BIGINT) AS tag FROM (SELECT i, hash(i + 1000000000) % 4294967296 AS h, 12 + hash(i * 7 + 3) % 13 AS p"
                    + " FROM range(" + ranges + ") t(i))");
        }
    }

    private static Timing time(Connection c, String kql) throws SQLException {
        CompiledQuery q = KqlCompiler.compile(kql, TestSupport.options().withSchema(SCHEMA));
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (" + q.sql() + ")")) {
            for (int i = 0; i < q.parameters().size(); i++) {
                ps.setObject(i + 1, q.parameters().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Timing((System.nanoTime() - t0) / 1_000_000, rs.getLong(1));
            }
        }
    }

    private static String plan(Connection c, CompiledQuery q) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + q.sql())) {
            for (int i = 0; i < q.parameters().size(); i++) {
                ps.setObject(i + 1, q.parameters().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    b.append(rs.getString(2)).append('\n');
                }
            }
        }
        return b.toString();
    }
}
