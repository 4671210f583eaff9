package dev.rampart.portal.detection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Evaluates enabled near-real-time rules that read a table after a batch for it was stored, on one background
 * thread so ingest acknowledgements are not delayed. Batches arriving while a table's rules are queued coalesce.
 */
@Component
public class NrtDetections implements IngestListener {
    private final DetectionRules rules;
    private final DetectionEngine engine;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "nrt-detections");
        t.setDaemon(true);
        return t;
    });

    NrtDetections(DetectionRules rules, DetectionEngine engine) {
        this.rules = rules;
        this.engine = engine;
    }

    @Override
    public void batchStored(String table, long rows) {
        if (rows > 0 && pending.add(table)) {
            worker.submit(() -> {
                pending.remove(table);
                runFor(table);
            });
        }
    }

    /** Runs the NRT rules reading {@code table} now, on the calling thread; returns how many ran. */
    public int runFor(String table) {
        Pattern reads = Pattern.compile("\\b" + Pattern.quote(table) + "\\b");
        int n = 0;
        for (DetectionRule r : rules.all()) {
            if (r.enabled() && r.frequency() == Frequency.NRT && reads.matcher(r.query()).find()) {
                engine.run(r, "ingest");
                n++;
            }
        }
        return n;
    }
}
