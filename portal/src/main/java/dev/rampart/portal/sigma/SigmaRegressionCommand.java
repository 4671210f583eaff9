package dev.rampart.portal.sigma;

import dev.rampart.portal.cli.Command;
import dev.rampart.portal.core.RampartProperties;
import dev.rampart.portal.ingest.format.EventFormat;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.FormatIngestor;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sigma-regression DIR [--list]}: DIR is a SigmaHQ checkout (rules*, regression_data). For every
 * {@code regression_data/**}/info.yml, the paired rule is compiled, its JSON event(s) are mapped with the Windows
 * format into an empty temporary event store, and the rule's query must return a row. Ends with
 * {@code sigma-regression: passed X/N} (N = all pairs; a rule that does not compile counts as failed).
 */
@Component
class SigmaRegressionCommand implements Command {
    private final RampartProperties props;
    private final EventFormat windows = new EventFormats().require("windows");

    SigmaRegressionCommand(RampartProperties props) {
        this.props = props;
    }

    @Override
    public String name() {
        return "sigma-regression";
    }

    @Override
    public String usage() {
        return "DIR [--list]  map each Sigma regression event, run its rule, expect a match";
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
        Map<String, Integer> reasons = new TreeMap<>();
        int passed = 0;
        JsonMapper json = JsonMapper.builder().build();
        try (RuleRunner runner = new RuleRunner(props)) {
            for (Path info : infos) {
                String failure = check(info, byId, runner, json);
                if (failure == null) {
                    passed++;
                } else {
                    reasons.merge(failure.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d{3,}", "N"), 1, Integer::sum);
                    if (list) {
                        out.println(dir.relativize(info.getParent()) + "\t" + failure);
                    }
                }
            }
        }
        out.println("failure reasons:");
        reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(20)
                .forEach(e -> out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
        out.println("sigma-regression: passed " + passed + "/" + infos.size());
        return 0;
    }

    /** @return null when the rule fires on its event, else why not */
    private String check(Path info, Map<String, SigmaLibrary.Entry> byId, RuleRunner runner, JsonMapper json) throws Exception {
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
        runner.clear();
        FormatIngestor.Result r = runner.ingest(windows, new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)));
        if (r.events() == 0) {
            return "event not stored: " + r.skippedByReason().keySet();
        }
        try {
            return runner.matches(rule.result().kql(), 10) > 0 ? null : "no match in " + rule.result().table();
        } catch (RuntimeException e) {
            return "query failed: " + e.getMessage();
        }
    }
}
