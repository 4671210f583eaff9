package dev.rampart.portal.hunting;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * {@code kql-corpus DIR [--list]}: compiles every {@code .kql} file under DIR and runs the SQL on this data
 * directory's event store (read-only, 60 s each). Ends with {@code kql-corpus: passed X/N} where passed = ran
 * without error; the compile share and the most frequent reasons are printed above it.
 */
@Component
class KqlCorpusCommand implements Command {
    private final QueryExecutor executor;

    KqlCorpusCommand(QueryExecutor executor) {
        this.executor = executor;
    }

    @Override
    public String name() {
        return "kql-corpus";
    }

    @Override
    public String usage() {
        return "DIR [--list]  compile and run every .kql file under DIR on the event store";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty()) {
            out.println("kql-corpus: usage: kql-corpus DIR [--list]");
            return 2;
        }
        Path dir = Path.of(args.get(0));
        if (!Files.isDirectory(dir)) {
            out.println("kql-corpus: no directory " + dir);
            return 2;
        }
        boolean list = args.contains("--list");
        List<Path> files;
        try (Stream<Path> st = Files.walk(dir)) {
            files = st.filter(p -> p.toString().endsWith(".kql")).sorted().toList();
        }
        CompileOptions opts = CompileOptions.defaults(Instant.now()).withRowLimit(1000);
        int compiled = 0;
        int ran = 0;
        Map<String, Integer> compileReasons = new TreeMap<>();
        Map<String, Integer> runReasons = new TreeMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (Path f : files) {
            String key = dir.relativize(f).toString();
            CompiledQuery q;
            try {
                q = KqlCompiler.compile(Files.readString(f, StandardCharsets.UTF_8), opts);
                compiled++;
            } catch (KqlException e) {
                compileReasons.merge(e.diagnostic().feature().orElse(e.code().name()), 1, Integer::sum);
                failures.put(key, "compile: " + e.getMessage());
                continue;
            }
            try {
                List<OutputColumn> cols = q.columns().stream().map(c -> new OutputColumn(c.name(), c.type())).toList();
                executor.run(q.sql(), q.parameters(), cols, 1000, Duration.ofSeconds(60), null);
                ran++;
            } catch (RuntimeException e) {
                String msg = String.valueOf(e.getMessage());
                runReasons.merge(reason(msg), 1, Integer::sum);
                failures.put(key, "run: " + msg);
            }
        }
        if (list) {
            failures.forEach((k, v) -> out.println(k + "\t" + v));
        }
        out.println("compile failures by reason:");
        top(compileReasons, out);
        out.println("run failures by reason:");
        top(runReasons, out);
        int n = files.size();
        out.printf("kql-corpus: compiled %d/%d (%.1f%%), ran %d/%d (%.1f%%) in %.1f s%n", compiled, n, pct(compiled, n), ran, n,
                pct(ran, n), (System.nanoTime() - t0) / 1e9);
        out.println("kql-corpus: passed " + ran + "/" + n);
        return 0;
    }

    private static double pct(int a, int n) {
        return n == 0 ? 0 : 100.0 * a / n;
    }

    /** The error class of a DuckDB message ("Binder Error: ..." → "Binder Error: <first words>"). */
    private static String reason(String msg) {
        String m = msg.replaceFirst("^The event store could not run the query: ", "");
        int colon = m.indexOf(':');
        String head = colon > 0 ? m.substring(0, colon) : m;
        String rest = colon > 0 ? m.substring(colon + 1).trim() : "";
        String[] words = rest.split("\\s+");
        return head + ": " + String.join(" ", java.util.Arrays.copyOf(words, Math.min(4, words.length))).replaceAll("\"[^\"]*\"", "\"…\"");
    }

    private static void top(Map<String, Integer> reasons, PrintStream out) {
        reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(e -> out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
    }
}
