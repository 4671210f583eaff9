package dev.rampart.portal.hunting;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Table;
import dev.rampart.kql.sql.DuckDbDialect;
import dev.rampart.portal.cli.Command;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * {@code kql-bench [--rows=10000000] [--runs=3] [--show-sql]}: in a throw-away DuckDB file (not the event store), fills
 * DeviceNetworkEvents with generated rows and times each hunting question twice in the same process: the KQL compiled
 * by Rampart, and DuckDB SQL written by hand for the same answer. Runs alternate, medians are compared; both sides must
 * return the same rows. Prints the ratio per query, the median ratio (target at most 1.2) and the compile time per
 * query (target under 5 ms).
 */
@Component
class KqlBenchCommand implements Command {
    private static final String TABLE = "DeviceNetworkEvents";

    /** A hunting question, as KQL and as the SQL one would write by hand ({@code ?} = the start of the 30-day window). */
    record Question(String name, String kql, String sql) {
    }

    static final List<Question> QUESTIONS = List.of(
            new Question("filter", """
                    DeviceNetworkEvents
                    | where ActionType == "ConnectionFailed" and RemotePort in (445, 3389)
                    | count""",
                    "SELECT count(*) AS \"Count\" FROM \"DeviceNetworkEvents\" WHERE \"Timestamp\" >= ?"
                            + " AND \"ActionType\" = 'ConnectionFailed' AND \"RemotePort\" IN (445, 3389)"),
            new Question("top-by-count", """
                    DeviceNetworkEvents
                    | summarize Connections = count() by RemoteIP
                    | top 10 by Connections desc, RemoteIP asc""",
                    "SELECT \"RemoteIP\", count(*) AS \"Connections\" FROM \"DeviceNetworkEvents\" WHERE \"Timestamp\" >= ?"
                            + " GROUP BY \"RemoteIP\" ORDER BY \"Connections\" DESC NULLS LAST, \"RemoteIP\" LIMIT 10"),
            new Question("hourly-bins", """
                    DeviceNetworkEvents
                    | summarize Events = count() by Hour = bin(Timestamp, 1h)
                    | order by Hour asc""",
                    "SELECT time_bucket(INTERVAL 1 HOUR, \"Timestamp\") AS \"Hour\", count(*) AS \"Events\""
                            + " FROM \"DeviceNetworkEvents\" WHERE \"Timestamp\" >= ? GROUP BY 1 ORDER BY 1"),
            // dcount is an estimate in KQL; the same question in DuckDB is approx_count_distinct.
            new Question("dcount", """
                    DeviceNetworkEvents
                    | summarize Peers = dcount(RemoteIP) by DeviceName
                    | order by Peers desc, DeviceName asc
                    | take 20""",
                    "SELECT \"DeviceName\", approx_count_distinct(\"RemoteIP\") AS \"Peers\" FROM \"DeviceNetworkEvents\""
                            + " WHERE \"Timestamp\" >= ? GROUP BY \"DeviceName\" ORDER BY \"Peers\" DESC, \"DeviceName\" LIMIT 20"),
            new Question("self-join", """
                    DeviceNetworkEvents
                    | where ActionType == "ConnectionFailed"
                    | summarize Failed = count() by RemoteIP
                    | join kind=inner (
                        DeviceNetworkEvents
                        | where ActionType == "ConnectionSuccess" and RemotePort == 445
                        | summarize Succeeded = count() by RemoteIP
                      ) on RemoteIP
                    | where Failed > 3
                    | count""",
                    "WITH f AS (SELECT \"RemoteIP\", count(*) AS n FROM \"DeviceNetworkEvents\" WHERE \"Timestamp\" >= ?"
                            + " AND \"ActionType\" = 'ConnectionFailed' GROUP BY 1),"
                            + " s AS (SELECT \"RemoteIP\", count(*) AS n FROM \"DeviceNetworkEvents\" WHERE \"Timestamp\" >= ?"
                            + " AND \"ActionType\" = 'ConnectionSuccess' AND \"RemotePort\" = 445 GROUP BY 1)"
                            + " SELECT count(*) AS \"Count\" FROM f JOIN s ON f.\"RemoteIP\" = s.\"RemoteIP\" WHERE f.n > 3"),
            new Question("regex", """
                    DeviceNetworkEvents
                    | where RemoteUrl matches regex @"^[a-z]+[0-9]{2}\\.example\\.(com|net)$"
                    | summarize Hits = count() by RemoteUrl
                    | top 5 by Hits desc, RemoteUrl asc""",
                    "SELECT \"RemoteUrl\", count(*) AS \"Hits\" FROM \"DeviceNetworkEvents\" WHERE \"Timestamp\" >= ?"
                            + " AND regexp_matches(\"RemoteUrl\", '^[a-z]+[0-9]{2}\\.example\\.(com|net)$')"
                            + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5"));

    @Override
    public String name() {
        return "kql-bench";
    }

    @Override
    public String usage() {
        return "[--rows=10000000] [--runs=3] [--show-sql]  compiled KQL vs hand-written DuckDB SQL on generated rows";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        long rows = 10_000_000;
        int runs = 3;
        boolean showSql = false;
        try {
            for (String a : args) {
                if (a.startsWith("--rows=")) {
                    rows = Long.parseLong(a.substring(7).replace("_", ""));
                } else if (a.startsWith("--runs=")) {
                    runs = Integer.parseInt(a.substring(7));
                } else if (a.equals("--show-sql")) {
                    showSql = true;
                } else {
                    out.println("kql-bench: unknown option " + a + "; usage: kql-bench " + usage());
                    return 2;
                }
            }
        } catch (NumberFormatException e) {
            out.println("kql-bench: --rows and --runs take whole numbers: " + e.getMessage());
            return 2;
        }
        if (rows < 1000 || runs < 1) {
            out.println("kql-bench: need --rows >= 1000 and --runs >= 1");
            return 2;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CompileOptions options = CompileOptions.defaults(now).withRowLimit(10_001);
        LocalDateTime windowStart = LocalDateTime.ofInstant(now.minus(30, ChronoUnit.DAYS), ZoneOffset.UTC);
        Path dir = Files.createTempDirectory("rampart-kql-bench");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("bench.duckdb"))) {
            dev.rampart.kql.udf.JavaFunctions.register(c);
            long t0 = System.nanoTime();
            fill(c, rows, now);
            try (Statement st = c.createStatement()) {
                // The same sandbox as the event store: the generated data is in, nothing else may be read.
                st.execute("SET enable_external_access = false");
            }
            out.printf("kql-bench: %,d rows generated in %.1f s; %d timed runs per side, alternating%n", rows,
                    (System.nanoTime() - t0) / 1e9, runs);
            List<Double> ratios = new ArrayList<>();
            double worstCompileMs = 0;
            out.println("query\tcompiled ms\thand-written ms\tratio\tcompile ms");
            for (Question q : QUESTIONS) {
                double compileMs = compileMillis(q.kql(), options);
                worstCompileMs = Math.max(worstCompileMs, compileMs);
                CompiledQuery compiled = KqlCompiler.compile(q.kql(), options);
                if (showSql) {
                    out.println("-- " + q.name() + " compiled: " + compiled.sql() + "  " + compiled.parameters());
                    out.println("-- " + q.name() + " by hand:  " + q.sql());
                }
                List<Object> handParams = new ArrayList<>();
                for (int i = 0; i < q.sql().chars().filter(ch -> ch == '?').count(); i++) {
                    handParams.add(windowStart);
                }
                List<List<Object>> a = query(c, compiled.sql(), compiled.parameters());
                List<List<Object>> b = query(c, q.sql(), handParams);
                if (!sameRows(a, b)) {
                    out.println(q.name() + ": the compiled query and the hand-written SQL disagree; compiled " + a.size()
                            + " rows " + head(a) + ", by hand " + b.size() + " rows " + head(b));
                    return 1;
                }
                long[] tc = new long[runs];
                long[] th = new long[runs];
                for (int r = 0; r < runs; r++) {
                    // Alternating order so neither side always runs on a warmer cache.
                    if (r % 2 == 0) {
                        tc[r] = time(c, compiled.sql(), compiled.parameters());
                        th[r] = time(c, q.sql(), handParams);
                    } else {
                        th[r] = time(c, q.sql(), handParams);
                        tc[r] = time(c, compiled.sql(), compiled.parameters());
                    }
                }
                double mc = median(tc) / 1e6;
                double mh = median(th) / 1e6;
                ratios.add(mc / mh);
                out.printf("%s\t%.1f\t%.1f\t%.2f\t%.2f%n", q.name(), mc, mh, mc / mh, compileMs);
            }
            double medianRatio = medianOf(ratios);
            out.printf("kql-bench: median ratio %.2f (target <= 1.2), worst %.2f; compile at most %.2f ms (target < 5 ms)%n",
                    medianRatio, ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0), worstCompileMs);
            return 0;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Every column of the hunting table exists (as the event store has them); the ones the questions read are filled. */
    private static void fill(Connection c, long rows, Instant now) throws Exception {
        Table t = HuntingSchema.get().table(TABLE).orElseThrow();
        DuckDbDialect d = new DuckDbDialect();
        List<String> cols = new ArrayList<>();
        for (Column col : t.columns()) {
            cols.add(d.quoteIdentifier(col.name()) + " " + d.sqlType(col.type()));
        }
        long spanSeconds = 29L * 86_400;
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE \"" + TABLE + "\" (" + String.join(", ", cols) + ")");
            // Deterministic pseudo-random rows from bits of hash(i), joined to small value tables (cheaper than building
            // strings per row): 5,000 devices, 65,536 remote addresses, 5,000 URLs of which 200 match the regex, 8% failures.
            st.execute("CREATE TEMP TABLE dev AS SELECT i AS k, 'd' || i AS id, 'host-' || i || '.corp.example' AS name FROM range(5000) r(i)");
            st.execute("CREATE TEMP TABLE ip AS SELECT i AS k, '10.' || (i // 65536) || '.' || ((i // 256) % 256) || '.' || (i % 256) AS ip"
                    + " FROM range(65536) r(i)");
            st.execute("CREATE TEMP TABLE url AS SELECT i AS k, CASE WHEN i < 100 THEN 'cdn' || i || '.example.com'"
                    + " WHEN i < 200 THEN 'cdn' || (i - 100) || '.example.net' ELSE 'www.site' || i || '.example.org' END AS url FROM range(5000) r(i)");
            st.execute("INSERT INTO \"" + TABLE + "\" (\"Timestamp\", \"DeviceId\", \"DeviceName\", \"ActionType\", \"RemoteIP\","
                    + " \"RemotePort\", \"RemoteUrl\", \"Protocol\")"
                    + " SELECT TIMESTAMP '" + Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC)) + "'"
                    + "   - to_seconds((g.h % " + spanSeconds + ")::BIGINT), dev.id, dev.name,"
                    + " CASE (g.h >> 20) % 25 WHEN 0 THEN 'ConnectionFailed' WHEN 1 THEN 'ConnectionFailed'"
                    + "   WHEN 2 THEN 'ConnectionRequest' WHEN 3 THEN 'ListeningConnectionCreated' ELSE 'ConnectionSuccess' END,"
                    + " ip.ip, [443, 80, 445, 3389, 53, 22, 8080, 135][(((g.h >> 30) % 8) + 1)::BIGINT], url.url,"
                    + " CASE WHEN (g.h >> 35) % 10 = 0 THEN 'Udp' ELSE 'Tcp' END"
                    + " FROM (SELECT hash(i) AS h FROM range(" + rows + ") r(i)) g"
                    + " JOIN dev ON dev.k = (g.h >> 8) % 5000 JOIN ip ON ip.k = (g.h >> 40) % 65536"
                    + " JOIN url ON url.k = CASE WHEN (g.h >> 12) % 50 = 0 THEN (g.h >> 45) % 200 ELSE 200 + (g.h >> 45) % 4800 END");
            st.execute("CHECKPOINT");
        }
    }

    /** Median of 200 compilations after 50 to warm up, in milliseconds. */
    private static double compileMillis(String kql, CompileOptions options) {
        for (int i = 0; i < 50; i++) {
            KqlCompiler.compile(kql, options);
        }
        long[] t = new long[200];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            KqlCompiler.compile(kql, options);
            t[i] = System.nanoTime() - t0;
        }
        return median(t) / 1e6;
    }

    private static long time(Connection c, String sql, List<Object> params) throws Exception {
        long t0 = System.nanoTime();
        query(c, sql, params);
        return System.nanoTime() - t0;
    }

    private static List<List<Object>> query(Connection c, String sql, List<Object> params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        Object v = rs.getObject(i + 1);
                        row[i] = v instanceof Number num ? (Object) num.longValue() : v == null ? null : v.toString();
                    }
                    rows.add(Arrays.asList(row));
                }
            }
            return rows;
        }
    }

    /** Same rows in the same order, cells compared by value (column names and order of columns may differ). */
    private static boolean sameRows(List<List<Object>> a, List<List<Object>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            List<Object> x = new ArrayList<>(a.get(i));
            List<Object> y = new ArrayList<>(b.get(i));
            x.sort(java.util.Comparator.comparing(String::valueOf));
            y.sort(java.util.Comparator.comparing(String::valueOf));
            if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    private static String head(List<List<Object>> rows) {
        return rows.stream().limit(3).toList().toString();
    }

    private static double median(long[] t) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static double medianOf(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
