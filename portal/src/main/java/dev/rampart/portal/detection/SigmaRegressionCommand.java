package dev.rampart.portal.detection;

import dev.rampart.portal.RampartApplication;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.ingest.format.EventFormat;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.FormatIngestor;
import dev.rampart.portal.sigma.SigmaLibrary;
import dev.rampart.portal.sigma.SigmaParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sigma-regression DIR [--list]}: DIR is a SigmaHQ checkout (rules*, regression_data). In a throw-away data
 * directory (own state database and event store), for every {@code regression_data/**}/info.yml the paired rule is
 * imported as a custom detection, its JSON event(s) are mapped with the Windows format into the emptied event store,
 * and the detection engine must raise an alert for the rule (as of the events' time, through correlation). Ends with
 * {@code sigma-regression: passed X/N} (N = all pairs; a rule that does not compile counts as failed).
 */
@Component
class SigmaRegressionCommand implements Command {
    private static final List<String> TABLES = List.of("DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents", "DeviceRegistryEvents",
            "DeviceImageLoadEvents", "DeviceEvents", "DeviceLogonEvents", "IdentityLogonEvents", "IdentityDirectoryEvents");
    private final EventFormat windows = new EventFormats().require("windows");

    @Override
    public String name() {
        return "sigma-regression";
    }

    @Override
    public String usage() {
        return "DIR [--list]  map each Sigma regression event, run its rule through the detection engine, expect an alert";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty() || !Files.isDirectory(Path.of(args.get(0), "regression_data"))) {
            out.println("sigma-regression: usage: sigma-regression DIR (a folder with rules*/ and regression_data/)");
            return 2;
        }
        Path dir = Path.of(args.get(0));
        boolean list = args.contains("--list");
        Map<String, SigmaLibrary.Entry> byId = new HashMap<>();
        for (SigmaLibrary.Entry e : SigmaLibrary.loadAll(dir)) {
            if (e.rule() != null && e.rule().id() != null) {
                byId.put(e.rule().id(), e);
            }
        }
        List<Path> infos;
        try (Stream<Path> st = Files.walk(dir.resolve("regression_data"))) {
            infos = st.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        Path data = Files.createTempDirectory("rampart-sigma-regression");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RampartApplication.class).web(WebApplicationType.NONE)
                .profiles("cli").bannerMode(Banner.Mode.OFF).logStartupInfo(false).run("--rampart.data-dir=" + data)) {
            Map<String, Integer> reasons = new TreeMap<>();
            int passed = 0;
            JsonMapper json = JsonMapper.builder().build();
            for (Path info : infos) {
                String failure = SystemRun.as("sigma-regression", () -> {
                    try {
                        return check(ctx, info, byId, json);
                    } catch (Exception e) {
                        return "failed: " + e.getMessage();
                    }
                });
                if (failure == null) {
                    passed++;
                } else {
                    reasons.merge(failure.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d{3,}", "N"), 1, Integer::sum);
                    if (list) {
                        out.println(dir.relativize(info.getParent()) + "\t" + failure);
                    }
                }
            }
            out.println("failure reasons:");
            reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(20)
                    .forEach(e -> out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
            out.println("sigma-regression: passed " + passed + "/" + infos.size());
        } finally {
            SystemRun.deleteTree(data);
        }
        return 0;
    }

    /** @return null when the rule's detection raised an alert on the pair's events, else why not */
    private String check(ConfigurableApplicationContext ctx, Path info, Map<String, SigmaLibrary.Entry> byId, JsonMapper json) throws Exception {
        Object doc = new Yaml(new SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).load(Files.readString(info));
        String id = null;
        if (doc instanceof Map<?, ?> m && m.get("rule_metadata") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> r) {
            id = String.valueOf(r.get("id"));
        }
        if (id == null) {
            return "info.yml names no rule";
        }
        SigmaLibrary.Entry rule = byId.get(id);
        if (rule == null) {
            return "rule " + id + " not found";
        }
        if (!rule.ok()) {
            return "rule does not compile: " + rule.result().reason();
        }
        List<Path> events;
        try (Stream<Path> st = Files.list(info.getParent())) {
            events = st.filter(p -> p.toString().endsWith(".json")).toList();
        }
        if (events.isEmpty()) {
            return "no JSON event in the folder";
        }
        StringBuilder ndjson = new StringBuilder();
        for (Path e : events) {
            try (MappingIterator<JsonNode> it = json.readerFor(JsonNode.class).readValues(e.toFile())) {
                while (it.hasNext()) {
                    ndjson.append(json.writeValueAsString(it.next())).append('\n');
                }
            }
        }
        EventStore store = ctx.getBean(EventStore.class);
        clear(store);
        FormatIngestor.Result r = new FormatIngestor(store).ingest(windows, new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)),
                null, FormatIngestor.Progress.NONE);
        if (r.events() == 0) {
            return "event not stored: " + r.skippedByReason().keySet();
        }
        SigmaDetections.Row row;
        try {
            row = ctx.getBean(SigmaDetections.class).importYaml(Files.readString(rule.path()), rule.path().toString(), false);
        } catch (SigmaParser.InvalidRuleException | IOException e) {
            return "import failed: " + e.getMessage();
        }
        if (row.rule() == null) {
            return "no detection: " + row.reason();
        }
        Instant latest = latest(store);
        if (latest == null) {
            return "events have no Timestamp";
        }
        DetectionEngine.Outcome o = ctx.getBean(DetectionEngine.class).run(row.rule(), "manual", latest.plusSeconds(60), Duration.ofDays(30));
        if (o.alerts() > 0) {
            return null;
        }
        return o.status().equals("failed") ? "run failed: " + o.message() : o.duplicates() > 0 ? "events already alerted on (duplicate)"
                : "no alert from " + rule.result().table() + " (" + o.rows() + " rows)";
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
}
