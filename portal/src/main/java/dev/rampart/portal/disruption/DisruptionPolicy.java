package dev.rampart.portal.disruption;

import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Classification;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When an incident is a high-confidence attack in progress, and which of its assets the attacker controls. Only
 * built-in detections count (an analyst's linked alert or a custom rule's can be shaped by anyone who writes them),
 * and only open, high-severity alerts raised since {@code since} that no analyst classified as false positive or
 * expected activity. Two patterns qualify: a ransomware alert; or alerts of at least two ATT&CK tactics, one of them
 * credential access, lateral movement, exfiltration or impact (hands-on-keyboard activity past the foothold). The
 * targets are the devices and user accounts those alerts name, unless their evidence is judged clean; built-in
 * system identities never are.
 */
final class DisruptionPolicy {
    /** Tactics that show an attack past its first foothold. */
    static final Set<Category> ADVANCED = Set.of(Category.CREDENTIAL_ACCESS, Category.LATERAL_MOVEMENT, Category.EXFILTRATION, Category.IMPACT);
    /** Detection sources whose alerts people shape themselves. */
    static final Set<String> AUTHORED = Set.of("manual", "customDetection");

    /** One target: {@code key} identifies it (host name of a device; UPN, or account name, of a user), {@code display} names it. */
    record Target(String key, String display) {
    }

    record Decision(String reason, List<Target> devices, List<Target> users) {
    }

    private DisruptionPolicy() {
    }

    static boolean counts(Alert a, Instant since) {
        return a.severity() == Severity.HIGH && a.status() != AlertStatus.RESOLVED && !AUTHORED.contains(a.detectionSource())
                && a.classification() != Classification.FALSE_POSITIVE && a.classification() != Classification.INFORMATIONAL_EXPECTED_ACTIVITY
                && (since == null || !a.createdAt().isBefore(since));
    }

    static Optional<Decision> evaluate(List<Alert> alerts, Instant since) {
        List<Alert> high = alerts.stream().filter(a -> counts(a, since)).toList();
        Set<Category> tactics = new LinkedHashSet<>();
        high.stream().map(Alert::category).filter(Category::tactic).forEach(tactics::add);
        String reason;
        List<Alert> qualifying;
        if (high.stream().anyMatch(a -> a.category() == Category.RANSOMWARE)) {
            qualifying = high.stream().filter(a -> a.category() == Category.RANSOMWARE || a.category().tactic()).toList();
            reason = "ransomware activity (" + String.join("; ", high.stream().filter(a -> a.category() == Category.RANSOMWARE).map(Alert::title)
                    .distinct().limit(2).toList()) + ")";
        } else if (tactics.size() >= 2 && tactics.stream().anyMatch(ADVANCED::contains)) {
            qualifying = high.stream().filter(a -> a.category().tactic()).toList();
            reason = "high-severity alerts of " + tactics.size() + " tactics (" + String.join(", ", tactics.stream().map(Category::label).toList()) + ")";
        } else {
            return Optional.empty();
        }
        Map<String, Target> devices = new LinkedHashMap<>();
        List<Evidence> users = new ArrayList<>();
        for (Alert a : qualifying) {
            for (Evidence e : a.evidence()) {
                if ("clean".equals(e.verdict())) {
                    continue;
                }
                if (e.type() == EntityType.DEVICE) {
                    devices.putIfAbsent(e.key(), new Target(e.key(), e.display()));
                } else if (e.type() == EntityType.USER && e.strong()) {
                    users.add(e);
                }
            }
        }
        List<Target> accounts = accounts(users);
        return devices.isEmpty() && accounts.isEmpty() ? Optional.empty() : Optional.of(new Decision(reason, List.copyOf(devices.values()), accounts));
    }

    /**
     * One target per account. A UPN is its own key; {@code DOMAIN\name} joins the UPN {@code name@domain.…} when one
     * is named (same name, the domain the UPN's first label), and a bare name joins the only UPN with that name.
     * Otherwise names stay apart: {@code CORP\bob} and {@code PARTNER\bob} are two accounts.
     */
    static List<Target> accounts(List<Evidence> users) {
        Map<String, Target> byKey = new LinkedHashMap<>();
        List<String> upns = new ArrayList<>();
        for (Evidence e : users) {
            String v = e.display().strip().toLowerCase(Locale.ROOT);
            if (v.contains("@") && !v.contains("\\")) {
                byKey.putIfAbsent(v, new Target(v, e.display()));
                upns.add(v);
            }
        }
        for (Evidence e : users) {
            String v = e.display().strip().toLowerCase(Locale.ROOT);
            if (v.contains("@") && !v.contains("\\")) {
                continue;
            }
            int slash = v.indexOf('\\');
            String domain = slash > 0 ? v.substring(0, slash) : null;
            String name = slash >= 0 ? v.substring(slash + 1) : v;
            List<String> same = upns.stream().filter(u -> u.substring(0, u.indexOf('@')).equals(name)
                    && (domain == null || u.substring(u.indexOf('@') + 1).split("\\.", 2)[0].equals(domain))).distinct().toList();
            if (same.size() == 1) {
                continue;
            }
            byKey.putIfAbsent(v, new Target(v, e.display()));
        }
        return List.copyOf(byKey.values());
    }
}
