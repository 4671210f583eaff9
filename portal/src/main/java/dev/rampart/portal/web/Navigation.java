package dev.rampart.portal.web;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.workloads.Workloads;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * All navigation entries contributed by features, and the part of them a given user may open: the permission the
 * entry names, and a page of a workload that is on ({@link Workloads#allowsPath}).
 */
@Component
public class Navigation {
    private final List<NavEntry> entries;
    private final Workloads workloads;

    Navigation(List<NavigationContributor> contributors, Workloads workloads) {
        this.workloads = workloads;
        this.entries = contributors.stream().flatMap(c -> c.navEntries().stream())
                .sorted(Comparator.comparing(NavEntry::group).thenComparingInt(NavEntry::order)).toList();
    }

    /** Every entry of every feature, whoever may see it. */
    public List<NavEntry> all() {
        return entries;
    }

    public List<NavEntry> visibleTo(Authentication auth) {
        var on = workloads.enabled();
        return entries.stream().filter(e -> e.permission() == null || AccessPolicy.can(auth, e.permission()))
                .filter(e -> dev.rampart.portal.workloads.Workload.owning(e.path()).map(on::contains).orElse(true)).toList();
    }

    public List<ShellModel.Section> sectionsFor(Authentication auth) {
        Map<NavGroup, List<NavEntry>> byGroup = new EnumMap<>(NavGroup.class);
        for (NavEntry e : visibleTo(auth)) {
            byGroup.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e);
        }
        List<ShellModel.Section> sections = new ArrayList<>();
        byGroup.forEach((g, list) -> sections.add(new ShellModel.Section(g.label(), list)));
        return sections;
    }

    /** Entries the user may open whose label or group contains {@code text}, case-insensitively. */
    public List<NavEntry> search(Authentication auth, String text) {
        String q = text.toLowerCase(Locale.ROOT).trim();
        if (q.isEmpty()) {
            return List.of();
        }
        return visibleTo(auth).stream()
                .filter(e -> e.label().toLowerCase(Locale.ROOT).contains(q) || e.group().label().toLowerCase(Locale.ROOT).contains(q))
                .toList();
    }
}
