package dev.rampart.portal.sigma;

import dev.rampart.portal.cli.Command;
import dev.rampart.portal.core.RampartProperties;
import dev.rampart.portal.ingest.IngestError;
import dev.rampart.portal.ingest.InvalidEventsException;
import dev.rampart.portal.ingest.format.EventFormat;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.FormatIngestor;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code otrf-eval DIR [--rules SIGMA_DIR] [--list]}: for every OTRF dataset ({@code datasets/* /_metadata/*.yaml})
 * whose host log zips are present under DIR, ingests every line with the Windows format into an empty temporary
 * event store (each line stored, or skipped/rejected with its reason, all counted) and runs the compiled Sigma
 * rules tagged with one of the dataset's ATT&CK techniques or the same parent technique. A dataset passes when one
 * of them returns a row. Sigma rules default to {@code DIR/../sigma}. Ends with {@code otrf-eval: passed X/N}.
 */
@Component
class OtrfEvalCommand implements Command {
    private final RampartProperties props;
    private final EventFormat windows = new EventFormats().require("windows");

    OtrfEvalCommand(RampartProperties props) {
        this.props = props;
    }

    @Override
    public String name() {
        return "otrf-eval";
    }

    @Override
    public String usage() {
        return "DIR [--rules SIGMA_DIR] [--list]  ingest OTRF datasets and check that a Sigma rule of the dataset's technique fires";
    }

    private record Dataset(String id, String title, Set<String> techniques, List<Path> files) {
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty() || !Files.isDirectory(Path.of(args.get(0), "datasets"))) {
            out.println("otrf-eval: usage: otrf-eval " + usage());
            return 2;
        }
        Path dir = Path.of(args.get(0));
        int r = args.indexOf("--rules");
        Path rulesDir = r >= 0 && r + 1 < args.size() ? Path.of(args.get(r + 1)) : dir.resolveSibling("sigma");
        if (!Files.isDirectory(rulesDir)) {
            out.println("otrf-eval: no Sigma rules at " + rulesDir + "; give --rules SIGMA_DIR");
            return 2;
        }
        List<SigmaLibrary.Entry> rules = SigmaLibrary.loadAll(rulesDir).stream().filter(SigmaLibrary.Entry::ok).toList();
        List<Dataset> datasets = datasets(dir);
        out.printf(Locale.ROOT, "otrf-eval: %d compiled Sigma rules, %d datasets with host logs present%n", rules.size(), datasets.size());
        int passed = 0;
        long lines = 0;
        long stored = 0;
        long skipped = 0;
        long rejected = 0;
        Map<String, Long> skipReasons = new TreeMap<>();
        try (RuleRunner runner = new RuleRunner(props)) {
            for (Dataset d : datasets) {
                runner.clear();
                long dsLines = 0;
                for (Path zip : d.files()) {
                    try (ZipInputStream z = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip), 1 << 16))) {
                        ZipEntry e;
                        while ((e = z.getNextEntry()) != null) {
                            if (e.isDirectory()) {
                                continue;
                            }
                            try {
                                FormatIngestor.Result res = runner.ingest(windows, nonClosing(z));
                                dsLines += res.lines();
                                stored += res.events();
                                skipped += res.skipped();
                                res.skippedByReason().forEach((k, v) -> skipReasons.merge(k, v, Long::sum));
                            } catch (InvalidEventsException ex) {
                                dsLines += ex.totalLines();
                                rejected += ex.totalLines();
                                for (IngestError err : ex.errors().subList(0, Math.min(5, ex.errors().size()))) {
                                    out.println("otrf-eval: " + zip.getFileName() + "!" + e.getName() + ":" + err.line() + ": " + err.message());
                                }
                                out.println("otrf-eval: " + zip.getFileName() + "!" + e.getName() + " rejected: " + ex.rejectedLines()
                                        + " invalid lines, the entry's " + ex.totalLines() + " lines not stored");
                            }
                        }
                    }
                }
                lines += dsLines;
                List<String> fired = new ArrayList<>();
                String how = null;
                for (SigmaLibrary.Entry rule : rules) {
                    String match = techniqueMatch(rule.rule().techniques(), d.techniques());
                    if (match == null) {
                        continue;
                    }
                    if (runner.matches(rule.result().kql(), 1) > 0) {
                        fired.add(rule.rule().title() + " [" + rule.rule().level() + ", " + match + "]");
                        how = how == null || match.equals("exact") ? match : how;
                    }
                }
                if (!fired.isEmpty()) {
                    passed++;
                }
                out.printf(Locale.ROOT, "otrf-eval: %s %s %s: %,d lines; %s%n", fired.isEmpty() ? "MISS" : "PASS", d.id(), d.techniques(), dsLines,
                        fired.isEmpty() ? "no rule of the technique fired" : fired.size() + " rule(s) fired (" + how + "): "
                                + String.join("; ", fired.subList(0, Math.min(3, fired.size()))));
            }
        }
        out.println("skipped lines by reason (not stored, each counted):");
        skipReasons.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(15)
                .forEach(e -> out.printf(Locale.ROOT, "  %,8d  %s%n", e.getValue(), e.getKey()));
        out.printf(Locale.ROOT, "otrf-eval: lines %,d = stored %,d + skipped with a reason %,d + rejected with a reason %,d%n",
                lines, stored, skipped, rejected);
        out.println("otrf-eval: passed " + passed + "/" + datasets.size());
        return 0;
    }

    /** "exact" if a rule technique equals a dataset technique, "parent" if they share the parent technique, else null. */
    static String techniqueMatch(List<String> ruleTechniques, Set<String> datasetTechniques) {
        String found = null;
        for (String t : ruleTechniques) {
            for (String d : datasetTechniques) {
                if (t.equals(d)) {
                    return "exact";
                }
                if (parent(t).equals(parent(d))) {
                    found = "parent";
                }
            }
        }
        return found;
    }

    private static String parent(String t) {
        int dot = t.indexOf('.');
        return dot < 0 ? t : t.substring(0, dot);
    }

    private static List<Dataset> datasets(Path dir) throws Exception {
        List<Path> metas;
        try (Stream<Path> st = Files.walk(dir.resolve("datasets"))) {
            metas = st.filter(p -> p.getParent().getFileName().toString().equals("_metadata") && p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Dataset> out = new ArrayList<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Path m : metas) {
            if (!(yaml.load(Files.readString(m)) instanceof Map<?, ?> doc)) {
                continue;
            }
            Set<String> techniques = new LinkedHashSet<>();
            if (doc.get("attack_mappings") instanceof List<?> maps) {
                for (Object o : maps) {
                    if (o instanceof Map<?, ?> am && am.get("technique") != null) {
                        String t = String.valueOf(am.get("technique")).toUpperCase(Locale.ROOT);
                        Object sub = am.get("sub-technique");
                        techniques.add(sub == null ? t : t + "." + String.format(Locale.ROOT, "%03d", Integer.parseInt(String.valueOf(sub).trim())));
                    }
                }
            }
            List<Path> files = new ArrayList<>();
            if (doc.get("files") instanceof List<?> fl) {
                for (Object o : fl) {
                    if (o instanceof Map<?, ?> f && "Host".equalsIgnoreCase(String.valueOf(f.get("type")))) {
                        String link = String.valueOf(f.get("link"));
                        int i = link.indexOf("/datasets/");
                        Path p = i < 0 ? null : dir.resolve(link.substring(i + 1));
                        if (p != null && Files.isRegularFile(p) && p.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                            files.add(p);
                        }
                    }
                }
            }
            if (!files.isEmpty() && !techniques.isEmpty()) {
                out.add(new Dataset(String.valueOf(doc.get("id")), String.valueOf(doc.get("title")), techniques, files));
            }
        }
        return out;
    }

    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }
}
