package dev.rampart.kql.tools;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.analyzer.ExternalData;
import dev.rampart.kql.diagnostics.KqlException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compiles every {@code .kql} file under a directory and prints {@code kql-compile: passed X/N} with the
 * most common failure reasons, to steer what the compiler learns next. Queries that fail only because
 * their externaldata file is not served offline are counted apart.
 */
public final class CorpusCheck {
    /** {@code external}: queries that compile once their externaldata files are served (counted apart, not in passed). */
    public record Summary(int passed, int total, int external, Map<String, Integer> reasons, Map<String, String> failures) {
    }

    private CorpusCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CorpusCheck DIR [--list]");
            System.exit(2);
        }
        Summary s = run(Path.of(args[0]));
        print(s, System.out, 25);
        if (args.length > 1 && args[1].equals("--list")) {
            s.failures().forEach((f, why) -> System.out.println(f + "\t" + why));
        }
    }

    public static Summary run(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> st = Files.walk(dir)) {
            files = st.filter(p -> p.toString().endsWith(".kql")).sorted().toList();
        }
        CompileOptions opts = CompileOptions.defaults(Instant.parse("2025-01-01T00:00:00Z"));
        Map<String, Integer> reasons = new HashMap<>();
        Map<String, String> failures = new java.util.TreeMap<>();
        // Stands in for the files the corpus reads from the internet: same schema, no rows.
        CompileOptions served = opts.withExternalData(uri -> java.util.Optional.of(new byte[0]));
        int passed = 0;
        int external = 0;
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String key = dir.relativize(f).toString();
            try {
                KqlCompiler.compile(text, opts);
                passed++;
            } catch (KqlException e) {
                if (e.diagnostic().feature().filter(ExternalData.NOT_ALLOWED::equals).isPresent() && compiles(text, served)) {
                    external++;
                    failures.put(key, "EXTERNAL " + e.getMessage());
                    continue;
                }
                String reason = e.diagnostic().feature().orElse(e.code().name());
                reasons.merge(reason, 1, Integer::sum);
                failures.put(key, e.getMessage());
            } catch (RuntimeException e) {
                reasons.merge("CRASH:" + e.getClass().getSimpleName(), 1, Integer::sum);
                failures.put(key, "CRASH " + e);
            }
        }
        return new Summary(passed, files.size(), external, reasons, failures);
    }

    private static boolean compiles(String text, CompileOptions opts) {
        try {
            KqlCompiler.compile(text, opts);
            return true;
        } catch (KqlException e) {
            return false;
        }
    }

    public static void print(Summary s, PrintStream out, int top) {
        out.println("kql-compile: passed " + s.passed() + "/" + s.total() + " (external " + s.external()
                + ": compile once their externaldata file is served)");
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(s.reasons().entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        for (int i = 0; i < Math.min(top, sorted.size()); i++) {
            out.println(String.format("  %4d  %s", sorted.get(i).getValue(), sorted.get(i).getKey()));
        }
    }
}
