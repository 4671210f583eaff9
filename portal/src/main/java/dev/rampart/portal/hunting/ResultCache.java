package dev.rampart.portal.hunting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Recent results kept in memory so the grid can page, sort and export without running the query again.
 * A result is only ever handed back to the user who ran it. Bounded: the oldest results are dropped first.
 */
@Component
public class ResultCache {
    private static final int MAX_RESULTS = 32;

    private record Entry(String owner, HuntingResult result) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_RESULTS;
        }
    };
    private final Map<String, CancelHandle> running = new ConcurrentHashMap<>();

    synchronized void put(String owner, HuntingResult r) {
        entries.put(r.id(), new Entry(owner, r));
    }

    /** The result {@code id} when {@code owner} ran it and it is still kept. */
    public synchronized Optional<HuntingResult> get(String owner, String id) {
        Entry e = entries.get(id);
        return e == null || !e.owner().equals(owner) ? Optional.empty() : Optional.of(e.result());
    }

    CancelHandle register(String owner, String runId) {
        CancelHandle h = new CancelHandle();
        running.put(owner + "/" + runId, h);
        return h;
    }

    void finished(String owner, String runId) {
        running.remove(owner + "/" + runId);
    }

    boolean cancel(String owner, String runId) {
        CancelHandle h = running.get(owner + "/" + runId);
        if (h == null) {
            return false;
        }
        h.cancel();
        return true;
    }
}
