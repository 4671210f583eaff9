package dev.rampart.portal.sigma;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.core.RampartProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The imported Sigma rules. Each rule's YAML is kept as {@code <data-dir>/sigma-rules/<id>.yml} (the rule as
 * written stays the source of truth; compiling again after a mapping change needs no migration) and compiled on
 * load. {@link #compiled()} is what the detection engine schedules.
 */
@Service
public class SigmaRules {
    /** A rule ready to run as a custom detection; author and id kept for the Detection Rule License. */
    public record CompiledRule(String id, String title, String author, String level, List<String> tags, List<String> techniques,
                               String table, String kql) {
    }

    /** One imported rule with its status: {@code kql} when it compiled, else {@code reason}. */
    public record RuleStatus(String id, String title, String author, String level, String logsource, List<String> techniques,
                             boolean compiled, String kql, String reason, String description, List<String> tags) {
    }

    private final Path dir;
    private final AuditLog audit;
    private final Map<String, SigmaLibrary.Entry> rules = new ConcurrentHashMap<>();

    SigmaRules(RampartProperties props, AuditLog audit) throws IOException {
        this.dir = props.dataDir().resolve("sigma-rules");
        this.audit = audit;
        if (Files.isDirectory(dir)) {
            for (Path f : SigmaLibrary.ruleFiles(dir)) {
                SigmaLibrary.Entry e = SigmaLibrary.load(f);
                if (e.rule() != null) {
                    rules.put(key(e.rule()), e);
                }
            }
        }
    }

    private static String key(SigmaRule r) {
        return r.id() != null ? r.id().toLowerCase(Locale.ROOT) : r.title();
    }

    /**
     * Imports one rule from YAML text (upload or file); replaces a rule with the same id. Rules that do not compile
     * are kept and listed with their reason.
     *
     * @throws SigmaParser.InvalidRuleException if the text is no Sigma rule (nothing stored)
     */
    public RuleStatus importRule(String yaml, String source) throws SigmaParser.InvalidRuleException, IOException {
        SigmaRule rule = SigmaParser.parse(yaml, source);
        if (rule.id() == null || !rule.id().matches("[0-9A-Za-z-]{1,64}")) {
            throw new SigmaParser.InvalidRuleException("the rule needs an id (UUID) to be imported");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(rule.id().toLowerCase(Locale.ROOT) + ".yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        SigmaLibrary.Entry e = new SigmaLibrary.Entry(file, rule, SigmaCompiler.compile(rule));
        rules.put(key(rule), e);
        audit.record("sigma.import", "sigma-rule", rule.id(), rule.title() + (e.ok() ? " compiled to " + e.result().table() : " not compiled: " + e.result().reason()));
        return status(e);
    }

    /** Imports every rule file under a folder (or one file); returns one status per file that parsed. */
    public List<RuleStatus> importPath(Path path) throws IOException {
        List<RuleStatus> out = new ArrayList<>();
        for (Path f : SigmaLibrary.ruleFiles(path)) {
            try {
                out.add(importRule(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
            } catch (SigmaParser.InvalidRuleException e) {
                out.add(new RuleStatus(null, f.getFileName().toString(), null, null, null, List.of(), false, null, e.getMessage(), null, List.of()));
            }
        }
        return out;
    }

    /** The imported rule with this id, if any. */
    public java.util.Optional<RuleStatus> find(String id) {
        return java.util.Optional.ofNullable(id == null ? null : rules.get(id.toLowerCase(Locale.ROOT))).map(SigmaRules::status);
    }

    public List<RuleStatus> list() {
        return rules.values().stream().map(SigmaRules::status).sorted(Comparator.comparing(RuleStatus::title)).toList();
    }

    /** The rules that compiled, for the detection engine. */
    public List<CompiledRule> compiled() {
        return rules.values().stream().filter(SigmaLibrary.Entry::ok).map(e -> new CompiledRule(e.rule().id(), e.rule().title(),
                e.rule().author(), e.rule().level(), e.rule().tags(), e.rule().techniques(), e.result().table(), e.result().kql()))
                .sorted(Comparator.comparing(CompiledRule::title)).toList();
    }

    private static RuleStatus status(SigmaLibrary.Entry e) {
        SigmaRule r = e.rule();
        return new RuleStatus(r.id(), r.title(), r.author(), r.level(), r.logsource(), r.techniques(), e.ok(), e.result().kql(), e.result().reason(),
                r.description(), r.tags());
    }
}
