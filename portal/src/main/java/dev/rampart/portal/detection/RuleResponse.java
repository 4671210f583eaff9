package dev.rampart.portal.detection;

import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.HuntingActions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a custom detection rule does beyond alerting, and where it looks: the automated actions taken on the targets
 * of each alert it raises (devices, files, users, emails named by the alert's rows), and the device groups it runs
 * on (empty: all devices). Rows of tables without a device column are not narrowed by device groups.
 */
public record RuleResponse(List<Action> actions, Set<Long> deviceGroups) {
    public static final RuleResponse NONE = new RuleResponse(List.of(), Set.of());

    /** One automated action; {@code option} is the scan type or the file indicator's action, null for the others. */
    public record Action(ActionType type, String option) {
        public String format() {
            return option == null ? type.name() : type.name() + ":" + option;
        }

        public String label() {
            return type.label() + (option == null ? "" : " (" + (option.equals("BlockAndRemediate") ? "block and remediate"
                    : option.toLowerCase(Locale.ROOT)) + ")");
        }
    }

    public RuleResponse {
        actions = List.copyOf(actions);
        deviceGroups = java.util.Collections.unmodifiableSet(new TreeSet<>(deviceGroups));
    }

    public boolean has(ActionType t) {
        return actions.stream().anyMatch(a -> a.type() == t);
    }

    public String option(ActionType t) {
        return actions.stream().filter(a -> a.type() == t).map(Action::option).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    public String formatActions() {
        return String.join(",", actions.stream().map(Action::format).toList());
    }

    public String formatGroups() {
        return String.join(",", deviceGroups.stream().map(String::valueOf).toList());
    }

    /**
     * Reads the stored (or submitted) form. Types outside advanced hunting's offer are refused; a scan defaults to
     * quick and a file indicator to block and remediate.
     *
     * @throws DetectionRules.InvalidRuleException naming {@code actions} or {@code deviceGroups}
     */
    public static RuleResponse parse(String actions, String groups) {
        List<Action> out = new ArrayList<>();
        Set<ActionType> seen = new LinkedHashSet<>();
        for (String part : (actions == null ? "" : actions).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.strip().split(":", 2);
            ActionType t;
            try {
                t = ActionType.valueOf(kv[0].strip());
            } catch (IllegalArgumentException e) {
                throw new DetectionRules.InvalidRuleException("actions", "'" + kv[0].strip() + "' is not an automated action");
            }
            if (HuntingActions.OFFERED.values().stream().noneMatch(l -> l.contains(t))) {
                throw new DetectionRules.InvalidRuleException("actions", t.label() + " cannot be taken automatically by a rule");
            }
            if (!seen.add(t)) {
                continue;
            }
            String option = kv.length > 1 ? kv[1].strip() : null;
            if (t == ActionType.RUN_ANTIVIRUS_SCAN) {
                option = "full".equalsIgnoreCase(option) ? "full" : "quick";
            } else if (t == ActionType.ADD_FILE_INDICATOR) {
                option = "Allowed".equalsIgnoreCase(option) ? "Allowed" : "BlockAndRemediate";
            } else {
                option = null;
            }
            out.add(new Action(t, option));
        }
        Set<Long> ids = new TreeSet<>();
        for (String g : (groups == null ? "" : groups).split(",")) {
            if (!g.isBlank()) {
                try {
                    ids.add(Long.parseLong(g.strip()));
                } catch (NumberFormatException e) {
                    throw new DetectionRules.InvalidRuleException("deviceGroups", "'" + g.strip() + "' is not a device group id");
                }
            }
        }
        // Keep the catalogue's order, whatever order the form sent.
        List<ActionType> order = HuntingActions.OFFERED.values().stream().flatMap(List::stream).toList();
        out.sort(java.util.Comparator.comparingInt(a -> order.indexOf(a.type())));
        return new RuleResponse(out, ids);
    }
}
