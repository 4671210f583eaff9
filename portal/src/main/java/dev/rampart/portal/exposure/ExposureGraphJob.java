package dev.rampart.portal.exposure;

import dev.rampart.portal.events.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the exposure graph every {@code rampart.exposure.graph-interval} (15 minutes; the first time 30 s after
 * start). Skipped while a bulk load runs: a graph of half the data would show paths that are not there.
 */
@Component
@Profile("!cli")
class ExposureGraphJob {
    private static final Logger log = LoggerFactory.getLogger(ExposureGraphJob.class);

    private final ExposureGraphService graph;
    private final EventStore store;

    ExposureGraphJob(ExposureGraphService graph, EventStore store) {
        this.graph = graph;
        this.store = store;
    }

    @Scheduled(initialDelayString = "${rampart.exposure.graph-first-run:PT30S}", fixedDelayString = "${rampart.exposure.graph-interval:PT15M}")
    void run() {
        if (store.bulkLoading()) {
            return;
        }
        try {
            var s = graph.rebuild();
            log.info("Exposure graph: {} nodes, {} edges, {} attack paths in {} ms", s.graph().nodes().size(), s.graph().edges().size(),
                    s.paths().size(), s.graph().buildMillis());
        } catch (RuntimeException e) {
            // The previous graph stays current; the next run tries again.
            log.warn("Building the exposure graph failed: {}", e.getMessage());
        }
    }
}
