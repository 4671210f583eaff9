package dev.rampart.portal.incidents;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an incident's automatic name depends on, kept so that it can be updated alert by alert: a name only tells
 * none / one / several devices, users and mailboxes, so up to two distinct keys per entity type are enough.
 */
final class NameState {
    private int alerts;
    private String firstTitle;
    private final Set<Category> categories = EnumSet.noneOf(Category.class);
    private final Set<String> sources = new HashSet<>();
    private final Set<String> devices = new TreeSet<>();
    private final Set<String> users = new TreeSet<>();
    private final Set<String> mailboxes = new TreeSet<>();

    /** From stored aggregates; {@code devices}/{@code users}/{@code mailboxes} hold up to two distinct keys each. */
    NameState(int alerts, String firstTitle, Set<Category> categories, Set<String> sources, Set<String> devices, Set<String> users,
              Set<String> mailboxes) {
        this.alerts = alerts;
        this.firstTitle = firstTitle;
        this.categories.addAll(categories);
        this.sources.addAll(sources);
        addUpToTwo(this.devices, devices);
        addUpToTwo(this.users, users);
        addUpToTwo(this.mailboxes, mailboxes);
    }

    static NameState of(NewAlert a) {
        NameState s = new NameState(0, null, Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
        s.add(a);
        return s;
    }

    void add(NewAlert a) {
        alerts++;
        firstTitle = alerts == 1 ? IncidentStore.clip(a.title(), 500) : null;
        categories.add(a.category());
        sources.add(a.serviceSource());
        for (Evidence e : a.evidence()) {
            if (!e.strong()) {
                continue;
            }
            String key = IncidentStore.clip(e.key(), 1000);
            switch (e.type()) {
                case DEVICE -> addUpToTwo(devices, Set.of(key));
                case USER -> addUpToTwo(users, Set.of(key));
                case MAILBOX -> addUpToTwo(mailboxes, Set.of(key));
                default -> {
                }
            }
        }
    }

    IncidentNamer.Facts facts() {
        return new IncidentNamer.Facts(alerts, firstTitle, categories, sources, devices.size(), users.size(), mailboxes.size());
    }

    String name() {
        return IncidentNamer.name(facts());
    }

    private static void addUpToTwo(Set<String> into, Set<String> keys) {
        for (String k : keys) {
            if (into.size() >= 2) {
                return;
            }
            into.add(k);
        }
    }
}
