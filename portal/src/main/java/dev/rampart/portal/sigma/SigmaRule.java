package dev.rampart.portal.sigma;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed Sigma detection rule. {@code detection} keeps the YAML structure (maps, lists, scalars) for the
 * compiler. Author and id are kept because the Detection Rule License asks derived alerts to name them.
 *
 * @param source where the rule came from (file path or upload name)
 * @param correlation for a correlation rule its correlation (then {@code detection} is empty), else null
 */
public record SigmaRule(String id, String title, String author, String level, String status, String description,
                        List<String> tags, String product, String category, String service, Map<String, Object> detection,
                        String source, String yaml, SigmaCorrelation correlation) {
    private static final Pattern TECHNIQUE = Pattern.compile("(?i)^attack\\.(t\\d{4}(?:\\.\\d{3})?)$");

    /** ATT&CK technique ids from {@code attack.tNNNN[.NNN]} tags, upper case ({@code T1003.001}). */
    public List<String> techniques() {
        return tags.stream().map(TECHNIQUE::matcher).filter(Matcher::matches).map(m -> m.group(1).toUpperCase(java.util.Locale.ROOT)).toList();
    }

    /** {@code product/category/service} with absent parts left out. */
    public String logsource() {
        if (correlation != null) {
            return "correlation " + correlation.type();
        }
        StringBuilder b = new StringBuilder();
        for (String s : new String[] {product, category, service == null ? null : "service=" + service}) {
            if (s != null) {
                b.append(b.length() == 0 ? "" : "/").append(s);
            }
        }
        return b.length() == 0 ? "(none)" : b.toString();
    }
}
