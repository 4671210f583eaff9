package dev.rampart.kql.conformance;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.OutputColumn;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs reference cases through the compiler and an engine and compares the results with the printed tables. The
 * engine is the caller's (an in-memory DuckDB in tests, the event store in the portal), so this module stays free
 * of JDBC.
 */
public final class Conformance {

    /** Executes compiled SQL; rows as the engine returns them, in SELECT column order. */
    @FunctionalInterface
    public interface Engine {
        List<List<Object>> run(CompiledQuery query) throws Exception;
    }

    public enum Stage { COMPILE, EXECUTE, COMPARE, PASSED }

    /**
     * @param reason grouping key of a failure (the compiler's feature tag or error code, the mismatch kind)
     * @param actualColumns/actualRows what came back, when the query ran
     */
    public record Outcome(ConformanceCase c, Stage stage, String reason, String detail, List<String> actualColumns,
                          List<List<Object>> actualRows) {
        public boolean passed() {
            return stage == Stage.PASSED;
        }
    }

    public record Report(List<Outcome> outcomes) {
        public int total() {
            return outcomes.size();
        }

        public long count(Stage atLeast) {
            return outcomes.stream().filter(o -> o.stage().ordinal() >= atLeast.ordinal()).count();
        }

        public int passed() {
            return (int) count(Stage.PASSED);
        }

        /** Compile errors flagged INTERNAL are compiler defects, whatever the query. */
        public List<Outcome> crashes() {
            return outcomes.stream().filter(o -> o.stage() == Stage.COMPILE && o.reason().equals(ErrorCode.INTERNAL.name())).toList();
        }

        public Map<String, Integer> reasons() {
            Map<String, Integer> m = new TreeMap<>();
            outcomes.stream().filter(o -> !o.passed()).forEach(o -> m.merge(o.stage().name().toLowerCase() + ": " + o.reason(), 1, Integer::sum));
            return m;
        }

        /**
         * Each failure with expected vs actual (when {@code listFailures}), the reasons by count, and last
         * {@code conformance: passed X/N}.
         */
        public void print(PrintStream out, boolean listFailures) {
            if (listFailures) {
                for (Outcome o : outcomes) {
                    if (!o.passed()) {
                        printFailure(o, out);
                    }
                }
            }
            out.println("failures by reason:");
            reasons().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                    .forEach(e -> out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
            long suspected = outcomes.stream().filter(o -> !o.passed() && o.c().docErrorSuspected()).count();
            out.printf("compiled %d/%d executed %d/%d; %d failures are cases whose printed output is suspected wrong%n",
                    count(Stage.EXECUTE), total(), count(Stage.COMPARE), total(), suspected);
            out.println("conformance: passed " + passed() + "/" + total());
        }

        private static void printFailure(Outcome o, PrintStream out) {
            out.println("FAIL " + o.c().id() + " [" + o.stage().name().toLowerCase() + ": " + o.reason() + "] " + o.detail());
            if (o.stage() != Stage.COMPARE || o.actualRows() == null) {
                return;
            }
            out.println("  expected " + o.c().columns());
            o.c().rows().stream().limit(5).forEach(r -> out.println("           " + r));
            if (o.c().rows().size() > 5) {
                out.println("           ... " + o.c().rows().size() + " rows");
            }
            out.println("  actual   " + o.actualColumns());
            o.actualRows().stream().limit(5).forEach(r -> out.println("           " + ResultCheck.show(r)));
            if (o.actualRows().size() > 5) {
                out.println("           ... " + o.actualRows().size() + " rows");
            }
        }
    }

    private Conformance() {
    }

    public static Report run(List<ConformanceCase> cases, CompileOptions options, Engine engine) {
        List<Outcome> outcomes = new ArrayList<>(cases.size());
        for (ConformanceCase c : cases) {
            outcomes.add(run(c, options, engine));
        }
        return new Report(outcomes);
    }

    public static Outcome run(ConformanceCase c, CompileOptions options, Engine engine) {
        CompiledQuery q;
        try {
            q = KqlCompiler.compile(c.query(), options);
        } catch (KqlException e) {
            return new Outcome(c, Stage.COMPILE, e.diagnostic().feature().orElse(e.code().name()), e.getMessage(), null, null);
        }
        List<String> columns = q.columns().stream().map(OutputColumn::name).toList();
        List<List<Object>> rows;
        try {
            rows = engine.run(q);
        } catch (Exception e) {
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return new Outcome(c, Stage.EXECUTE, errorClass(msg), msg, columns, null);
        }
        List<List<Object>> cells = dynamicNumbers(q.columns(), rows);
        Optional<ResultCheck.Mismatch> m = ResultCheck.compare(c, columns, cells);
        for (ConformanceCase.Table alt : c.alternatives()) {
            if (m.isPresent() && ResultCheck.compare(c.expecting(alt), columns, cells).isEmpty()) {
                m = Optional.empty();
            }
        }
        if (m.isPresent()) {
            return new Outcome(c, Stage.COMPARE, m.get().kind(), m.get().detail(), columns, cells);
        }
        return additionalTables(c, q, engine).orElseGet(() -> new Outcome(c, Stage.PASSED, "", "", columns, cells));
    }

    /**
     * A case that prints further tables (several statements, fork) expects as many further results, each compared
     * like the first; a case without them does not look at the query's other results.
     */
    private static Optional<Outcome> additionalTables(ConformanceCase c, CompiledQuery q, Engine engine) {
        List<ConformanceCase.Table> expected = c.additionalTables();
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        if (q.additionalResults().size() != expected.size()) {
            return Optional.of(new Outcome(c, Stage.COMPARE, "table count", (expected.size() + 1) + " result tables expected, "
                    + (q.additionalResults().size() + 1) + " returned", null, null));
        }
        for (int i = 0; i < expected.size(); i++) {
            CompiledQuery more = q.additionalResults().get(i);
            String which = "table " + (i + 2) + ": ";
            List<String> columns = more.columns().stream().map(OutputColumn::name).toList();
            List<List<Object>> rows;
            try {
                rows = engine.run(more);
            } catch (Exception e) {
                String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                return Optional.of(new Outcome(c, Stage.EXECUTE, errorClass(msg), which + msg, columns, null));
            }
            List<List<Object>> cells = dynamicNumbers(more.columns(), rows);
            // The outcome holds the case as this table's check, so a failure lists this table's expected rows.
            ConformanceCase table = c.expecting(expected.get(i));
            Optional<ResultCheck.Mismatch> m = ResultCheck.compare(table, columns, cells);
            if (m.isPresent()) {
                return Optional.of(new Outcome(table, Stage.COMPARE, m.get().kind(), which + m.get().detail(), columns, cells));
            }
        }
        return Optional.empty();
    }

    /**
     * A dynamic cell holding a bare number comes back as JSON text ({@code 118.0}); as a number it compares
     * by value with the page's {@code 118}, like numbers inside arrays and bags do.
     */
    static List<List<Object>> dynamicNumbers(List<OutputColumn> columns, List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>(row);
            for (int i = 0; i < r.size() && i < columns.size(); i++) {
                if (columns.get(i).type() == dev.rampart.kql.schema.KqlType.DYNAMIC && r.get(i) instanceof String s
                        && !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) {
                    try {
                        if (dev.rampart.kql.analyzer.JsonLines.read(s) instanceof Number n) {
                            r.set(i, n);
                        }
                    } catch (RuntimeException notJson) {
                        // left as text
                    }
                }
            }
            out.add(r);
        }
        return out;
    }

    /** "Binder Error: Referenced column ..." → "Binder Error". */
    static String errorClass(String msg) {
        String m = msg.replaceFirst("^The event store could not run the query: ", "");
        int colon = m.indexOf(':');
        return colon > 0 && colon < 40 ? m.substring(0, colon) : "error";
    }
}
