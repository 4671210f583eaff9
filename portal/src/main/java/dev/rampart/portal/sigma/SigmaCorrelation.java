package dev.rampart.portal.sigma;

import java.util.List;
import java.util.Map;

/**
 * The {@code correlation} part of a Sigma correlation rule. Base rules are resolved from the same file (the Sigma
 * convention of a rule file holding the base rules and the correlation); {@code missing} lists references that named
 * no rule there.
 *
 * @param aliases group-by name → (base rule reference → that rule's field), the Sigma {@code aliases} section
 */
public record SigmaCorrelation(String type, List<String> ruleRefs, Map<String, SigmaRule> bases, List<String> missing, List<String> groupBy,
                               String timespan, Map<String, Object> condition, Map<String, Map<String, String>> aliases) {
    public SigmaCorrelation {
        ruleRefs = List.copyOf(ruleRefs);
        bases = Map.copyOf(bases);
        missing = List.copyOf(missing);
        groupBy = List.copyOf(groupBy);
        condition = condition == null ? Map.of() : Map.copyOf(condition);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    }
}
