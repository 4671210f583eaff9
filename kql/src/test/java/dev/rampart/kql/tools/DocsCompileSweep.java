package dev.rampart.kql.tools;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Compiles every {@code kusto} example block of the KQL reference pages (a local git mirror of the public docs
 * repository) against the docs' sample tables plus the hunting schema, and prints the failures grouped by reason.
 * Blocks outside what this compiler means to accept (management commands, other clusters, placeholders, external
 * language plugins) are counted apart as skipped, so the remaining failures are the language gaps.
 *
 * <p>Usage: {@code DocsCompileSweep [MIRROR_DIR] [--list]}.
 */
public final class DocsCompileSweep {
    public static final Path DEFAULT_MIRROR = Path.of("/work/.mirror/MicrosoftDocs+dataexplorer-docs/repo");
    private static final String PAGES = "data-explorer/kusto/query/";

    /** One example: page path, ordinal of the block on its page, text. */
    public record Example(String page, int index, String text) {
        public String id() {
            return page.substring(PAGES.length()) + "#" + index;
        }
    }

    /** {@code skipped}: why each skipped example is out of scope; {@code failures}: example id to message. */
    public record Result(int passed, int total, Map<String, String> skipped, Map<String, String> failures,
                         Map<String, List<String>> byReason) {
    }

    private DocsCompileSweep() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path mirror = args.length > 0 && !args[0].startsWith("--") ? Path.of(args[0]) : DEFAULT_MIRROR;
        boolean list = List.of(args).contains("--list");
        Result r = run(examples(mirror));
        print(r, list);
    }

    public static boolean available(Path mirror) {
        return Files.isDirectory(mirror.resolve(".git")) || Files.isRegularFile(mirror.resolve("HEAD"));
    }

    public static List<Example> examples(Path mirror) throws IOException, InterruptedException {
        List<Example> out = new ArrayList<>();
        for (String page : git(mirror, "ls-tree", "-r", "--name-only", "HEAD", PAGES).split("\n")) {
            if (!page.endsWith(".md")) {
                continue;
            }
            int i = 0;
            for (String block : kustoBlocks(git(mirror, "show", "HEAD:" + page))) {
                out.add(new Example(page, i++, block));
            }
        }
        return out;
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*(\\S*)\\s*$");

    /** A fenced code block: its language tag (lower case), its text, and the line index of its closing fence. */
    record Fence(String lang, String body, int end) {
        boolean kusto() {
            return lang.equals("kusto") || lang.equals("kql");
        }
    }

    /** Every fenced block with a language tag, in page order, with the fence's indentation removed from its lines. */
    static List<Fence> fences(String[] lines) {
        List<Fence> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            var m = FENCE.matcher(lines[i]);
            if (!m.matches() || m.group(2).isEmpty()) {
                continue;
            }
            int indent = m.group(1).length();
            StringBuilder body = new StringBuilder();
            int j = i + 1;
            for (; j < lines.length && !lines[j].trim().equals("```"); j++) {
                String l = lines[j];
                int cut = 0;
                while (cut < indent && cut < l.length() && Character.isWhitespace(l.charAt(cut))) {
                    cut++;
                }
                body.append(l.substring(cut)).append('\n');
            }
            out.add(new Fence(m.group(2).toLowerCase(), body.toString(), j));
            i = j;
        }
        return out;
    }

    /** The bodies of the ```kusto fences of a markdown page, with the fence's indentation removed. */
    static List<String> kustoBlocks(String markdown) {
        return fences(markdown.split("\r?\n", -1)).stream().filter(Fence::kusto).map(Fence::body).toList();
    }

    private static final List<Map.Entry<Pattern, String>> SKIPS = List.of(
            Map.entry(Pattern.compile("(?m)^\\s*\\.[a-z]"), "management command"),
            Map.entry(Pattern.compile("\\b(cluster|database)\\s*\\("), "cross-cluster/database reference"),
            Map.entry(Pattern.compile("<[A-Za-z][^<>\\n]*>|\\[\\s*[A-Za-z][^\\]\\n]*\\|\\s*[A-Za-z]|\\.\\.\\.|\\*[A-Z][A-Za-z]*\\*"),
                    "syntax placeholder"),
            Map.entry(Pattern.compile("\\b(python|r)\\s*\\("), "python/R plugin"),
            Map.entry(Pattern.compile("\\bgraph\\s*\\(\\s*['\"]"),
                    "graph persistent model"),
            Map.entry(Pattern.compile("\\b(ai_[a-z_]+|sql_request|http_request(_post)?|cosmosdb_sql_request|mysql_request|postgresql_request|azure_digital_twins_query_request)\\b"),
                    "external service plugin"));

    public static Result run(List<Example> examples) {
        CompileOptions opts = CompileOptions.defaults(Instant.parse("2025-01-01T00:00:00Z")).withSchema(schema())
                .withDefaultWindow(null).withRowLimit(0);
        Map<String, String> skipped = new TreeMap<>();
        Map<String, String> failures = new TreeMap<>();
        Map<String, List<String>> byReason = new TreeMap<>();
        int passed = 0;
        int total = 0;
        for (Example ex : examples) {
            String why = skipReason(ex.text());
            if (why != null) {
                skipped.put(ex.id(), why);
                continue;
            }
            total++;
            try {
                KqlCompiler.compile(ex.text(), opts);
                passed++;
            } catch (KqlException e) {
                String msg = e.getMessage();
                String notQuery = notAQuery(msg);
                if (notQuery != null) {
                    total--;
                    skipped.put(ex.id(), notQuery);
                    continue;
                }
                failures.put(ex.id(), msg);
                byReason.computeIfAbsent(reasonKey(msg), k -> new ArrayList<>()).add(ex.id());
            } catch (RuntimeException e) {
                failures.put(ex.id(), "CRASH " + e);
                byReason.computeIfAbsent("CRASH " + e.getClass().getSimpleName(), k -> new ArrayList<>()).add(ex.id());
            }
        }
        return new Result(passed, total, skipped, failures, byReason);
    }

    // Placeholders are looked for outside string literals: a regex such as (?P<first>...) is real text.
    private static final Pattern STRING_LITERAL = Pattern.compile("@?'(?:[^'\\\\\\n]|\\\\.)*'|@?\"(?:[^\"\\\\\\n]|\\\\.)*\"");

    // Generic names the reference uses for "any table" without describing its columns.
    private static final Pattern GENERIC_TABLE = Pattern.compile(
            "^Unknown table '(T|Table|Table1|Table2|MyTable|MyLogTable|Dataset1|FactTable|customer|orders|leftSide|Query|Polygons|Data)'");

    /** Blocks that are not whole queries: a bare scalar expression, declarations without a query, a generic table. */
    static String notAQuery(String msg) {
        if (msg.startsWith("Expected a table but found") && msg.contains("(line 1, column 1)")) {
            return "bare scalar expression";
        }
        if (msg.startsWith("Expected '|' or ';' but found") && msg.contains(", column 1)")) {
            return "bare scalar expressions, one a line";
        }
        if (msg.startsWith("Expected a tabular expression but found end of query")) {
            return "declarations without a query";
        }
        if (GENERIC_TABLE.matcher(msg).find()) {
            return "generic table without columns";
        }
        return null;
    }

    static String skipReason(String text) {
        String code = STRING_LITERAL.matcher(text).replaceAll("''");
        for (var s : SKIPS) {
            if (s.getKey().matcher(code).find()) {
                return s.getValue();
            }
        }
        return null;
    }

    /** The message without its position, so failures with the same cause group together. */
    private static String reasonKey(String msg) {
        String first = msg.split("\n", 2)[0];
        return first.replaceFirst("^\\d+:\\d+:?\\s*", "").replaceAll("line \\d+, column \\d+", "");
    }

    /** The hunting tables plus the docs' sample tables (which win on a name clash). */
    public static Schema schema() {
        Map<String, Table> m = new LinkedHashMap<>();
        HuntingSchema.get().tables().forEach(t -> m.put(t.name(), t));
        DocsSampleTables.all().forEach(t -> m.put(t.name(), t));
        return new Schema(new ArrayList<>(m.values()));
    }

    static void print(Result r, boolean list) {
        System.out.println("docs-compile: passed " + r.passed() + "/" + r.total() + " (skipped " + r.skipped().size() + ")");
        Map<String, Integer> skipCounts = new TreeMap<>();
        r.skipped().values().forEach(v -> skipCounts.merge(v, 1, Integer::sum));
        skipCounts.forEach((k, v) -> System.out.println("  skipped " + v + " " + k));
        List<Map.Entry<String, List<String>>> groups = new ArrayList<>(r.byReason().entrySet());
        groups.sort((a, b) -> b.getValue().size() - a.getValue().size());
        for (var g : groups) {
            System.out.println(String.format("%4d  %s", g.getValue().size(), g.getKey()));
            if (list) {
                g.getValue().forEach(id -> System.out.println("        " + id + "  " + r.failures().get(id).split("\n", 2)[0]));
            }
        }
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(buf);
        }
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed");
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
