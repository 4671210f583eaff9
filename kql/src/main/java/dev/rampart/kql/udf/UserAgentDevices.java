package dev.rampart.kql.udf;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Device family, brand and model from the device rules of ua-parser's regexes.yaml. The Java port reads only the
 * family from those rules, while Kusto's Device also has Brand and Model, so the same file's rules are applied here
 * following the ua-parser specification: the first matching rule wins; a replacement's $1..$9 take the match's
 * groups (a missing group is empty); the result is trimmed and an empty one is absent; family and model default to
 * the first group, brand has no default.
 */
final class UserAgentDevices {

    record Device(String family, String brand, String model) {
    }

    private record Rule(Pattern regex, String family, String brand, String model) {
    }

    private static final Pattern GROUP = Pattern.compile("\\$(\\d)");
    private static final Device OTHER = new Device("Other", null, null);

    private UserAgentDevices() {
    }

    static Device parse(String agent) {
        for (Rule r : Rules.ALL) {
            Matcher m = r.regex().matcher(agent);
            if (m.find()) {
                String family = r.family() == null ? group(m, 1) : replace(r.family(), m);
                String brand = r.brand() == null ? null : replace(r.brand(), m);
                String model = r.model() == null ? group(m, 1) : replace(r.model(), m);
                return new Device(family == null ? "Other" : family, brand, model);
            }
        }
        return OTHER;
    }

    private static String replace(String template, Matcher m) {
        Matcher g = GROUP.matcher(template);
        StringBuilder b = new StringBuilder();
        while (g.find()) {
            int n = Integer.parseInt(g.group(1));
            String v = n <= m.groupCount() && m.group(n) != null ? m.group(n) : "";
            g.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        g.appendTail(b);
        return blankToNull(b.toString());
    }

    private static String group(Matcher m, int n) {
        return n <= m.groupCount() ? blankToNull(m.group(n)) : null;
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    /** Loaded on first use: the file is large and most queries never ask for a device. */
    private static final class Rules {
        static final List<Rule> ALL = load();

        /** A replacement as text, even where the file writes a bare number. */
        private static String field(Map<String, Object> rule, String key) {
            Object v = rule.get(key);
            return v == null ? null : v.toString();
        }

        @SuppressWarnings("unchecked")
        private static List<Rule> load() {
            try (InputStream in = ua_parser.Parser.class.getResourceAsStream("/ua_parser/regexes.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("ua-parser's regexes.yaml is missing from the classpath");
                }
                LoaderOptions options = new LoaderOptions();
                options.setCodePointLimit(ua_parser.Parser.CODE_POINT_LIMIT);
                Map<String, Object> yaml = new Yaml(options).load(in);
                List<Rule> rules = new ArrayList<>();
                for (Map<String, Object> r : (List<Map<String, Object>>) yaml.get("device_parsers")) {
                    int flags = "i".equals(r.get("regex_flag")) ? Pattern.CASE_INSENSITIVE : 0;
                    rules.add(new Rule(Pattern.compile(String.valueOf(r.get("regex")), flags), field(r, "device_replacement"),
                            field(r, "brand_replacement"), field(r, "model_replacement")));
                }
                return List.copyOf(rules);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
