package dev.rampart.kql.tools;

import dev.rampart.kql.DuckDb;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.conformance.Conformance;
import dev.rampart.kql.conformance.ConformanceCase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs every self-contained {@code kusto} example of the KQL reference pages that the page follows with an output
 * table, and compares the result with that table (column names, then rows as a multiset). Examples reading stored
 * tables are skipped. Meant to find wrong results the compile-only sweep cannot see; the pages' own mistakes show up
 * too, so a failure is a lead to read, not a verdict. The functions library ({@code --root}) shows one output for an
 * example's query-defined and stored forms; the query-defined one is the case.
 *
 * <p>Usage: {@code DocsResultSweep [MIRROR_DIR] [--root PAGES_DIR] [--skip-ids FILE.jsonl] [--page PREFIX]}.
 */
public final class DocsResultSweep {
    public static final String QUERY_PAGES = "data-explorer/kusto/query/";
    public static final String FUNCTIONS_LIBRARY = "data-explorer/kusto/functions-library/";

    private DocsResultSweep() {
    }

    public static void main(String[] args) throws Exception {
        Path mirror = DocsCompileSweep.DEFAULT_MIRROR;
        Set<String> skipIds = Set.of();
        String pagePrefix = "";
        String root = QUERY_PAGES;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--skip-ids" -> skipIds = idsOf(Path.of(args[++i]));
                case "--page" -> pagePrefix = args[++i];
                case "--root" -> root = args[++i];
                default -> mirror = Path.of(args[i]);
            }
        }
        String prefix = pagePrefix;
        Set<String> skip = skipIds;
        List<ConformanceCase> cases = cases(mirror, root).stream()
                .filter(c -> !skip.contains(c.id()) && c.id().startsWith(prefix.replace('/', '-'))).toList();
        run(cases).print(System.out, true);
    }

    /**
     * Runs the cases on DuckDB; examples that read a stored table (the docs' sample database) are left out of the
     * report, since only the self-contained ones can run here.
     */
    public static Conformance.Report run(List<ConformanceCase> cases) throws Exception {
        Conformance.Report report;
        try (DuckDb db = new DuckDb(TestSupport.schema())) {
            report = Conformance.run(cases, TestSupport.options().withBagKeys(db::keys), db::run);
        }
        return new Conformance.Report(report.outcomes().stream()
                .filter(o -> !(o.stage() == Conformance.Stage.COMPILE && o.detail().startsWith("Unknown table"))).toList());
    }

    private static Set<String> idsOf(Path jsonl) throws IOException {
        Set<String> ids = new java.util.HashSet<>();
        for (ConformanceCase c : ConformanceCase.read(jsonl)) {
            ids.add(c.id());
        }
        return ids;
    }

    private static String slug(String root, String page) {
        return page.substring(root.length()).replaceAll("\\.md$", "").replace('/', '-');
    }

    /**
     * Every kusto block of the pages under {@code root} that the page follows with an output table, as a case with id
     * {@code <page-slug>-<n>} (n counts the page's kusto blocks from 1), minus blocks outside the compiler's scope.
     */
    public static List<ConformanceCase> cases(Path mirror, String root) throws IOException, InterruptedException {
        List<ConformanceCase> out = new ArrayList<>();
        for (String page : git(mirror, "ls-tree", "-r", "--name-only", "HEAD", root).split("\n")) {
            if (!page.endsWith(".md")) {
                continue;
            }
            String[] lines = git(mirror, "show", "HEAD:" + page).split("\r?\n", -1);
            int ordinal = 0;
            for (DocsCompileSweep.Fence f : DocsCompileSweep.fences(lines)) {
                if (!f.kusto()) {
                    continue;
                }
                ordinal++;
                List<List<String>> table = tableAfter(lines, f.end() + 1);
                if (table.size() >= 2 && DocsCompileSweep.skipReason(f.body()) == null) {
                    out.add(toCase(slug(root, page) + "-" + ordinal, f.body(), table.get(0), table.subList(1, table.size())));
                }
            }
        }
        return out;
    }

    /**
     * The one-cell cases the pages state in tables: each row of an "Example (yields true)" column as
     * {@code print result = <example>} expecting true, and each row of a two-column expression | result table
     * (gettype, week_of_year, treepath, countof, translate, the logical and numerical operators pages).
     */
    public static List<ConformanceCase> tableRowCases(Path mirror, String root) throws IOException, InterruptedException {
        List<ConformanceCase> out = new ArrayList<>();
        for (String page : git(mirror, "ls-tree", "-r", "--name-only", "HEAD", root).split("\n")) {
            if (!page.endsWith(".md")) {
                continue;
            }
            String[] lines = git(mirror, "show", "HEAD:" + page).split("\r?\n", -1);
            int n = 0;
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].trim().startsWith("|") || (i > 0 && lines[i - 1].trim().startsWith("|"))) {
                    continue;
                }
                List<String> header = cells(lines[i]);
                int yields = -1;
                for (int h = 0; h < header.size(); h++) {
                    if (header.get(h).toLowerCase().startsWith("example (yields")) {
                        yields = h;
                    }
                }
                boolean expressionTable = header.size() >= 2 && EXPRESSION_HEADERS.contains(header.get(0).toLowerCase())
                        && RESULT_HEADERS.contains(header.get(1).toLowerCase());
                if (yields < 0 && !expressionTable) {
                    continue;
                }
                for (int j = i + 1; j < lines.length && lines[j].trim().startsWith("|"); j++) {
                    if (lines[j].matches("\\s*\\|?\\s*:?-{2,}.*")) {
                        continue;
                    }
                    List<String> row = cells(lines[j]);
                    String expr = yields >= 0 ? (row.size() > yields ? row.get(yields) : "") : row.get(0);
                    String expected = yields >= 0 ? "true" : row.size() > 1 ? row.get(1).replaceAll("\\s*\\(.*\\)$", "") : "";
                    if (expr.isBlank() || expr.contains("...") || expr.startsWith("{") || expr.startsWith("[")) {
                        continue; // JSON input/output tables (bag_set_key...) show values, not expressions
                    }
                    if (expected.length() >= 2 && expected.startsWith("\"") && expected.endsWith("\"")) {
                        expected = expected.substring(1, expected.length() - 1); // a string result written as a literal
                    }
                    n++;
                    String id = slug(root, page) + "-row" + n;
                    out.add(new ConformanceCase(id, "print result = " + expr, List.of("result"), List.of(List.of(expected)),
                            false, false, expr.matches(".*\\b(now|rand)\\(.*"), false, false, Set.of()));
                }
            }
        }
        return out;
    }

    private static final Set<String> EXPRESSION_HEADERS = Set.of("expression", "operation", "input", "function call");
    private static final Set<String> RESULT_HEADERS = Set.of("result", "returns", "output", "evaluates to");

    /** The first markdown table within a few lines after {@code from}, before another code block or heading. */
    private static List<List<String>> tableAfter(String[] lines, int from) {
        List<List<String>> rows = new ArrayList<>();
        int textLines = 0;
        boolean storedTab = false;
        for (int i = from; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.contains("(#tab/stored)")) {
                // The functions library shows one output under the query-defined and stored forms of an example.
                storedTab = true;
                continue;
            }
            if (storedTab && l.startsWith("```") && rows.isEmpty()) {
                while (++i < lines.length && !lines[i].trim().equals("```")) {
                    // the stored form's text
                }
                storedTab = false;
                textLines = 0;
                continue;
            }
            if (l.startsWith("|")) {
                if (l.matches("\\|?\\s*:?-{2,}.*")) {
                    continue;
                }
                rows.add(cells(l));
                continue;
            }
            if (!rows.isEmpty() || l.startsWith("```") || l.startsWith("#") || ++textLines > 8) {
                break;
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String l = line.trim();
        if (l.startsWith("|")) {
            l = l.substring(1);
        }
        if (l.endsWith("|") && !l.endsWith("\\|")) {
            l = l.substring(0, l.length() - 1);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c == '\\' && i + 1 < l.length() && l.charAt(i + 1) == '|') {
                cur.append('|');
                i++;
            } else if (c == '|') {
                out.add(render(cur.toString()));
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(render(cur.toString()));
        return out;
    }

    /** A cell as a reader sees it: no code spans, links or emphasis, line breaks and entities resolved. */
    static String render(String cell) {
        String s = cell.trim();
        s = s.replaceAll("(?i)<br\\s*/?>", "\n");
        s = s.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
        s = s.replaceAll("`([^`]*)`", "$1");
        s = s.replaceAll("\\*\\*([^*]+)\\*\\*", "$1");
        s = s.replaceAll("\\\\([_*\\[\\]\\\\<>#`])", "$1");
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return s.trim();
    }

    private static ConformanceCase toCase(String id, String text, List<String> columns, List<List<String>> rows) {
        boolean truncated = rows.stream().anyMatch(r -> r.stream().anyMatch(c -> c.equals("...") || c.equals("\u2026")));
        boolean approximate = text.matches("(?s).*\\b(dcount|percentile|tdigest|hll)\\w*\\s*\\(.*");
        boolean nondeterministic = text.matches("(?s).*\\b(now|ago|rand|new_guid|take_any|any)\\s*\\(.*|(?s).*\\|\\s*(sample|take|limit)\\b.*");
        String query = text;
        if (columns.size() == 1 && bareExpression(query)) {
            query = "print ['" + columns.get(0).replace("'", "\\'") + "'] = " + query;
        }
        return new ConformanceCase(id, query, columns, rows, true, truncated, nondeterministic, approximate, false, Set.of());
    }

    /** The page shows a bare scalar expression ({@code asin(0.5)}); it runs as a {@code print}. */
    private static boolean bareExpression(String query) {
        try {
            dev.rampart.kql.KqlCompiler.compile(query, TestSupport.options());
            return false;
        } catch (dev.rampart.kql.diagnostics.KqlException e) {
            return e.getMessage().startsWith("Expected a table but found") && e.getMessage().contains("(line 1, column 1)");
        }
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed");
        }
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}
