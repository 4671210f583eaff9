package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A page reads the caller's scope from many services (cards, lists, panels); within one request it is read from the
 * role tables once per permission. Prints the per-page scope computations and time with the cache off (the baseline,
 * as before) and on, measured in the same process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeCacheIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    DataScopes scopes;

    ScopeFixture.Seeded f;
    WebSession eu;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "sc" + UUID.randomUUID().toString().substring(0, 5));
        eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
    }

    @AfterAll
    void cacheBackOn() {
        scopes.cache.enabled(true);
    }

    private List<String> pages() {
        return List.of("/", "/incidents", "/devices/" + ScopeFixture.Seeded.id(f.euDevice()), "/ips/" + f.ip(), "/incidents/" + f.euAlert().incidentId());
    }

    private long computations(String page) {
        long before = scopes.computations.get();
        assertThat(eu.get(page).statusCode()).as(page).isEqualTo(200);
        return scopes.computations.get() - before;
    }

    @Test
    void eachPage_readsTheScopeOncePerPermission() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String page : pages()) {
            scopes.cache.enabled(false);
            eu.get(page);
            long off = computations(page);
            scopes.cache.enabled(true);
            eu.get(page);
            long on = computations(page);
            counts.put(page, new long[] {off, on});
        }
        counts.forEach((page, c) -> System.out.printf("scope computations %-40s uncached %3d, cached %d%n", page, c[0], c[1]));
        // The ones a page needs: data (Security data basics), and at most Alerts and Response (manage) for its buttons.
        counts.forEach((page, c) -> assertThat(c[1]).as(page).isLessThanOrEqualTo(3));
        assertThat(counts.values().stream().mapToLong(c -> c[0]).max().orElse(0)).as("some page asks more than once").isGreaterThan(3);
    }

    @Test
    void benchmark_cachedAgainstUncached() {
        int rounds = 15;
        long[] nanos = new long[2];
        for (int warm = 0; warm < 2; warm++) {
            for (int mode = 0; mode < 2; mode++) {
                scopes.cache.enabled(mode == 1);
                long t0 = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    for (String page : pages()) {
                        eu.get(page);
                    }
                }
                if (warm == 1) {
                    nanos[mode] = System.nanoTime() - t0;
                }
            }
        }
        scopes.cache.enabled(true);
        System.out.printf("scope cache benchmark: %d rounds of %d pages, uncached %d ms, cached %d ms, ratio uncached/cached %.2f%n",
                rounds, pages().size(), nanos[0] / 1_000_000, nanos[1] / 1_000_000, (double) nanos[0] / nanos[1]);
    }
}
