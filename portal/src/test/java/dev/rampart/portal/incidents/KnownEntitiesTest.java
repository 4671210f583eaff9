package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KnownEntitiesTest {
    private final AtomicInteger loads = new AtomicInteger();

    private Consumer<Consumer<String>> stored(String... entities) {
        return out -> {
            loads.incrementAndGet();
            for (String e : entities) {
                out.accept(e);
            }
        };
    }

    @Test
    void mayExist_readsTheStoredEntitiesOnce_andAnswersAbsentOnesFromMemory() {
        KnownEntities k = new KnownEntities(100);
        assertThat(k.mayExist("device:ws1", stored("device:ws1", "user:ann"))).isTrue();
        assertThat(k.mayExist("device:ws2", stored())).isFalse();
        assertThat(k.mayExist("user:ann", stored())).isTrue();
        assertThat(loads).hasValue(1);
    }

    @Test
    void added_beforeOrAfterTheFirstLoad_isNeverReportedAbsent() {
        KnownEntities k = new KnownEntities(100);
        k.added(List.of("device:early"));
        assertThat(k.mayExist("device:early", stored())).isTrue();
        k.added(List.of("device:late"));
        assertThat(k.mayExist("device:late", stored())).isTrue();
    }

    @Test
    void overTheCap_everythingMayExist() {
        KnownEntities k = new KnownEntities(2);
        assertThat(k.mayExist("device:x", stored("device:a", "device:b", "device:c"))).isTrue();
        k.added(List.of("device:d"));
        assertThat(k.mayExist("device:y", stored())).isTrue();
    }
}
