package dev.rampart.portal.incidents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link IncidentStore.Candidate} of recently correlated incidents, so that a correlation call does not read back
 * the incident rows the previous calls just wrote. {@link IncidentStore}, the only writer of incident rows, keeps it in
 * step: the updates correlation makes (growth, automatic names, new incidents) are applied to the cached entries, and
 * any other change to an incident row (analyst edits, merges, moves, tuning) drops that incident's entry, to be read
 * again on next use.
 *
 * <p>Thread-safe, with the same guard as {@link EntityIncidentIndex}: a transaction registers before it writes
 * incident rows; a read is cached only when no other thread's transaction was writing and nothing was dropped while it
 * ran, so a row another transaction has not committed yet is never cached; a rollback drops everything.
 */
final class IncidentCandidates {
    private final int max;
    /** Oldest evicted first (insertion order, for the reason given on {@link EntityIncidentIndex}'s map). */
    private final Map<Long, IncidentStore.Candidate> cache;
    private final WriterThreads writers = new WriterThreads();
    private long epoch;

    IncidentCandidates(int max) {
        this.max = max;
        this.cache = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, IncidentStore.Candidate> eldest) {
                return size() > IncidentCandidates.this.max;
            }
        };
    }

    synchronized void writerStarted() {
        writers.started();
    }

    synchronized void writerEnded(Thread writer, boolean committed) {
        writers.ended(writer);
        epoch++;
        if (!committed) {
            cache.clear();
        }
    }

    private boolean othersWriting() {
        return writers.othersWriting();
    }

    /** The candidates of {@code ids} that exist: cached ones, the rest from {@code load} (which gets only the missing ids). */
    Map<Long, IncidentStore.Candidate> get(Collection<Long> ids, Function<List<Long>, Map<Long, IncidentStore.Candidate>> load) {
        Map<Long, IncidentStore.Candidate> out = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        long started;
        synchronized (this) {
            boolean usable = !othersWriting();
            for (Long id : ids) {
                IncidentStore.Candidate c = usable ? cache.get(id) : null;
                if (c == null) {
                    missing.add(id);
                } else {
                    out.put(id, c);
                }
            }
            started = usable ? epoch : -1;
        }
        if (!missing.isEmpty()) {
            Map<Long, IncidentStore.Candidate> loaded = load.apply(missing);
            out.putAll(loaded);
            synchronized (this) {
                if (epoch == started && !othersWriting()) {
                    cache.putAll(loaded);
                }
            }
        }
        return out;
    }

    /** The calling transaction wrote this incident row with these values (a new incident, or one correlation grew). */
    synchronized void written(IncidentStore.Candidate c) {
        if (!othersWriting()) {
            cache.put(c.id(), c);
        } else {
            cache.remove(c.id());
        }
    }

    /**
     * The calling transaction updated part of this incident's row: a cached entry becomes {@code change} of itself, in
     * one step, so a rollback or another writer cannot land between reading and replacing it.
     */
    synchronized void updated(long id, java.util.function.UnaryOperator<IncidentStore.Candidate> change) {
        IncidentStore.Candidate c = cache.get(id);
        if (c == null) {
            return;
        }
        if (othersWriting()) {
            cache.remove(id);
        } else {
            cache.put(id, change.apply(c));
        }
    }

    /** The incident's row changed in a way the cache does not follow. */
    synchronized void forget(long id) {
        epoch++;
        cache.remove(id);
    }

    synchronized int size() {
        return cache.size();
    }
}
