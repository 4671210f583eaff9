package dev.rampart.portal.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A cache, per strong entity ("type:key"), of the activity spans of the stored alerts naming it and their incidents:
 * correlation asks "which incidents share this entity within the window" for every entity of every new alert, and
 * answering that from memory instead of one SQL statement per entity is what lets correlation keep up with
 * detection bursts. Entries are loaded from the alert tables on first use and kept in step by {@link IncidentStore},
 * the only writer of {@code alert.incident_id}: new alerts are appended, moved alerts retarget or drop entries, and a
 * rolled-back transaction drops everything. An entity that names no alert is cached too (an empty list): most
 * entities of new alerts are seen for the first time.
 *
 * <p>Thread-safe. Writers register while their transaction is open: a load is kept only when no other thread's
 * transaction was writing and nothing was dropped or retargeted while it ran, so rows another transaction has not
 * committed yet are never cached as absent.
 */
final class EntityIncidentIndex {
    /** One alert's activity span in an incident. Spans of one incident that overlap are folded into one. */
    record Span(long incidentId, Instant first, Instant last) {
        boolean overlaps(Instant from, Instant to) {
            return !last.isBefore(from) && !first.isAfter(to);
        }
    }

    private final int maxEntities;
    /**
     * In insertion order, oldest evicted first. Not access order: that relinks an entry on every read, and those writes
     * into long-lived objects made each young collection rescan them (a tenth of correlation's time in collector pauses).
     */
    private final Map<String, List<Span>> spans;
    /** Incident → the cached entities with spans in it, so a merge touches only those (not every cached entity). */
    private final Map<Long, java.util.Set<String>> byIncident = new java.util.HashMap<>();
    private final WriterThreads writers = new WriterThreads();
    private long epoch;

    EntityIncidentIndex(int maxEntities) {
        this.maxEntities = maxEntities;
        this.spans = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Span>> eldest) {
                if (size() <= EntityIncidentIndex.this.maxEntities) {
                    return false;
                }
                unlink(eldest.getKey(), eldest.getValue());
                return true;
            }
        };
    }

    /** The current thread's transaction writes alert rows; call {@link #writerEnded} when it completes. */
    synchronized void writerStarted() {
        writers.started();
    }

    /** The writing transaction of {@code writer} ended; after a rollback the cache may hold undone rows. */
    synchronized void writerEnded(Thread writer, boolean committed) {
        writers.ended(writer);
        epoch++;
        if (!committed) {
            spans.clear();
            byIncident.clear();
        }
    }

    private boolean othersWriting() {
        return writers.othersWriting();
    }

    /**
     * Incidents holding an alert that names {@code entity} with activity overlapping [from, to]. {@code load} reads
     * the entity's spans from the tables when they are not cached.
     */
    List<Long> incidents(String entity, Instant from, Instant to, Supplier<List<Span>> load) {
        List<Span> list;
        long started;
        synchronized (this) {
            list = spans.get(entity);
            started = othersWriting() ? -1 : epoch;
        }
        if (list == null) {
            List<Span> loaded = compact(new ArrayList<>(load.get()));
            synchronized (this) {
                list = spans.get(entity);
                if (list == null) {
                    list = loaded;
                    if (epoch == started && !othersWriting()) {
                        spans.put(entity, loaded);
                        loaded.forEach(sp -> link(entity, sp.incidentId()));
                    }
                }
            }
        }
        List<Long> out = new ArrayList<>(2);
        synchronized (this) {
            for (Span s : list) {
                if (s.overlaps(from, to) && !out.contains(s.incidentId())) {
                    out.add(s.incidentId());
                }
            }
        }
        return out;
    }

    /** A stored alert names these entities; cached lists gain its span (uncached ones will load it). */
    synchronized void added(Collection<String> entities, long incidentId, Instant first, Instant last) {
        for (String entity : entities) {
            List<Span> list = spans.get(entity);
            if (list != null) {
                list.add(new Span(incidentId, first, last));
                link(entity, incidentId);
                if (list.size() > 32 && Integer.bitCount(list.size()) == 1) {
                    spans.put(entity, compact(list));
                }
            }
        }
    }

    /** Every alert of incident {@code from} now belongs to {@code to}. */
    synchronized void moved(long from, long to) {
        epoch++;
        java.util.Set<String> entities = byIncident.remove(from);
        if (entities == null) {
            return;
        }
        for (String entity : entities) {
            List<Span> list = spans.get(entity);
            if (list == null) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                Span s = list.get(i);
                if (s.incidentId() == from) {
                    list.set(i, new Span(to, s.first(), s.last()));
                }
            }
            link(entity, to);
        }
    }

    private void link(String entity, long incidentId) {
        byIncident.computeIfAbsent(incidentId, k -> new java.util.HashSet<>(4)).add(entity);
    }

    private void unlink(String entity, List<Span> list) {
        for (Span s : list) {
            java.util.Set<String> set = byIncident.get(s.incidentId());
            if (set != null && set.remove(entity) && set.isEmpty()) {
                byIncident.remove(s.incidentId());
            }
        }
    }

    /** Some alert naming these entities changed incident: they are read again on next use. */
    synchronized void forget(Collection<String> entities) {
        epoch++;
        for (String entity : entities) {
            List<Span> list = spans.remove(entity);
            if (list != null) {
                unlink(entity, list);
            }
        }
    }

    /** Drops everything, e.g. after a rollback undid writes the cache had already seen. */
    synchronized void clear() {
        epoch++;
        spans.clear();
        byIncident.clear();
    }

    synchronized int size() {
        return spans.size();
    }

    /** Folds overlapping spans of the same incident: overlap with the union equals overlap with one of them. */
    private static List<Span> compact(List<Span> list) {
        if (list.size() < 2) {
            return list;
        }
        list.sort((a, b) -> a.incidentId() != b.incidentId() ? Long.compare(a.incidentId(), b.incidentId()) : a.first().compareTo(b.first()));
        List<Span> out = new ArrayList<>(list.size());
        Span cur = list.get(0);
        for (int i = 1; i < list.size(); i++) {
            Span s = list.get(i);
            if (s.incidentId() == cur.incidentId() && !s.first().isAfter(cur.last())) {
                cur = new Span(cur.incidentId(), cur.first(), s.last().isAfter(cur.last()) ? s.last() : cur.last());
            } else {
                out.add(cur);
                cur = s;
            }
        }
        out.add(cur);
        return out;
    }
}
