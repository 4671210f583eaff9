package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IncidentCandidatesTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicInteger loads = new AtomicInteger();

    private static IncidentStore.Candidate candidate(long id, int alerts) {
        return new IncidentStore.Candidate(id, IncidentStatus.ACTIVE, alerts, Severity.LOW, false, "Incident " + id, false, T);
    }

    /** A loader answering every asked id with a one-alert candidate, counting the ids it was asked for. */
    private Function<List<Long>, Map<Long, IncidentStore.Candidate>> table() {
        return ids -> {
            Map<Long, IncidentStore.Candidate> out = new HashMap<>();
            ids.forEach(id -> {
                loads.incrementAndGet();
                out.put(id, candidate(id, 1));
            });
            return out;
        };
    }

    @Test
    void get_readsEachIncidentOnce_thenAnswersFromMemory() {
        IncidentCandidates c = new IncidentCandidates(100);
        c.get(List.of(1L, 2L), table());
        assertThat(c.get(List.of(1L, 2L, 3L), table())).containsOnlyKeys(1L, 2L, 3L);
        assertThat(loads).hasValue(3);
    }

    @Test
    void written_replacesTheCachedRow_soTheNextCallSeesCorrelationsOwnGrowth() {
        IncidentCandidates c = new IncidentCandidates(100);
        c.get(List.of(1L), table());
        c.written(candidate(1L, 5));
        assertThat(c.get(List.of(1L), table()).get(1L).alertCount()).isEqualTo(5);
        assertThat(loads).hasValue(1);
    }

    @Test
    void forget_dropsTheIncident_andALoadRunningAcrossItIsNotKept() {
        IncidentCandidates c = new IncidentCandidates(100);
        c.written(candidate(2L, 3));
        c.written(candidate(3L, 3));
        c.forget(3L);
        c.get(List.of(1L), ids -> {
            c.forget(7L); // an analyst's change lands while the rows are read
            return table().apply(ids);
        });
        c.get(List.of(1L, 2L, 3L), table());
        assertThat(loads).hasValue(3); // 1 twice, 3 once; 2 from memory
    }

    @Test
    void anotherThreadsOpenWrite_keepsReadsOutOfTheCache_andItsRollbackDropsEverything() throws Exception {
        IncidentCandidates c = new IncidentCandidates(100);
        c.written(candidate(9L, 2));
        Thread analyst = new Thread(c::writerStarted);
        analyst.start();
        analyst.join();
        c.get(List.of(1L), table());
        c.get(List.of(1L), table());
        assertThat(loads).hasValue(2);
        c.writerEnded(analyst, false);
        c.get(List.of(9L), table());
        assertThat(loads).hasValue(3);
        assertThat(c.get(List.of(9L), table()).get(9L).alertCount()).isEqualTo(1);
    }

    @Test
    void size_staysWithinTheBound() {
        IncidentCandidates c = new IncidentCandidates(10);
        for (long i = 0; i < 50; i++) {
            c.written(candidate(i, 1));
        }
        assertThat(c.size()).isEqualTo(10);
    }
}
