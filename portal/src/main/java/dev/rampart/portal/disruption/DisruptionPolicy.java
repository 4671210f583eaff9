package dev.rampart.portal.disruption;

import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When an incident is a high-confidence attack in progress, and which of its assets the attacker controls. Two
 * patterns qualify, counting only open high-severity alerts: a ransomware alert; or high-severity alerts of at
 * least two tactics, one of them credential access, lateral movement, exfiltration or impact (hands-on-keyboard
 * activity past the foothold). The attacker's assets are the devices and user accounts those alerts name, without
 * service identities.
 */
final class DisruptionPolicy {
    /** Tactics that show an attack past its first foothold. */
    static final Set<Category> ADVANCED = Set.of(Category.CREDENTIAL_ACCESS, Category.LATERAL_MOVEMENT, Category.EXFILTRATION, Category.IMPACT,
            Category.RANSOMWARE);

    record Decision(String reason, Set<String> devices, Set<String> users) {
    }

    private DisruptionPolicy() {
    }

    static Optional<Decision> evaluate(List<Alert> alerts) {
        List<Alert> high = alerts.stream().filter(a -> a.severity() == Severity.HIGH && a.status() != AlertStatus.RESOLVED).toList();
        Set<Category> tactics = new LinkedHashSet<>();
        high.forEach(a -> tactics.add(a.category()));
        String reason;
        if (tactics.contains(Category.RANSOMWARE)) {
            reason = "ransomware activity (" + titles(high, Category.RANSOMWARE) + ")";
        } else if (tactics.size() >= 2 && tactics.stream().anyMatch(ADVANCED::contains)) {
            reason = "high-severity alerts of " + tactics.size() + " tactics (" + String.join(", ", tactics.stream().map(Category::label).toList()) + ")";
        } else {
            return Optional.empty();
        }
        Set<String> devices = new LinkedHashSet<>();
        // One account may be named by UPN in one alert and by account name in another: keep one, the UPN when known.
        java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
        for (Alert a : high) {
            for (Evidence e : a.evidence()) {
                if (e.type() == EntityType.DEVICE) {
                    devices.add(e.display());
                } else if (e.type() == EntityType.USER && e.strong()) {
                    users.merge(accountName(e.key()), e.display(), (was, now) -> was.contains("@") ? was : now);
                }
            }
        }
        return devices.isEmpty() && users.isEmpty() ? Optional.empty()
                : Optional.of(new Decision(reason, devices, new LinkedHashSet<>(users.values())));
    }

    /** The account name of a user evidence key: without a domain prefix or a UPN suffix. */
    static String accountName(String key) {
        int at = key.indexOf('@');
        return at > 0 ? key.substring(0, at) : key;
    }

    private static String titles(List<Alert> alerts, Category c) {
        return String.join("; ", alerts.stream().filter(a -> a.category() == c).map(Alert::title).distinct().limit(2).toList());
    }
}
