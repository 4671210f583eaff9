package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EntityIncidentIndexTest {
    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    private final EntityIncidentIndex index = new EntityIncidentIndex(1000);
    private final AtomicInteger loads = new AtomicInteger();

    private Supplier<List<EntityIncidentIndex.Span>> load(EntityIncidentIndex.Span... spans) {
        return () -> {
            loads.incrementAndGet();
            return List.of(spans);
        };
    }

    private static EntityIncidentIndex.Span span(long incident, int fromHour, int toHour) {
        return new EntityIncidentIndex.Span(incident, T.plusSeconds(fromHour * 3600L), T.plusSeconds(toHour * 3600L));
    }

    @Test
    void incidents_loadsAnEntityOnceThenAnswersFromMemory() {
        Supplier<List<EntityIncidentIndex.Span>> db = load(span(1, 0, 1), span(2, 10, 11));
        assertThat(index.incidents("device:ws1", T, T.plusSeconds(7200), db)).containsExactly(1L);
        assertThat(index.incidents("device:ws1", T, T.plusSeconds(20 * 3600), db)).containsExactly(1L, 2L);
        assertThat(loads).hasValue(1);
    }

    @Test
    void incidents_entityNamingNoAlert_isCachedAsEmpty() {
        assertThat(index.incidents("user:nobody", T, T, load())).isEmpty();
        assertThat(index.incidents("user:nobody", T, T, load())).isEmpty();
        assertThat(loads).hasValue(1);
    }

    @Test
    void added_cachedEntityGainsTheSpan_uncachedIsLeftToLoad() {
        index.incidents("device:ws1", T, T, load());
        index.added(List.of("device:ws1", "device:ws2"), 7, T, T.plusSeconds(60));
        assertThat(index.incidents("device:ws1", T, T, load())).containsExactly(7L);
        assertThat(index.incidents("device:ws2", T, T, load(span(8, 0, 1)))).containsExactly(8L);
    }

    @Test
    void moved_retargetsCachedSpans() {
        index.incidents("device:ws1", T, T, load(span(1, 0, 1)));
        index.moved(1, 9);
        assertThat(index.incidents("device:ws1", T, T, load())).containsExactly(9L);
    }

    @Test
    void forget_dropsTheEntities() {
        index.incidents("device:ws1", T, T, load(span(1, 0, 1)));
        index.forget(List.of("device:ws1"));
        assertThat(index.incidents("device:ws1", T, T, load(span(4, 0, 1)))).containsExactly(4L);
    }

    @Test
    void writerEnded_rolledBack_dropsEverything_committed_keepsIt() {
        index.writerStarted();
        index.incidents("device:ws1", T, T, load(span(1, 0, 1)));
        index.writerEnded(Thread.currentThread(), true);
        assertThat(index.size()).isEqualTo(1);
        index.writerStarted();
        index.writerEnded(Thread.currentThread(), false);
        assertThat(index.size()).isZero();
    }

    @Test
    void load_whileAnotherThreadsTransactionWrites_isNotKept() throws Exception {
        Thread other = new Thread(index::writerStarted);
        other.start();
        other.join();
        assertThat(index.incidents("device:ws1", T, T, load(span(1, 0, 1)))).containsExactly(1L);
        assertThat(index.size()).isZero();
        index.writerEnded(other, true);
        index.incidents("device:ws1", T, T, load(span(1, 0, 1)));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void added_manyOverlappingSpansOfOneIncident_areFoldedWithoutChangingAnswers() {
        index.incidents("user:ann", T, T, load());
        for (int i = 0; i < 200; i++) {
            index.added(List.of("user:ann"), 5, T.plusSeconds(i * 60L), T.plusSeconds(i * 60L + 120));
        }
        index.added(List.of("user:ann"), 6, T.plusSeconds(48 * 3600), T.plusSeconds(49 * 3600));
        assertThat(index.incidents("user:ann", T.plusSeconds(3 * 3600), T.plusSeconds(4 * 3600), load())).containsExactly(5L);
        assertThat(index.incidents("user:ann", T.plusSeconds(4 * 3600), T.plusSeconds(47 * 3600), load())).isEmpty();
        assertThat(index.incidents("user:ann", T, T.plusSeconds(50 * 3600), load())).containsExactlyInAnyOrder(5L, 6L);
    }

    @Test
    void moved_afterAnEntityWasEvicted_retargetsTheOthersAndReloadsTheEvicted() {
        EntityIncidentIndex small = new EntityIncidentIndex(2);
        small.incidents("device:a", T, T, load(span(1, 0, 1)));
        small.incidents("device:b", T, T, load(span(1, 0, 1)));
        small.incidents("device:c", T, T, load(span(1, 0, 1)));
        small.moved(1, 2);
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.incidents("device:c", T, T, load())).containsExactly(2L);
        assertThat(small.incidents("device:a", T, T, load(span(2, 0, 1)))).containsExactly(2L);
    }
}
