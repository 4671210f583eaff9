package dev.rampart.portal.detection;

import java.util.List;

/**
 * An imported Sigma rule as the API and the Sigma page show it: the rule, its generated KQL (or why it has none),
 * and its detection rule ({@code detectionStatus} on, off or unsupported).
 */
public record SigmaRuleView(String id, String title, String author, String level, String logsource, List<String> techniques,
                            boolean compiled, String kql, String reason, Long detectionRuleId, String detectionStatus) {
    static SigmaRuleView of(SigmaDetections.Row r) {
        var s = r.sigma();
        return new SigmaRuleView(s.id(), s.title(), s.author(), s.level(), s.logsource(), s.techniques(), s.compiled(), s.kql(),
                r.reason(), r.rule() == null ? null : r.rule().id(), r.status());
    }
}
