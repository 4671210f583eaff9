package dev.rampart.portal.hunting;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.ExternalDataSource;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.analyzer.ExternalData;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.parser.Parser;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.demo.DemoLoader;
import dev.rampart.portal.demo.DemoOptions;
import dev.rampart.portal.demo.DemoScale;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * {@code hunt-corpus DIR [--no-demo] [--timeout=SECONDS]}: the hunting-language acceptance harness. Every {@code .kql}
 * file under DIR is parsed, compiled against this data directory's event store schema (30-day window, as in the
 * portal) and run on the store (read-only, as the hunting page runs it). One tab-separated line per file: file,
 * the stage it stopped at ({@code parse}, {@code compile}, {@code execute}; {@code ok} when it ran), rows, ms, first
 * error. Then the failure reasons by count, and last {@code parsed P/N compiled C/N executed E/N external X}.
 *
 * <p>A query whose only failure is an externaldata file that is not served offline (not in the external-data folder
 * nor allow-listed) is counted in X and not in C or E: it is compiled and run again with every such file standing in
 * empty, and only if that succeeds. An empty event store gets the small demo organisation first (said so in the
 * output; {@code --no-demo} runs on the empty store instead).
 */
@Component
class HuntCorpusCommand implements Command {
    private static final ExternalDataSource EMPTY_FILES = uri -> Optional.of(new byte[0]);
    private static final int MAX_ROWS = 10_000;

    private final QueryExecutor executor;
    private final EventStore events;
    private final ExternalDataFiles externalData;
    private final DemoLoader demo;

    HuntCorpusCommand(QueryExecutor executor, EventStore events, ExternalDataFiles externalData, DemoLoader demo) {
        this.executor = executor;
        this.events = events;
        this.externalData = externalData;
        this.demo = demo;
    }

    @Override
    public String name() {
        return "hunt-corpus";
    }

    @Override
    public String usage() {
        return "DIR [--no-demo] [--timeout=60]  parse, compile and run every .kql file under DIR on the event store";
    }

    /** How far one file got; {@code stage} is where it stopped, or ok. */
    record FileResult(String file, String stage, int rows, long millis, String error, String reason, boolean external) {
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        Path dir = null;
        boolean loadDemo = true;
        Duration timeout = Duration.ofSeconds(60);
        for (String a : args) {
            if (a.equals("--no-demo")) {
                loadDemo = false;
            } else if (a.startsWith("--timeout=")) {
                try {
                    timeout = Duration.ofSeconds(Long.parseLong(a.substring(10)));
                } catch (NumberFormatException e) {
                    out.println("hunt-corpus: --timeout takes whole seconds, got '" + a.substring(10) + "'");
                    return 2;
                }
            } else if (a.startsWith("-") || dir != null) {
                out.println("hunt-corpus: unexpected argument " + a + "; usage: hunt-corpus " + usage());
                return 2;
            } else {
                dir = Path.of(a);
            }
        }
        if (dir == null || !Files.isDirectory(dir)) {
            out.println("hunt-corpus: " + (dir == null ? "no DIR given" : "no directory " + dir) + "; usage: hunt-corpus " + usage());
            return 2;
        }
        if (demo.storeIsEmpty()) {
            if (loadDemo) {
                out.println("hunt-corpus: the event store is empty; loading the small demo organisation first");
                out.println(demo.load(new DemoOptions(DemoScale.SMALL, DemoOptions.DEFAULT_SEED, null)).line());
            } else {
                out.println("hunt-corpus: the event store is empty; queries run on no rows");
            }
        }
        List<Path> files;
        try (Stream<Path> st = Files.walk(dir)) {
            files = st.filter(p -> p.toString().endsWith(".kql") && Files.isRegularFile(p)).sorted().toList();
        }
        CompileOptions options = CompileOptions.defaults(Instant.now()).withSchema(events.schema())
                .withRowLimit(MAX_ROWS + 1L).withExternalData(externalData).withBagKeys(executor.bagKeys(timeout, null));
        int parsed = 0;
        int compiled = 0;
        int executed = 0;
        int external = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        long t0 = System.nanoTime();
        for (Path f : files) {
            FileResult r = runOne(dir.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8), options, timeout);
            out.println(String.join("\t", r.file(), r.stage(), String.valueOf(r.rows()), String.valueOf(r.millis()), r.error()));
            if (r.external()) {
                external++;
            } else if (!r.stage().equals("ok")) {
                reasons.merge(r.stage() + ": " + r.reason(), 1, Integer::sum);
            }
            parsed += r.stage().equals("parse") ? 0 : 1;
            compiled += !r.external() && (r.stage().equals("execute") || r.stage().equals("ok")) ? 1 : 0;
            executed += !r.external() && r.stage().equals("ok") ? 1 : 0;
        }
        int n = files.size();
        out.println("failures by reason:");
        reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                .forEach(e -> out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
        out.printf("hunt-corpus: %.1f s; executed %.1f%% of the %d queries not waiting for an externaldata file, parsed %.1f%%%n",
                (System.nanoTime() - t0) / 1e9, pct(executed, n - external), n - external, pct(parsed, n));
        out.printf("parsed %d/%d compiled %d/%d executed %d/%d external %d%n", parsed, n, compiled, n, executed, n, external);
        return 0;
    }

    FileResult runOne(String file, String text, CompileOptions options, Duration timeout) {
        long t0 = System.nanoTime();
        try {
            Parser.parse(text);
        } catch (KqlException e) {
            return new FileResult(file, "parse", 0, ms(t0), oneLine(e.getMessage()), compileReason(e), false);
        } catch (RuntimeException | StackOverflowError e) {
            return new FileResult(file, "parse", 0, ms(t0), "internal error: " + e.getClass().getSimpleName(), "INTERNAL", false);
        }
        CompiledQuery q;
        boolean external = false;
        String externalError = null;
        try {
            q = KqlCompiler.compile(text, options);
        } catch (QueryExecutor.QueryTimeoutException | IllegalStateException probe) {
            // Reading bag_unpack's keys ran on the store: a failure there is the query's execution failing.
            String msg = oneLine(String.valueOf(probe.getMessage()));
            return new FileResult(file, "execute", 0, ms(t0), msg, executeReason(msg), false);
        } catch (KqlException e) {
            if (!e.diagnostic().feature().filter(ExternalData.NOT_ALLOWED::equals).isPresent()) {
                return new FileResult(file, "compile", 0, ms(t0), oneLine(e.getMessage()), compileReason(e), false);
            }
            // Only the file is missing if the query compiles and runs once every unserved file stands in empty.
            external = true;
            externalError = oneLine(e.getMessage());
            try {
                q = KqlCompiler.compile(text, options.withExternalData(uri -> {
                    Optional<byte[]> real = externalData.fetch(uri);
                    return real.isPresent() ? real : EMPTY_FILES.fetch(uri);
                }));
            } catch (KqlException again) {
                return new FileResult(file, "compile", 0, ms(t0), oneLine(again.getMessage()), compileReason(again), false);
            } catch (QueryExecutor.QueryTimeoutException | IllegalStateException probe) {
                String msg = oneLine(String.valueOf(probe.getMessage()));
                return new FileResult(file, "execute", 0, ms(t0), msg, executeReason(msg), false);
            }
        }
        List<OutputColumn> cols = q.columns().stream().map(c -> new OutputColumn(c.name(), c.type())).toList();
        QueryExecutor.Result result;
        try {
            result = executor.run(q.sql(), q.parameters(), cols, MAX_ROWS, timeout, null);
        } catch (RuntimeException e) {
            String msg = oneLine(String.valueOf(e.getMessage()));
            return new FileResult(file, "execute", 0, ms(t0), msg, executeReason(msg), false);
        }
        if (external) {
            return new FileResult(file, "compile", 0, ms(t0), externalError, "externaldata not available offline", true);
        }
        return new FileResult(file, "ok", result.rows().size(), ms(t0), "", "", false);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static double pct(int a, int n) {
        return n == 0 ? 0 : 100.0 * a / n;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ").trim();
    }

    /** The compiler's feature tag (op:scan, fn:strcmp...) or its error code. */
    private static String compileReason(KqlException e) {
        return e.diagnostic().feature().orElse(e.code().name());
    }

    /** The class of a DuckDB error and its first words, quoted names elided ("Binder Error: Referenced column "…" not"). */
    static String executeReason(String msg) {
        String m = msg.replaceFirst("^The event store could not run the query: ", "");
        int colon = m.indexOf(':');
        if (colon < 0 || colon > 40) {
            return m.length() > 60 ? m.substring(0, 60) : m;
        }
        String[] words = m.substring(colon + 1).trim().split("\\s+");
        return m.substring(0, colon) + ": " + String.join(" ", java.util.Arrays.copyOf(words, Math.min(4, words.length)))
                .replaceAll("\"[^\"]*\"", "\"…\"");
    }

    /** The harness's earlier name, kept so existing scripts keep working. */
    @Component
    static class KqlCorpusAlias implements Command {
        private final HuntCorpusCommand target;

        KqlCorpusAlias(HuntCorpusCommand target) {
            this.target = target;
        }

        @Override
        public String name() {
            return "kql-corpus";
        }

        @Override
        public String usage() {
            return "DIR ...  same as hunt-corpus";
        }

        @Override
        public int run(List<String> args, PrintStream out) throws Exception {
            return target.run(args, out);
        }
    }
}
