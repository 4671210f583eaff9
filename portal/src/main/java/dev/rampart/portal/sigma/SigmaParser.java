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
        if (docs.size() > 1) {
            throw new InvalidRuleException("rule collections (several YAML documents) are not supported");
        }
        if (!(docs.get(0) instanceof Map<?, ?> raw)) {
            throw new InvalidRuleException("expected a YAML mapping at the top");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) raw;
        if (m.containsKey("correlation")) {
            throw new InvalidRuleException("correlation rules are not supported");
        }
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
        List<String> tags = new ArrayList<>();
        if (m.get("tags") instanceof List<?> list) {
            list.forEach(t -> tags.add(String.valueOf(t)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> det = (Map<String, Object>) detection;
        return new SigmaRule(str(m.get("id")), (String) title, str(m.get("author")), str(m.get("level")), str(m.get("status")),
                str(m.get("description")), List.copyOf(tags), str(ls.get("product")), str(ls.get("category")), str(ls.get("service")),
                det, source, yamlText);
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
