package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.notifications.Notifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores new alerts and puts each into exactly one incident. A new alert joins the open incident that shares a
 * strong entity with it (device, user, mailbox, file hash, public IP or URL) on an alert whose activity lies within
 * the correlation window of the new alert's activity; if it links several open incidents they are merged into
 * one unless a blocker applies (different assignees, different classification or determination, too many
 * entities). Otherwise the alert starts a new incident. Every alert records why it was linked.
 *
 * <p>One portal process owns the incident tables: the entity index, known-entity filter and candidate cache that keep
 * correlation fast are kept in step by this process's writes only, so two portals on one database would each miss
 * the other's changes.
 */
@Service
public class Correlator {
    /** The identity that performs automatic correlation in activity logs and the audit log. */
    public static final String ACTOR = "Rampart - alert correlation";
    /** Beyond this many new incidents in one call, analysts get one summary notification instead of one each. */
    static final int NOTIFY_EACH_UP_TO = 5;

    private final IncidentStore store;
    private final AlertTuning tuning;
    private final IncidentMerger merger;
    private final AuditLog audit;
    private final Notifications notifications;
    private final Duration window;
    private final int maxEntities;
    private final Clock clock;
    /**
     * Name facts of recently grown incidents, so a growing incident is not rescanned per alert; see {@link #nameAfterAdd}.
     * Oldest evicted first (insertion order, for the reason given on {@link EntityIncidentIndex}'s map).
     */
    private final Map<Long, Named> names = new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Named> eldest) {
            return size() > 200_000;
        }
    };

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
        return raiseAll(List.of(a)).get(0);
    }

    /**
     * Stores and correlates the alerts in order, in one transaction, each seeing the ones before it; returns them
     * stored, in the same order. Detectors that produce several alerts at once (a rule run, an ingest batch) should
     * use this: the alert, incident, audit and notification writes are batched.
     */
    @Transactional
    public synchronized List<Alert> raiseAll(List<NewAlert> alerts) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Writes writes = new Writes();
        List<Alert> out = new ArrayList<>(alerts.size());
        try {
            if (alerts.size() > 1) {
                // The incidents the alerts link to at the start, read in one statement rather than one per alert.
                java.util.Set<Long> linked = new java.util.HashSet<>();
                for (NewAlert a : alerts) {
                    Map<Long, List<String>> sharing = store.incidentsSharing(a.evidence().stream().filter(Evidence::strong).toList(),
                            a.firstActivity().minus(window), a.lastActivity().plus(window));
                    writes.storedSharing.put(a, sharing);
                    linked.addAll(sharing.keySet());
                }
                writes.candidates(linked);
            }
            for (NewAlert a : alerts) {
                out.add(correlate(a, now, writes));
            }
            writes.flush();
        } catch (RuntimeException e) {
            // The transaction rolls back: cached name facts may describe rows that no longer exist.
            names.clear();
            throw e;
        }
        if (writes.created.size() > NOTIFY_EACH_UP_TO) {
            notifications.toHoldersOf(Permission.SECURITY_DATA_READ, Notifications.Kind.INFORMATION,
                    writes.created.size() + " new incidents", "Alert correlation created " + writes.created.size()
                            + " incidents at once; the queue lists them.", "/incidents");
        } else {
            writes.created.forEach(c -> notifications.toHoldersOf(Permission.SECURITY_DATA_READ,
                    c.severity() == Severity.HIGH ? Notifications.Kind.WARNING : Notifications.Kind.INFORMATION,
                    "New " + c.severity().label().toLowerCase(java.util.Locale.ROOT) + " severity incident " + c.id(), c.name(),
                    "/incidents/" + c.id()));
        }
        return out;
    }

    /**
     * Stores alerts an analyst placed by hand (advanced hunting's "link to incident"): all go to {@code incident}, or
     * to one new incident when it is null, without correlation or tuning rules. The caller checks that the analyst
     * may manage that incident and audits the link under the analyst's name.
     *
     * @return the alerts stored, in order
     */
    @Transactional
    public synchronized List<Alert> raiseInto(List<NewAlert> alerts, Long incident, String actor) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Writes writes = new Writes();
        List<Alert> out = new ArrayList<>(alerts.size());
        long target;
        String reason;
        try {
            if (incident == null) {
                NewAlert first = alerts.get(0);
                String name = NameState.of(first).name();
                target = store.insertIncidentFor(first, name, now);
                writes.created.add(new Created(target, first.severity(), name));
                reason = "New incident created by " + actor + " from advanced hunting results.";
            } else {
                target = incident;
                reason = "Linked to incident " + target + " by " + actor + " from advanced hunting results.";
            }
            for (NewAlert a : alerts) {
                String id = AlertIds.next(a.idPrefix(), now);
                writes.alert(id, target, a, reason, now);
                out.add(asAlert(id, target, a, reason, now));
            }
            writes.flush();
            store.refresh(target, now);
            names.remove(target);
            merger.rename(target);
        } catch (RuntimeException e) {
            names.clear();
            throw e;
        }
        writes.created.forEach(c -> notifications.toHoldersOf(Permission.SECURITY_DATA_READ,
                c.severity() == Severity.HIGH ? Notifications.Kind.WARNING : Notifications.Kind.INFORMATION,
                "New " + c.severity().label().toLowerCase(java.util.Locale.ROOT) + " severity incident " + c.id(), c.name(),
                "/incidents/" + c.id()));
        return out;
    }

    private Alert correlate(NewAlert a, Instant now, Writes writes) {
        String id = AlertIds.next(a.idPrefix(), now);
        Optional<TuningRule> tuned = tuning.match(a);
        if (tuned.isPresent() && tuned.get().action() == TuningRule.Action.HIDE) {
            writes.flush();
            return hide(id, a, tuned.get(), now);
        }
        List<Evidence> strong = a.evidence().stream().filter(Evidence::strong).toList();
        Instant from = a.firstActivity().minus(window);
        Instant to = a.lastActivity().plus(window);
        Map<Long, List<String>> linked = writes.storedSharing(a, strong, from, to);
        writes.sharing(strong, from, to, linked);
        Map<Long, IncidentStore.Candidate> candidates = writes.candidates(linked.keySet());
        // An incident another transaction has not committed yet is not visible here: it cannot be joined.
        linked.keySet().removeIf(k -> candidates.get(k) == null || !candidates.get(k).status().open());
        long target;
        String reason;
        IncidentStore.Candidate chosen = null;
        List<Long> others = new ArrayList<>();
        if (linked.isEmpty()) {
            NameState state = NameState.of(a);
            String name = state.name();
            target = store.insertIncidentFor(a, name, now);
            names.put(target, new Named(1, now, state));
            writes.known.put(target, new IncidentStore.Candidate(target, IncidentStatus.ACTIVE, 1, a.severity(), false, IncidentStore.clip(name, 500),
                    false, now));
            reason = strong.isEmpty() ? "New incident: the alert has no strong entity to correlate on."
                    : "New incident: no open incident shares a device, user, mailbox, file or uncommon address with it within "
                    + humanise(window) + ".";
            // The activity log shows the alert and its reason from the alert row itself (IncidentStore#activities).
            writes.audit(id, target, true);
            if (tuned.isEmpty()) {
                writes.created.add(new Created(target, a.severity(), name));
            }
            writes.alert(id, target, a, reason, now);
        } else {
            // The incident with the most alerts absorbs the others; ties go to the oldest.
            // Only open linked incidents compete: a resolved one that shares the entity takes no new alerts.
            chosen = linked.keySet().stream().map(candidates::get)
                    .max(Comparator.comparingInt(IncidentStore.Candidate::alertCount)
                            .thenComparing(IncidentStore.Candidate::id, Comparator.reverseOrder()))
                    .orElseThrow();
            target = chosen.id();
            reason = "Linked to incident " + target + ": shares " + describe(linked.get(target)) + " within " + humanise(window) + ".";
            linked.keySet().stream().filter(k -> k != target).forEach(others::add);
            writes.alert(id, target, a, reason, now);
            writes.grow(chosen, a, now);
            writes.audit(id, target, false);
        }
        boolean merged = false;
        if (!others.isEmpty()) {
            // Merging moves alerts and copies activity logs: everything pending must be in the tables first.
            writes.flush();
            for (long other : others) {
                Optional<String> blocker = merger.autoMergeBlocker(target, other, maxEntities);
                writes.known.clear();
                if (blocker.isEmpty()) {
                    merged = true;
                    merger.merge(List.of(other), target, ACTOR, "Alert " + id + " links both incidents through " + describe(linked.get(other)) + ".", id);
                } else {
                    store.activity(target, now, ACTOR, "system", "Not merged with incident " + other + " although alert " + id
                            + " links both: " + blocker.get(), id);
                }
            }
        }
        if (tuned.isPresent()) {
            writes.flush();
            writes.known.clear();
            store.tune(id, target, false, linked.isEmpty(), now);
            tuning.recordHit(tuned.get().id(), id, now);
            store.activity(target, now, ACTOR, "system", "Alert " + id + " resolved by tuning rule '" + tuned.get().name() + "'.", id);
            store.refresh(target, now);
            merger.rename(target);
            return store.alert(id).orElseThrow();
        }
        if (merged) {
            names.remove(target);
            others.forEach(names::remove);
        } else if (!linked.isEmpty()) {
            nameAfterAdd(chosen, a, now, writes);
        }
        return asAlert(id, target, a, reason, now);
    }

    /**
     * Renames an incident that gained alert {@code a} (already stored) from its cached name facts when they are
     * current — same alert count and last update as when cached — and from one scan of its alerts otherwise.
     */
    private void nameAfterAdd(IncidentStore.Candidate c, NewAlert a, Instant now, Writes writes) {
        Named cached = names.get(c.id());
        NameState state;
        if (cached != null && cached.alerts() == c.alertCount() && cached.lastUpdate().equals(c.lastUpdate())) {
            state = cached.state();
            state.add(a);
        } else {
            writes.flush();
            state = store.nameState(c.id());
        }
        names.put(c.id(), new Named(c.alertCount() + 1, now, state));
        String name = IncidentStore.clip(state.name(), 500);
        if (!c.nameSetByUser() && !name.equals(c.displayName())) {
            writes.rename(c.id(), name);
        }
    }

    private record Named(int alerts, Instant lastUpdate, NameState state) {
    }

    /** The stored form of a new alert, as {@link IncidentStore#insertAlert} writes it. */
    private static Alert asAlert(String id, long incident, NewAlert a, String reason, Instant now) {
        return new Alert(id, incident, IncidentStore.clip(a.title(), 500), IncidentStore.clip(a.description(), 4000), a.severity(), AlertStatus.NEW,
                Classification.UNKNOWN, Determination.UNKNOWN, a.category(), a.mitreTechniques(), a.detectionSource(), a.serviceSource(),
                a.detectorId(), null, IncidentStore.clip(a.recommendedActions(), 4000), a.firstActivity(), a.lastActivity(), now, now, null,
                IncidentStore.clip(reason, 1000), a.evidence());
    }

    private record Created(long id, Severity severity, String name) {
    }

    /**
     * Rows of one call written together: alerts (with evidence and source rows), incident growth and audit. Until
     * flushed, the alerts are matched from memory by {@link #sharing}, so each alert still sees the ones before it.
     */
    private final class Writes {
        private final List<IncidentStore.NewRow> alerts = new ArrayList<>();
        /** "type:key" of the strong evidence of unwritten alerts → those alerts' incident and activity span. */
        private final Map<String, List<IncidentStore.NewRow>> pending = new java.util.HashMap<>();
        private final List<AuditLog.Change> changes = new ArrayList<>();
        private final Map<Long, List<String>> audited = new java.util.LinkedHashMap<>();
        private int auditAlerts;
        private int auditCreated;
        private final List<Created> created = new ArrayList<>();
        /** Incidents as this call last saw them, including its own unwritten growth and renames. */
        private final Map<Long, IncidentStore.Candidate> known = new java.util.HashMap<>();
        private final Map<Long, IncidentStore.Growth> growth = new java.util.LinkedHashMap<>();
        private final Map<Long, String> renames = new java.util.LinkedHashMap<>();
        /** What the stored alerts share with each alert of the call, read up front; valid until the first flush. */
        private final Map<NewAlert, Map<Long, List<String>>> storedSharing = new java.util.IdentityHashMap<>();

        /** The incidents of stored alerts sharing a strong entity with {@code a}: the up-front read while nothing was written since. */
        Map<Long, List<String>> storedSharing(NewAlert a, List<Evidence> strong, Instant from, Instant to) {
            Map<Long, List<String>> early = storedSharing.get(a);
            if (early == null) {
                return store.incidentsSharing(strong, from, to);
            }
            Map<Long, List<String>> copy = new java.util.TreeMap<>();
            early.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
            return copy;
        }

        /** The incidents' candidates: from this call's view, the rest read in one statement. */
        Map<Long, IncidentStore.Candidate> candidates(java.util.Set<Long> ids) {
            List<Long> missing = ids.stream().filter(k -> !known.containsKey(k)).toList();
            if (!missing.isEmpty()) {
                known.putAll(store.candidates(missing));
            }
            Map<Long, IncidentStore.Candidate> out = new java.util.HashMap<>();
            for (Long id : ids) {
                IncidentStore.Candidate c = known.get(id);
                if (c != null) {
                    out.put(id, c);
                }
            }
            return out;
        }

        /** Incident {@code c} gains alert {@code a}: written at the next flush, seen by this call at once. */
        void grow(IncidentStore.Candidate c, NewAlert a, Instant now) {
            Severity severity = c.severitySetByUser() ? c.severity() : Severity.max(c.severity(), a.severity());
            known.put(c.id(), new IncidentStore.Candidate(c.id(), c.status(), c.alertCount() + 1, severity, c.severitySetByUser(), c.displayName(),
                    c.nameSetByUser(), now));
            IncidentStore.Growth g = growth.get(c.id());
            growth.put(c.id(), g == null ? new IncidentStore.Growth(c.id(), 1, a.firstActivity(), a.lastActivity(), severity, now)
                    : g.plus(a, severity, now));
        }

        void rename(long incident, String name) {
            renames.put(incident, name);
            IncidentStore.Candidate c = known.get(incident);
            if (c != null) {
                known.put(incident, new IncidentStore.Candidate(c.id(), c.status(), c.alertCount(), c.severity(), c.severitySetByUser(), name,
                        c.nameSetByUser(), c.lastUpdate()));
            }
        }

        /**
         * Alerts are audited as one entry per flush naming every alert and its incident: the activity log of each
         * incident already shows an entry per alert, and an audit row per machine-made alert cost as much as the alert.
         */
        void audit(String alertId, long incident, boolean created) {
            auditAlerts++;
            if (created) {
                auditCreated++;
            }
            audited.computeIfAbsent(incident, k -> new ArrayList<>()).add(alertId);
        }

        /** Entries of at most the audit's 4,000 details characters; a long call takes several rather than losing names. */
        private void flushAudit() {
            if (auditAlerts > 0) {
                String head = auditAlerts + (auditAlerts == 1 ? " alert" : " alerts") + " into " + audited.size()
                        + (audited.size() == 1 ? " incident" : " incidents") + " (" + auditCreated + " new)";
                String target = audited.size() == 1 ? String.valueOf(audited.keySet().iterator().next()) : null;
                StringBuilder d = new StringBuilder(head);
                for (Map.Entry<Long, List<String>> e : audited.entrySet()) {
                    String part = "; " + e.getKey() + ": " + String.join(", ", e.getValue());
                    if (d.length() + part.length() > 4000 && d.length() > head.length()) {
                        changes.add(new AuditLog.Change(ACTOR, "alert.create", target == null ? "incidents" : "incident", target, d.toString()));
                        d = new StringBuilder(head).append(" continued");
                    }
                    d.append(part);
                }
                changes.add(new AuditLog.Change(ACTOR, "alert.create", target == null ? "incidents" : "incident", target,
                        IncidentStore.clip(d.toString(), 4000)));
            }
            audited.clear();
            auditAlerts = 0;
            auditCreated = 0;
        }

        void alert(String id, long incident, NewAlert a, String reason, Instant at) {
            IncidentStore.NewRow row = new IncidentStore.NewRow(id, incident, a, reason, at);
            alerts.add(row);
            for (Evidence e : a.evidence()) {
                if (e.strong()) {
                    pending.computeIfAbsent(IncidentStore.entityKey(e), k -> new ArrayList<>()).add(row);
                }
            }
        }

        /** Adds to {@code linked} the incidents of unwritten alerts sharing a strong entity, as the store lookup does. */
        void sharing(List<Evidence> strong, Instant from, Instant to, Map<Long, List<String>> linked) {
            if (pending.isEmpty()) {
                return;
            }
            for (Evidence e : strong) {
                boolean identity = e.type() == EntityType.USER || e.type() == EntityType.MAILBOX;
                for (String type : identity ? List.of("user", "mailbox") : List.of(e.type().key())) {
                    String entity = type + ":" + IncidentStore.clip(e.key(), 1000);
                    for (IncidentStore.NewRow r : pending.getOrDefault(entity, List.of())) {
                        if (!r.alert().lastActivity().isBefore(from) && !r.alert().firstActivity().isAfter(to)) {
                            List<String> shared = linked.computeIfAbsent(r.incidentId(), k -> new ArrayList<>());
                            if (!shared.contains(entity)) {
                                shared.add(entity);
                            }
                        }
                    }
                }
            }
        }

        void flush() {
            storedSharing.clear();
            store.grown(growth.values(), renames);
            growth.clear();
            store.renameAll(renames);
            renames.clear();
            store.insertAlerts(alerts);
            alerts.clear();
            pending.clear();
            flushAudit();
            audit.recordAllAs(changes);
            changes.clear();
        }
    }

    /** A hidden alert correlates with nothing: it gets its own resolved, hidden incident so it still belongs to one. */
    private Alert hide(String id, NewAlert a, TuningRule rule, Instant now) {
        long target = store.insertIncident(a.title(), a.severity(), now);
        String reason = "Hidden by alert tuning rule '" + rule.name() + "'; not correlated.";
        store.insertAlert(id, target, a, reason, now);
        store.tune(id, target, true, true, now);
        tuning.recordHit(rule.id(), id, now);
        audit.recordAs(ACTOR, "alert.create", "alert", id, a.title() + " -> hidden by tuning rule " + rule.id());
        store.refresh(target, now);
        return store.alert(id).orElseThrow();
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
