package dev.rampart.portal.entities;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index in step with the event store: built once the portal is up (in the background, so start-up
 * does not wait), checked every minute and rebuilt when data arrived (ingest, import, demo load), and rebuilt every
 * five minutes regardless so retention deletions disappear from suggestions.
 */
@Component
@Profile("!cli")
class SearchIndexJob {
    private final EntitySearch search;

    SearchIndexJob(EntitySearch search) {
        this.search = search;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        Thread t = new Thread(search::rebuild, "search-index-build");
        t.setDaemon(true);
        t.start();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${rampart.search-refresh-check:PT1M}")
    void whenChanged() {
        search.refreshIfChanged();
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "${rampart.search-rebuild:PT5M}")
    void periodically() {
        search.rebuild();
    }
}
