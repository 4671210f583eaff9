package dev.rampart.portal.exposure;

import dev.rampart.portal.events.EventStore;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the exposure graph every {@code rampart.exposure.graph-interval} (15 minutes; the first time 30 s after
 * start) while the Exposure management workload is on. Skipped while a bulk load runs: a graph of half the data would
 * show paths that are not there.
 */
@Component
@Profile("!cli")
class ExposureGraphJob {
    private final ExposureGraphService graph;
    private final EventStore store;
    private final dev.rampart.portal.workloads.Workloads workloads;

    ExposureGraphJob(ExposureGraphService graph, EventStore store, dev.rampart.portal.workloads.Workloads workloads) {
        this.graph = graph;
        this.store = store;
        this.workloads = workloads;
    }

    @Scheduled(initialDelayString = "${rampart.exposure.graph-first-run:PT30S}", fixedDelayString = "${rampart.exposure.graph-interval:PT15M}")
    void run() {
        if (store.bulkLoading() || !workloads.isEnabled(dev.rampart.portal.workloads.Workload.EXPOSURE_MANAGEMENT)) {
            return;
        }
        // On the graph's own thread: a long build must not hold up the scheduler's other jobs. The previous graph stays
        // current until a build succeeds.
        graph.rebuildInBackground();
    }
}
