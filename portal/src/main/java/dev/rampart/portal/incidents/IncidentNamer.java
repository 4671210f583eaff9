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

    /**
     * What a name depends on, so it can be computed from aggregates without loading the alerts.
     *
     * @param firstTitle title of the only alert (used when {@code alerts == 1})
     */
    public record Facts(int alerts, String firstTitle, Set<Category> categories, Set<String> sources, long devices, long users, long mailboxes) {
    }

    public static String name(Collection<Alert> alerts) {
        return name(new Facts(alerts.size(), alerts.isEmpty() ? null : alerts.iterator().next().title(),
                alerts.stream().map(Alert::category).collect(Collectors.toSet()), alerts.stream().map(Alert::serviceSource).collect(Collectors.toSet()),
                distinct(alerts, EntityType.DEVICE), distinct(alerts, EntityType.USER), distinct(alerts, EntityType.MAILBOX)));
    }

    public static String name(Facts f) {
        if (f.alerts() == 0) {
            return "Incident without alerts";
        }
        String scope = scope(f);
        if (f.alerts() == 1) {
            return f.firstTitle() + (scope.isEmpty() ? "" : " " + scope);
        }
        List<Category> categories = new TreeSet<>(f.categories()).stream().toList();
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
        if (f.sources().size() > 1) {
            name.append(" reported by multiple sources");
        }
        return name.toString();
    }

    private static String scope(Facts f) {
        if (f.devices() > 0) {
            return f.devices() == 1 ? "on one endpoint" : "on multiple endpoints";
        }
        if (f.users() > 0) {
            return f.users() == 1 ? "involving one user" : "involving multiple users";
        }
        if (f.mailboxes() > 0) {
            return f.mailboxes() == 1 ? "involving one mailbox" : "involving multiple mailboxes";
        }
        return "";
    }

    private static long distinct(Collection<Alert> alerts, EntityType type) {
        return alerts.stream().flatMap(a -> a.evidenceOf(type).stream()).filter(Evidence::strong).map(Evidence::key).distinct().count();
    }
}
