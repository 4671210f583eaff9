package dev.rampart.kql.tools;

import dev.rampart.kql.DuckDb;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.conformance.Conformance;
import dev.rampart.kql.conformance.ConformanceCase;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every self-contained {@code kusto} example of the KQL reference pages that the page follows with an output
 * table, and compares the result with that table (rows as a multiset; shown column names by position when they do
 * not follow KQL's naming). Examples reading stored tables are skipped. Meant to find wrong results the compile-only
 * sweep cannot see; the pages' own mistakes show up too, so a failure is a lead to read, not a verdict.
 *
 * <p>Usage: {@code DocsResultSweep [MIRROR_DIR] [--skip-ids FILE.jsonl] [--page PREFIX]}.
 */
public final class DocsResultSweep {
    private static String PAGES = "data-explorer/kusto/query/";

    private DocsResultSweep() {
    }

    public static void main(String[] args) throws Exception {
        Path mirror = DocsCompileSweep.DEFAULT_MIRROR;
        Set<String> skipIds = Set.of();
        String pagePrefix = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--skip-ids" -> skipIds = idsOf(Path.of(args[++i]));
                case "--page" -> pagePrefix = args[++i];
                case "--root" -> PAGES = args[++i];
                default -> mirror = Path.of(args[i]);
            }
        }
        List<ConformanceCase> cases = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (DocsCompileSweep.Example ex : examplesWithTables(mirror)) {
            String id = slug(ex.page()) + "-" + ex.index();
            if (skipIds.contains(id) || !ex.page().substring(PAGES.length()).startsWith(pagePrefix)) {
                continue;
            }
            String why = DocsCompileSweep.skipReason(ex.text());
            if (why != null) {
                skipped.merge(why, 1, Integer::sum);
                continue;
            }
            cases.add(toCase(id, ex));
        }
        Conformance.Report report;
        try (DuckDb db = new DuckDb(TestSupport.schema())) {
            report = Conformance.run(cases, TestSupport.options().withBagKeys(db::keys), db::run);
        }
        List<Conformance.Outcome> kept = report.outcomes().stream()
                .filter(o -> !(o.stage() == Conformance.Stage.COMPILE && o.detail().startsWith("Unknown table"))).toList();
        new Conformance.Report(kept).print(System.out, true);
        System.out.println("skipped " + skipped + ", reading stored tables " + (report.total() - kept.size()));
    }

    private static Set<String> idsOf(Path jsonl) throws IOException {
        Set<String> ids = new java.util.HashSet<>();
        for (ConformanceCase c : ConformanceCase.read(jsonl)) {
            ids.add(c.id());
        }
        return ids;
    }

    private static String slug(String page) {
        String p = page.substring(PAGES.length()).replaceAll("\\.md$", "");
        return p.replace('/', '-');
    }

    /** An example block, 1-based like the page's ordinal, with the table that follows it. */
    record Sample(DocsCompileSweep.Example example, List<String> columns, List<List<String>> rows) {
    }

    private static final List<Sample> SAMPLES = new ArrayList<>();

    private static List<DocsCompileSweep.Example> examplesWithTables(Path mirror) throws Exception {
        List<DocsCompileSweep.Example> out = new ArrayList<>();
        for (String page : git(mirror, "ls-tree", "-r", "--name-only", "HEAD", PAGES).split("\n")) {
            if (!page.endsWith(".md")) {
                continue;
            }
            String md = git(mirror, "show", "HEAD:" + page);
            String[] lines = md.split("\r?\n", -1);
            int ordinal = 0;
            for (int i = 0; i < lines.length; i++) {
                Matcher m = FENCE.matcher(lines[i]);
                if (!m.matches() || m.group(2).isEmpty()) {
                    continue;
                }
                String lang = m.group(2).toLowerCase();
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
                i = j;
                if (!lang.equals("kusto") && !lang.equals("kql")) {
                    continue;
                }
                ordinal++;
                List<List<String>> table = tableAfter(lines, j + 1);
                if (table.size() >= 2) {
                    DocsCompileSweep.Example ex = new DocsCompileSweep.Example(page, ordinal, body.toString());
                    out.add(ex);
                    SAMPLES.add(new Sample(ex, table.get(0), table.subList(1, table.size())));
                }
            }
        }
        return out;
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*(\\S*)\\s*$");

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

    private static ConformanceCase toCase(String id, DocsCompileSweep.Example ex) {
        Sample s = SAMPLES.stream().filter(x -> x.example() == ex).findFirst().orElseThrow();
        boolean truncated = s.rows().stream().anyMatch(r -> r.stream().anyMatch(c -> c.equals("...") || c.equals("…")));
        boolean approximate = ex.text().matches("(?s).*\\b(dcount|percentile|tdigest|hll)\\w*\\s*\\(.*");
        boolean nondeterministic = ex.text().matches("(?s).*\\b(now|ago|rand|new_guid|take_any|any)\\s*\\(.*|(?s).*\\|\\s*(sample|take|limit)\\b.*");
        String query = ex.text();
        if (s.columns().size() == 1 && bareExpression(query)) {
            query = "print ['" + s.columns().get(0).replace("'", "\\'") + "'] = " + query;
        }
        return new ConformanceCase(id, query, s.columns(), s.rows(), true, truncated, nondeterministic, approximate,
                false, Set.of());
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
