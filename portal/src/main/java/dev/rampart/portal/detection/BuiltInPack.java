package dev.rampart.portal.detection;

import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The detection pack shipped with Rampart: {@code detection/pack/*.kql}, each a header of {@code // key: value}
 * lines (name, title, severity, category, mitre, frequency, description, actions, entities) followed by the query.
 * The file name (without .kql) is the rule key.
 */
@Component
public class BuiltInPack {
    public record PackRule(String key, RuleDraft draft) {
    }

    private final DetectionRules rules;

    public BuiltInPack(DetectionRules rules) {
        this.rules = rules;
    }

    /** Creates missing built-in rules and refreshes changed ones; returns how many the pack has. */
    public int install() {
        List<PackRule> pack = load();
        for (PackRule p : pack) {
            rules.upsertBuiltIn(p.key(), p.draft());
        }
        return pack.size();
    }

    public static List<PackRule> load() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:detection/pack/*.kql");
            List<PackRule> out = new ArrayList<>();
            for (Resource f : Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
                try (InputStream in = f.getInputStream()) {
                    String name = f.getFilename();
                    out.add(parse(name.substring(0, name.length() - 4), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PackRule parse(String key, String text) {
        Map<String, String> h = new LinkedHashMap<>();
        StringBuilder query = new StringBuilder();
        boolean header = true;
        for (String line : text.split("\r?\n")) {
            if (header && line.startsWith("//")) {
                String l = line.substring(2).strip();
                int colon = l.indexOf(':');
                if (colon > 0) {
                    h.merge(l.substring(0, colon).strip().toLowerCase(), l.substring(colon + 1).strip(), (a, b) -> a + " " + b);
                }
                continue;
            }
            header = false;
            query.append(line).append('\n');
        }
        try {
            List<String> mitre = h.getOrDefault("mitre", "").isBlank() ? List.of()
                    : Arrays.stream(h.get("mitre").split(",")).map(String::strip).toList();
            RuleDraft d = new RuleDraft(req(h, "name"), query.toString().strip(), Frequency.parse(h.getOrDefault("frequency", "1H")),
                    req(h, "title"), h.getOrDefault("description", ""), Severity.parse(req(h, "severity")), Category.parse(req(h, "category")),
                    mitre, h.getOrDefault("actions", ""), EntityMapping.parse(h.get("entities")), true);
            return new PackRule(key, d);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Built-in rule " + key + ": " + e.getMessage(), e);
        }
    }

    private static String req(Map<String, String> h, String k) {
        String v = h.get(k);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("header '" + k + "' is missing");
        }
        return v;
    }
}
