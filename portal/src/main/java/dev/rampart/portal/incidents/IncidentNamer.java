package dev.rampart.portal.incidents;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Automatic incident names in the reference style: a single alert keeps its title; several alerts are named by
 * their tactics (first and last in kill-chain order), the scope of assets, and whether several sources reported.
 */
public final class IncidentNamer {
    private IncidentNamer() {
    }

    public static String name(Collection<Alert> alerts) {
        if (alerts.isEmpty()) {
            return "Incident without alerts";
        }
        String scope = scope(alerts);
        if (alerts.size() == 1) {
            Alert a = alerts.iterator().next();
            return a.title() + (scope.isEmpty() ? "" : " " + scope);
        }
        List<Category> categories = new TreeSet<>(alerts.stream().map(Alert::category).toList()).stream().toList();
        List<Category> tactics = categories.stream().filter(Category::tactic).toList();
        StringBuilder name = new StringBuilder();
        if (tactics.size() >= 2) {
            name.append("Multi-stage incident involving ").append(tactics.get(0).label()).append(" & ")
                    .append(tactics.get(tactics.size() - 1).label());
        } else if (categories.size() == 1) {
            name.append(categories.get(0).label()).append(" incident");
        } else {
            name.append("Multi-stage incident");
        }
        if (!scope.isEmpty()) {
            name.append(' ').append(scope);
        }
        Set<String> sources = alerts.stream().map(Alert::serviceSource).collect(Collectors.toSet());
        if (sources.size() > 1) {
            name.append(" reported by multiple sources");
        }
        return name.toString();
    }

    private static String scope(Collection<Alert> alerts) {
        long devices = distinct(alerts, EntityType.DEVICE);
        if (devices > 0) {
            return devices == 1 ? "on one endpoint" : "on multiple endpoints";
        }
        long users = distinct(alerts, EntityType.USER);
        if (users > 0) {
            return users == 1 ? "involving one user" : "involving multiple users";
        }
        long mailboxes = distinct(alerts, EntityType.MAILBOX);
        if (mailboxes > 0) {
            return mailboxes == 1 ? "involving one mailbox" : "involving multiple mailboxes";
        }
        return "";
    }

    private static long distinct(Collection<Alert> alerts, EntityType type) {
        return alerts.stream().flatMap(a -> a.evidenceOf(type).stream()).filter(Evidence::strong).map(Evidence::key).distinct().count();
    }
}
