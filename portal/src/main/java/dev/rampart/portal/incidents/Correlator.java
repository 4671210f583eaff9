package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.notifications.Notifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores new alerts and puts each into exactly one incident. A new alert joins the open incident that shares a
 * strong entity with it (device, user, mailbox, file hash, public IP or URL) on an alert whose activity lies within
 * the correlation window of the new alert's activity; if it links several open incidents they are merged into
 * one unless a blocker applies (different assignees, different classification or determination, too many
 * entities). Otherwise the alert starts a new incident. Every alert records why it was linked.
 */
@Service
public class Correlator {
    /** The identity that performs automatic correlation in activity logs and the audit log. */
    public static final String ACTOR = "Rampart - alert correlation";

    private final IncidentStore store;
    private final AlertTuning tuning;
    private final IncidentMerger merger;
    private final AuditLog audit;
    private final Notifications notifications;
    private final Duration window;
    private final int maxEntities;
    private final Clock clock;

    public Correlator(IncidentStore store, IncidentMerger merger, AuditLog audit, Notifications notifications, AlertTuning tuning,
                      @Value("${rampart.correlation.window:24h}") Duration window,
                      @Value("${rampart.correlation.max-entities:100}") int maxEntities) {
        this.store = store;
        this.tuning = tuning;
        this.merger = merger;
        this.audit = audit;
        this.notifications = notifications;
        this.window = window;
        this.maxEntities = maxEntities;
        this.clock = Clock.systemUTC();
    }

    public Duration window() {
        return window;
    }

    /** Stores, correlates and returns the alert (with its incident id and reason linked). Serialised: one at a time. */
    @Transactional
    public synchronized Alert raise(NewAlert a) {
        Instant now = clock.instant();
        String id = a.idPrefix() + UUID.randomUUID().toString().replace("-", "");
        Optional<TuningRule> tuned = tuning.match(a);
        if (tuned.isPresent() && tuned.get().action() == TuningRule.Action.HIDE) {
            return hide(id, a, tuned.get(), now);
        }
        List<Evidence> strong = a.evidence().stream().filter(Evidence::strong).toList();
        Map<Long, List<String>> linked = store.openIncidentsSharing(strong, a.firstActivity().minus(window), a.lastActivity().plus(window));
        long target;
        String reason;
        List<Long> others = new ArrayList<>();
        if (linked.isEmpty()) {
            target = store.insertIncident(a.title(), a.severity(), now);
            reason = strong.isEmpty() ? "New incident: the alert has no strong entity to correlate on."
                    : "New incident: no open incident shares a device, user, mailbox, file or uncommon address with it within "
                    + humanise(window) + ".";
            store.activity(target, now, ACTOR, "system", "Incident created from alert " + id + ": " + a.title());
            audit.recordAs(ACTOR, "incident.create", "incident", String.valueOf(target), a.title());
        } else {
            target = pickTarget(linked.keySet());
            reason = "Linked to incident " + target + ": shares " + describe(linked.get(target)) + " within " + humanise(window) + ".";
            linked.keySet().stream().filter(k -> k != target).forEach(others::add);
        }
        store.insertAlert(id, target, a, reason, now);
        store.activity(target, now, ACTOR, "alert", "Alert " + id + " added: " + a.title() + ". " + reason);
        audit.recordAs(ACTOR, "alert.create", "alert", id, a.title() + " -> incident " + target);
        for (long other : others) {
            Optional<String> blocker = merger.autoMergeBlocker(target, other, maxEntities);
            if (blocker.isEmpty()) {
                merger.merge(List.of(other), target, ACTOR, "Alert " + id + " links both incidents through " + describe(linked.get(other)) + ".");
            } else {
                store.activity(target, now, ACTOR, "system", "Not merged with incident " + other + " although alert " + id
                        + " links both: " + blocker.get());
            }
        }
        if (tuned.isPresent()) {
            store.tune(id, target, false, linked.isEmpty(), now);
            tuning.recordHit(tuned.get().id(), id, now);
            store.activity(target, now, ACTOR, "system", "Alert " + id + " resolved by tuning rule '" + tuned.get().name() + "'.");
        }
        store.refresh(target, now);
        merger.rename(target);
        if (linked.isEmpty() && tuned.isEmpty()) {
            Incident created = store.incident(target).orElseThrow();
            notifications.toHoldersOf(Permission.SECURITY_DATA_READ,
                    a.severity() == Severity.HIGH ? Notifications.Kind.WARNING : Notifications.Kind.INFORMATION,
                    "New " + a.severity().label().toLowerCase(java.util.Locale.ROOT) + " severity incident " + target,
                    created.displayName(), "/incidents/" + target);
        }
        return store.alert(id).orElseThrow();
    }

    /** A hidden alert correlates with nothing: it gets its own resolved, hidden incident so it still belongs to one. */
    private Alert hide(String id, NewAlert a, TuningRule rule, Instant now) {
        long target = store.insertIncident(a.title(), a.severity(), now);
        String reason = "Hidden by alert tuning rule '" + rule.name() + "'; not correlated.";
        store.insertAlert(id, target, a, reason, now);
        store.tune(id, target, true, true, now);
        tuning.recordHit(rule.id(), id, now);
        store.activity(target, now, ACTOR, "system", "Alert " + id + " hidden by tuning rule '" + rule.name() + "': " + a.title());
        audit.recordAs(ACTOR, "alert.create", "alert", id, a.title() + " -> hidden by tuning rule " + rule.id());
        store.refresh(target, now);
        return store.alert(id).orElseThrow();
    }

    /** The incident with the most alerts absorbs the others; ties go to the oldest. */
    private long pickTarget(java.util.Collection<Long> ids) {
        return ids.stream().map(i -> store.incident(i).orElseThrow())
                .max(Comparator.comparingInt(Incident::alertCount).thenComparing(Incident::id, Comparator.reverseOrder()))
                .orElseThrow().id();
    }

    static String describe(List<String> shared) {
        List<String> parts = shared.stream().limit(4).map(s -> {
            int c = s.indexOf(':');
            return EntityType.parse(s.substring(0, c)).label().toLowerCase(java.util.Locale.ROOT) + " " + s.substring(c + 1);
        }).toList();
        return String.join(", ", parts) + (shared.size() > 4 ? " and " + (shared.size() - 4) + " more" : "");
    }

    static String humanise(Duration d) {
        if (d.toMinutes() % 60 != 0) {
            return d.toMinutes() + " min";
        }
        return d.toHours() % 24 == 0 && d.toHours() >= 48 ? d.toDays() + " days" : d.toHours() + " h";
    }
}
