package dev.rampart.portal.detection;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import dev.rampart.portal.sigma.SigmaParser;
import dev.rampart.portal.sigma.SigmaRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Imported Sigma rules as custom detections. Importing keeps the rule's YAML ({@link SigmaRules}) and, when it
 * compiles, creates or refreshes a detection rule from it: Sigma title, description, id and author (named in the
 * alert description, as the Detection Rule License asks), level as severity, ATT&CK tags as category and techniques,
 * the generated KQL as query, every hour. New rules are off until an administrator turns them on, except that
 * {@code enableHighAndCritical} turns on new rules of level high or critical.
 */
@Service
public class SigmaDetections {
    private static final Map<String, Category> TACTICS = Map.ofEntries(Map.entry("initial_access", Category.INITIAL_ACCESS),
            Map.entry("execution", Category.EXECUTION), Map.entry("persistence", Category.PERSISTENCE),
            Map.entry("privilege_escalation", Category.PRIVILEGE_ESCALATION), Map.entry("defense_evasion", Category.DEFENSE_EVASION),
            Map.entry("credential_access", Category.CREDENTIAL_ACCESS), Map.entry("discovery", Category.DISCOVERY),
            Map.entry("lateral_movement", Category.LATERAL_MOVEMENT), Map.entry("collection", Category.COLLECTION),
            Map.entry("command_and_control", Category.COMMAND_AND_CONTROL), Map.entry("exfiltration", Category.EXFILTRATION),
            Map.entry("impact", Category.IMPACT));

    private final SigmaRules sigma;
    private final DetectionRules rules;

    public SigmaDetections(SigmaRules sigma, DetectionRules rules) {
        this.sigma = sigma;
        this.rules = rules;
    }

    /**
     * One Sigma rule and its detection rule. {@code status} is {@code on}, {@code off} or {@code unsupported};
     * {@code reason} says why an unsupported rule has no detection.
     */
    public record Row(SigmaRules.RuleStatus sigma, DetectionRule rule, String status, String reason) {
    }

    /**
     * Imports one rule (YAML text) and creates or refreshes its detection rule.
     *
     * @throws SigmaParser.InvalidRuleException if the text is not a Sigma rule with an id (nothing stored)
     */
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public Row importYaml(String yaml, String source, boolean enableHighAndCritical) throws SigmaParser.InvalidRuleException, IOException {
        return sync(sigma.importRule(yaml, source), enableHighAndCritical);
    }

    /** Imports every rule file under a folder (or one file). */
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public List<Row> importPath(Path path, boolean enableHighAndCritical) throws IOException {
        List<Row> out = new ArrayList<>();
        for (SigmaRules.RuleStatus s : sigma.importPath(path)) {
            out.add(s.id() == null ? new Row(s, null, "unsupported", s.reason()) : sync(s, enableHighAndCritical));
        }
        return out;
    }

    /** Every imported Sigma rule with its detection rule, by title. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<Row> list() {
        Map<String, DetectionRule> bySigma = rules.all().stream().filter(DetectionRule::fromSigma)
                .collect(Collectors.toMap(r -> r.sigmaId().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        return sigma.list().stream().map(s -> {
            DetectionRule r = s.id() == null ? null : bySigma.get(s.id().toLowerCase(Locale.ROOT));
            if (r != null) {
                return new Row(s, r, r.enabled() ? "on" : "off", null);
            }
            return new Row(s, null, "unsupported", s.compiled() ? "The generated query is not a valid detection." : s.reason());
        }).toList();
    }

    private Row sync(SigmaRules.RuleStatus s, boolean enableHighAndCritical) {
        if (!s.compiled()) {
            return new Row(s, null, "unsupported", s.reason());
        }
        try {
            DetectionRule r = rules.upsertSigma(s.id(), s.author(), s.level(), draft(s, enableHighAndCritical));
            return new Row(s, r, r.enabled() ? "on" : "off", null);
        } catch (DetectionRules.InvalidRuleException e) {
            return new Row(s, null, "unsupported", "The generated query is not a valid detection: " + e.getMessage());
        }
    }

    static RuleDraft draft(SigmaRules.RuleStatus s, boolean enableHighAndCritical) {
        Severity severity = severity(s.level());
        String description = (s.description() == null ? "" : s.description().strip() + "\n\n") + "Sigma rule " + s.id()
                + (s.author() == null ? "" : " by " + s.author()) + ", distributed under the Detection Rule License (DRL) 1.1.";
        List<String> techniques = s.techniques().stream().filter(t -> t.matches("T\\d{4}(\\.\\d{3})?")).distinct().toList();
        boolean on = enableHighAndCritical && Set.of("high", "critical").contains(level(s.level()));
        String title = s.title().length() > 500 ? s.title().substring(0, 500) : s.title();
        return new RuleDraft(s.title().length() > 200 ? s.title().substring(0, 200) : s.title(), s.kql(), Frequency.HOUR_1,
                title + (hasDeviceName(s.kql()) ? " on {{DeviceName}}" : ""),
                description.length() > 4000 ? description.substring(0, 4000) : description, severity, category(s.tags()), techniques,
                "Review the matching events; the rule's false-positive notes are in its Sigma source.", EntityMapping.automatic(), on);
    }

    private static boolean hasDeviceName(String kql) {
        String table = DetectionEngine.singleTable(kql);
        return table != null && dev.rampart.kql.schema.HuntingSchema.get().table(table)
                .map(t -> t.columns().stream().anyMatch(c -> c.name().equals("DeviceName"))).orElse(false);
    }

    private static String level(String level) {
        return level == null ? "" : level.strip().toLowerCase(Locale.ROOT);
    }

    /** Sigma level → alert severity: critical and high are High, medium Medium, low Low, informational Informational. */
    static Severity severity(String level) {
        return switch (level(level)) {
            case "critical", "high" -> Severity.HIGH;
            case "medium" -> Severity.MEDIUM;
            case "low" -> Severity.LOW;
            default -> Severity.INFORMATIONAL;
        };
    }

    /** The first ATT&CK tactic tag (attack.defense_evasion...), else Suspicious activity. */
    static Category category(List<String> tags) {
        for (String t : tags == null ? List.<String>of() : tags) {
            String k = t.toLowerCase(Locale.ROOT).replace('-', '_');
            if (k.startsWith("attack.") && TACTICS.containsKey(k.substring(7))) {
                return TACTICS.get(k.substring(7));
            }
        }
        return Category.SUSPICIOUS_ACTIVITY;
    }
}
