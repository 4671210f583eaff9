package dev.rampart.portal.incidents;

import java.util.List;

/** Model of the alert tuning page; {@code shown} is the rule whose caught alerts are listed. */
public record TuningPage(List<TuningRule> rules, Long shown, List<Alert> caught, String notice, String error, boolean canManage) {
    public List<String> fields() {
        return TuningRule.Condition.FIELDS;
    }
}
