package dev.rampart.portal.detection;

import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import java.util.List;

/** Form values of a rule page; {@code rule} is null when creating. */
public record RuleForm(DetectionRule rule, String name, String query, String frequency, String title, String description, String severity,
                       String category, String mitre, String actions, String entities, List<DetectionRules.Run> runs, boolean canManage,
                       String notice, String error, String errorField) {
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
