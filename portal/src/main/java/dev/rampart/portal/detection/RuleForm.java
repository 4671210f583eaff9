package dev.rampart.portal.detection;

import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import java.util.List;

/**
 * Form values of a rule page; {@code rule} is null when creating. {@code allowed}: the automated actions the user may
 * add; {@code triggered}: actions the rule's alerts led to, newest first.
 */
public record RuleForm(DetectionRule rule, String name, String query, String frequency, String title, String description, String severity,
                       String category, String mitre, String actions, String entities, List<DetectionRules.Run> runs, boolean canManage,
                       String notice, String error, String errorField, RuleResponse response,
                       List<dev.rampart.portal.access.DeviceGroup> deviceGroups, java.util.Set<dev.rampart.portal.response.ActionType> allowed,
                       List<dev.rampart.portal.response.ResponseAction> triggered) {
    public List<Frequency> frequencies() {
        return List.of(Frequency.values());
    }

    public List<Severity> severities() {
        return List.of(Severity.values());
    }

    public List<Category> categories() {
        return List.of(Category.values());
    }
}
