package dev.rampart.portal.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads Sigma rule YAML (one rule per document) with SnakeYAML's safe constructor (no arbitrary types). */
public final class SigmaParser {
    private SigmaParser() {
    }

    /** A rule file that is not a usable Sigma rule. */
    public static final class InvalidRuleException extends Exception {
        public InvalidRuleException(String message) {
            super(message);
        }
    }

    public static SigmaRule parse(String yamlText, String source) throws InvalidRuleException {
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(50);
        opts.setCodePointLimit(2 * 1024 * 1024);
        Yaml yaml = new Yaml(new SafeConstructor(opts));
        List<Object> docs = new ArrayList<>();
        try {
            for (Object d : yaml.loadAll(yamlText)) {
                if (d != null) {
                    docs.add(d);
                }
            }
        } catch (YAMLException e) {
            throw new InvalidRuleException("not valid YAML: " + firstLine(e.getMessage()));
        }
        if (docs.isEmpty()) {
            throw new InvalidRuleException("empty file");
        }
        Map<String, Object> correlation = null;
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object d : docs) {
            if (!(d instanceof Map<?, ?> raw)) {
                throw new InvalidRuleException("expected a YAML mapping at the top");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) raw;
            if (m.containsKey("correlation")) {
                if (correlation != null) {
                    throw new InvalidRuleException("several correlation rules in one file are not supported");
                }
                correlation = m;
            } else {
                rules.add(m);
            }
        }
        if (correlation == null) {
            if (rules.size() > 1) {
                throw new InvalidRuleException("rule collections (several YAML documents) are not supported, except base rules with their correlation rule");
            }
            return rule(rules.get(0), source, yamlText);
        }
        // The file's rule is the correlation; its base rules are what it counts, not rules of their own.
        Map<String, SigmaRule> bases = new java.util.LinkedHashMap<>();
        for (Map<String, Object> m : rules) {
            SigmaRule base;
            try {
                base = rule(m, source, yamlText);
            } catch (InvalidRuleException e) {
                throw new InvalidRuleException("base rule " + (m.get("name") != null ? m.get("name") : m.get("title")) + ": " + e.getMessage());
            }
            for (Object key : new Object[] {m.get("name"), m.get("id")}) {
                if (key != null) {
                    bases.put(String.valueOf(key), base);
                }
            }
        }
        return correlationRule(correlation, bases, source, yamlText);
    }

    private static SigmaRule rule(Map<String, Object> m, String source, String yamlText) throws InvalidRuleException {
        Object title = m.get("title");
        if (!(title instanceof String)) {
            throw new InvalidRuleException("missing title");
        }
        Object detection = m.get("detection");
        if (!(detection instanceof Map)) {
            throw new InvalidRuleException("missing detection");
        }
        Object logsource = m.get("logsource");
        Map<?, ?> ls = logsource instanceof Map<?, ?> l ? l : Map.of();
        @SuppressWarnings("unchecked")
        Map<String, Object> det = (Map<String, Object>) detection;
        return new SigmaRule(str(m.get("id")), (String) title, str(m.get("author")), str(m.get("level")), str(m.get("status")),
                str(m.get("description")), tags(m), str(ls.get("product")), str(ls.get("category")), str(ls.get("service")),
                det, source, yamlText, null);
    }

    private static SigmaRule correlationRule(Map<String, Object> m, Map<String, SigmaRule> bases, String source, String yamlText)
            throws InvalidRuleException {
        if (!(m.get("title") instanceof String title)) {
            throw new InvalidRuleException("missing title");
        }
        if (!(m.get("correlation") instanceof Map<?, ?> c)) {
            throw new InvalidRuleException("correlation: expected a mapping with type, rules, group-by, timespan and condition");
        }
        String type = str(c.get("type"));
        if (type == null) {
            throw new InvalidRuleException("correlation.type is missing (event_count, value_count, temporal...)");
        }
        List<String> refs = strings(c.get("rules"));
        if (refs.isEmpty()) {
            throw new InvalidRuleException("correlation.rules names no base rule");
        }
        List<String> missing = refs.stream().filter(r -> !bases.containsKey(r)).toList();
        Map<String, Object> condition = new java.util.LinkedHashMap<>();
        if (c.get("condition") instanceof Map<?, ?> cond) {
            cond.forEach((k, v) -> condition.put(String.valueOf(k), v));
        }
        Map<String, Map<String, String>> aliases = new java.util.LinkedHashMap<>();
        if (c.get("aliases") instanceof Map<?, ?> al) {
            al.forEach((k, v) -> {
                Map<String, String> perRule = new java.util.LinkedHashMap<>();
                if (v instanceof Map<?, ?> pr) {
                    pr.forEach((rk, rv) -> perRule.put(String.valueOf(rk), String.valueOf(rv)));
                }
                aliases.put(String.valueOf(k), perRule);
            });
        }
        SigmaCorrelation corr = new SigmaCorrelation(type, refs, bases, missing, strings(c.get("group-by")), str(c.get("timespan")), condition,
                aliases);
        return new SigmaRule(str(m.get("id")), title, str(m.get("author")), str(m.get("level")), str(m.get("status")), str(m.get("description")),
                tags(m), null, null, null, Map.of(), source, yamlText, corr);
    }

    private static List<String> tags(Map<String, Object> m) {
        List<String> tags = new ArrayList<>();
        if (m.get("tags") instanceof List<?> list) {
            list.forEach(t -> tags.add(String.valueOf(t)));
        }
        return List.copyOf(tags);
    }

    private static List<String> strings(Object o) {
        if (o instanceof List<?> l) {
            return l.stream().filter(java.util.Objects::nonNull).map(String::valueOf).toList();
        }
        return o == null ? List.of() : List.of(String.valueOf(o));
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
