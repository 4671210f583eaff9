package dev.rampart.portal.detection;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.portal.RampartApplication;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.hunting.QueryExecutor;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.IncidentChange;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.IncidentStatus;
import dev.rampart.portal.ingest.IngestError;
import dev.rampart.portal.ingest.InvalidEventsException;
import dev.rampart.portal.ingest.format.EventFormat;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.FormatIngestor;
import dev.rampart.portal.sigma.SigmaLibrary;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code otrf-eval DIR [--rules SIGMA_DIR] [--dataset ID] [--list]}: in a throw-away data directory (own state database and event
 * store), for every OTRF dataset ({@code datasets/** /_metadata/*.yaml}) whose host log zips are present under DIR,
 * ingests every line with the Windows format into the emptied event store (each line stored, or skipped/rejected with
 * its reason, all counted), imports every compiled Sigma rule that returns rows on it as a custom detection and runs
 * it through the detection engine, so that its alerts go through correlation like in the portal. A dataset passes
 * when an alert comes from a rule tagged with one of its ATT&CK techniques (or the same parent technique, or the id
 * that replaced it); it is "one incident" when the alerts of those rules — the attack — landed in a single incident;
 * every dataset's incidents are listed with their strong entities when its alerts formed more than one. Before the next dataset the incidents are resolved,
 * as an analyst would, so datasets recorded on the same lab hosts do not join each other's incidents.
 * Ends with {@code otrf-eval: one-incident X/N} and {@code otrf-eval: passed X/N}.
 */
@Component
class OtrfEvalCommand implements Command {
    private static final List<String> TABLES = List.of("DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents", "DeviceRegistryEvents",
            "DeviceImageLoadEvents", "DeviceEvents", "DeviceLogonEvents", "IdentityLogonEvents", "IdentityDirectoryEvents");
    private final EventFormat windows = new EventFormats().require("windows");

    @Override
    public String name() {
        return "otrf-eval";
    }

    @Override
    public String usage() {
        return "DIR [--rules SIGMA_DIR] [--dataset ID] [--list]  ingest OTRF datasets, run the Sigma rules as detections, check technique alerts and incidents";
    }

    record Dataset(String id, String title, Set<String> techniques, List<Path> files) {
    }

    private static final class Totals {
        long lines;
        long stored;
        long skipped;
        long rejected;
        int passed;
        int oneIncident;
        int allInOne;
        final Map<String, Long> skipReasons = new TreeMap<>();
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
        boolean list = args.contains("--list");
        List<SigmaLibrary.Entry> rules = SigmaLibrary.loadAll(rulesDir).stream().filter(SigmaLibrary.Entry::ok).toList();
        int only = args.indexOf("--dataset");
        List<Dataset> datasets = datasets(dir).stream().filter(d -> only < 0 || only + 1 >= args.size() || d.id().equals(args.get(only + 1))).toList();
        out.printf(Locale.ROOT, "otrf-eval: %d compiled Sigma rules, %d datasets with host logs present%n", rules.size(), datasets.size());
        Path data = Files.createTempDirectory("rampart-otrf-eval");
        Totals totals = new Totals();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RampartApplication.class).web(WebApplicationType.NONE)
                .profiles("cli").bannerMode(Banner.Mode.OFF).logStartupInfo(false).run("--rampart.data-dir=" + data)) {
            Map<String, DetectionRule> imported = new HashMap<>();
            for (Dataset d : datasets) {
                SystemRun.as("otrf-eval", () -> {
                    try {
                        evaluate(ctx, d, rules, imported, totals, list, out);
                    } catch (Exception e) {
                        out.println("otrf-eval: FAIL " + d.id() + ": " + e);
                    }
                    return null;
                });
            }
        } finally {
            SystemRun.deleteTree(data);
        }
        out.println("skipped lines by reason (not stored, each counted):");
        totals.skipReasons.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(15)
                .forEach(e -> out.printf(Locale.ROOT, "  %,8d  %s%n", e.getValue(), e.getKey()));
        out.printf(Locale.ROOT, "otrf-eval: lines %,d = stored %,d + skipped with a reason %,d + rejected with a reason %,d%n",
                totals.lines, totals.stored, totals.skipped, totals.rejected);
        out.println("otrf-eval: every alert of the dataset in one incident " + totals.allInOne + "/" + datasets.size()
                + " (the others keep alerts that share no strong entity with the attack's in incidents of their own)");
        out.println("otrf-eval: one-incident " + totals.oneIncident + "/" + datasets.size());
        out.println("otrf-eval: passed " + totals.passed + "/" + datasets.size());
        return 0;
    }

    private void evaluate(ConfigurableApplicationContext ctx, Dataset d, List<SigmaLibrary.Entry> rules, Map<String, DetectionRule> imported,
                          Totals totals, boolean list, PrintStream out) throws Exception {
        long t0 = System.nanoTime();
        EventStore store = ctx.getBean(EventStore.class);
        clear(store);
        long lines = ingest(store, d, totals, out);
        totals.lines += lines;
        Map<String, Long> rows = rowCounts(store);
        Instant latest = latest(store);
        QueryExecutor executor = ctx.getBean(QueryExecutor.class);
        DetectionEngine engine = ctx.getBean(DetectionEngine.class);
        SigmaDetections sigma = ctx.getBean(SigmaDetections.class);
        // Alert id -> the rule and whether it carries one of the dataset's techniques ("exact", "parent" or null).
        Map<String, String> alertRule = new LinkedHashMap<>();
        Map<String, String> alertMatch = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (SigmaLibrary.Entry rule : rules) {
            // Only rules with rows become detections: a rule that returns nothing cannot raise an alert either.
            if (latest == null || rows.getOrDefault(rule.result().table(), 0L) == 0) {
                continue;
            }
            try {
                if (!returnsRows(executor, rule.result().kql())) {
                    continue;
                }
            } catch (RuntimeException e) {
                failures.add(rule.rule().title() + ": query failed: " + e.getMessage());
                continue;
            }
            DetectionRule det = imported.get(rule.rule().id());
            if (det == null) {
                SigmaDetections.Row row = sigma.importYaml(Files.readString(rule.path(), StandardCharsets.UTF_8), rule.path().toString(), false);
                if (row.rule() == null) {
                    failures.add(rule.rule().title() + ": " + row.reason());
                    continue;
                }
                det = row.rule();
                imported.put(rule.rule().id(), det);
            }
            DetectionEngine.Outcome o = engine.run(det, "manual", latest.plusSeconds(60), Duration.ofDays(30));
            if (!"completed".equals(o.status())) {
                failures.add(rule.rule().title() + ": " + o.status() + " " + o.message());
            }
            String match = techniqueMatch(rule.rule().techniques(), d.techniques());
            for (String id : o.alertIds()) {
                alertRule.put(id, rule.rule().title() + " [" + rule.rule().level() + (match == null ? "" : ", " + match) + "]");
                if (match != null) {
                    alertMatch.put(id, match);
                }
            }
        }
        IncidentService incidents = ctx.getBean(IncidentService.class);
        Map<Long, List<Alert>> byIncident = new TreeMap<>();
        for (String id : alertRule.keySet()) {
            Alert a = incidents.alert(id);
            byIncident.computeIfAbsent(finalIncident(incidents, a.incidentId()), k -> new ArrayList<>()).add(a);
        }
        Set<Long> techniqueIncidents = byIncident.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(a -> alertMatch.containsKey(a.id()))).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        boolean pass = !alertMatch.isEmpty();
        boolean one = byIncident.size() == 1;
        totals.passed += pass ? 1 : 0;
        totals.oneIncident += pass && techniqueIncidents.size() == 1 ? 1 : 0;
        totals.allInOne += one ? 1 : 0;
        List<String> fired = alertMatch.keySet().stream().map(alertRule::get).distinct().toList();
        String how = alertMatch.containsValue("exact") ? "exact" : alertMatch.containsValue("renumbered") ? "renumbered" : "parent";
        out.printf(Locale.ROOT, "otrf-eval: %s %s %s: %,d lines; %s; %d alert(s) from %d rule(s) in %d incident(s)%s%n", pass ? "PASS" : "MISS", d.id(),
                d.techniques(), lines, pass ? fired.size() + " rule(s) of the technique alerted (" + how + "): "
                        + String.join("; ", fired.subList(0, Math.min(3, fired.size()))) : "no rule of the technique alerted",
                alertRule.size(), new LinkedHashSet<>(alertRule.values()).size(), byIncident.size(),
                one ? "" : " (the technique's alerts in " + techniqueIncidents.size() + ")");
        if (!one || list) {
            byIncident.forEach((id, alerts) -> out.printf(Locale.ROOT, "    incident %d: %d alert(s), entities %s; %s%n", id, alerts.size(),
                    strongEntities(alerts), alerts.stream().map(a -> alertRule.get(a.id())).distinct().limit(list ? 50 : 3)
                            .collect(Collectors.joining("; "))));
        }
        failures.stream().limit(5).forEach(f -> out.println("    rule problem: " + f));
        out.printf(Locale.ROOT, "    (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
        // Resolved incidents take no new alerts, so the next dataset (often the same lab hosts) starts apart.
        for (Long id : byIncident.keySet()) {
            incidents.update(id, IncidentChange.none().withStatus(IncidentStatus.RESOLVED));
        }
    }

    private static long finalIncident(IncidentService incidents, long id) {
        for (int hops = 0; hops < 20; hops++) {
            var i = incidents.get(id);
            if (i.status() != IncidentStatus.REDIRECTED || i.redirectIncidentId() == null) {
                return id;
            }
            id = i.redirectIncidentId();
        }
        return id;
    }

    private static String strongEntities(List<Alert> alerts) {
        return alerts.stream().flatMap(a -> a.evidence().stream()).filter(Evidence::strong).map(e -> e.type().key() + ":" + e.key()).distinct()
                .limit(8).collect(Collectors.joining(", ", "[", "]"));
    }

    private long ingest(EventStore store, Dataset d, Totals totals, PrintStream out) throws Exception {
        long lines = 0;
        for (Path zip : d.files()) {
            try (ZipInputStream z = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip), 1 << 16))) {
                ZipEntry e;
                while ((e = z.getNextEntry()) != null) {
                    if (e.isDirectory()) {
                        continue;
                    }
                    try {
                        FormatIngestor.Result res = new FormatIngestor(store).ingest(windows, nonClosing(z), null, FormatIngestor.Progress.NONE);
                        lines += res.lines();
                        totals.stored += res.events();
                        totals.skipped += res.skipped();
                        res.skippedByReason().forEach((k, v) -> totals.skipReasons.merge(k, v, Long::sum));
                    } catch (InvalidEventsException ex) {
                        lines += ex.totalLines();
                        totals.rejected += ex.totalLines();
                        for (IngestError err : ex.errors().subList(0, Math.min(5, ex.errors().size()))) {
                            out.println("otrf-eval: " + zip.getFileName() + "!" + e.getName() + ":" + err.line() + ": " + err.message());
                        }
                        out.println("otrf-eval: " + zip.getFileName() + "!" + e.getName() + " rejected: " + ex.rejectedLines()
                                + " invalid lines, the entry's " + ex.totalLines() + " lines not stored");
                    }
                }
            }
        }
        return lines;
    }

    private static boolean returnsRows(QueryExecutor executor, String kql) {
        CompiledQuery q = KqlCompiler.compile(kql, CompileOptions.defaults(Instant.now()).withDefaultWindow(null).withRowLimit(1));
        List<QueryExecutor.OutputColumn> cols = q.columns().stream().map(c -> new QueryExecutor.OutputColumn(c.name(), c.type())).toList();
        return !executor.run(q.sql(), q.parameters(), cols, 1, Duration.ofSeconds(30), null).rows().isEmpty();
    }

    /**
     * ATT&CK ids that replaced ones the OTRF metadata (written against 2020 ATT&CK) still uses. SigmaHQ retagged
     * the same rules: the netsh firewall rules tagged T1562.004 "Disable or Modify System Firewall" now carry
     * T1686.003 under the Defense Impairment tactic.
     */
    static final Map<String, String> RENUMBERED = Map.of("T1562.004", "T1686.003");

    /**
     * "exact" if a rule technique equals a dataset technique, "renumbered" if it is the current id of one, "parent"
     * if they share the parent technique, else null.
     */
    static String techniqueMatch(List<String> ruleTechniques, Set<String> datasetTechniques) {
        String found = null;
        for (String t : ruleTechniques) {
            for (String d : datasetTechniques) {
                if (t.equals(d)) {
                    return "exact";
                }
                if (t.equals(RENUMBERED.get(d))) {
                    found = "renumbered";
                } else if (found == null && parent(t).equals(parent(d))) {
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

    private static void clear(EventStore store) {
        store.write(session -> {
            try (Statement st = session.connection().createStatement()) {
                for (String t : TABLES) {
                    st.execute("DELETE FROM " + t);
                }
            }
            return null;
        });
    }

    private static Map<String, Long> rowCounts(EventStore store) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (var c = store.openReadConnection(); Statement st = c.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
                    out.put(t, rs.next() ? rs.getLong(1) : 0L);
                }
            }
        }
        return out;
    }

    private static Instant latest(EventStore store) throws Exception {
        Instant max = null;
        try (var c = store.openReadConnection(); Statement st = c.createStatement()) {
            for (String t : TABLES) {
                // Stored timestamps are UTC without a zone; epoch milliseconds avoid the driver's time-zone conversion.
                try (ResultSet rs = st.executeQuery("SELECT epoch_ms(max(Timestamp)) FROM " + t)) {
                    if (rs.next() && rs.getObject(1) != null) {
                        Instant i = Instant.ofEpochMilli(rs.getLong(1));
                        if (max == null || i.isAfter(max)) {
                            max = i;
                        }
                    }
                }
            }
        }
        return max;
    }

    static List<Dataset> datasets(Path dir) throws Exception {
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
