package dev.rampart.kql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code x in (T)} where T's first column holds arrays: the arrays are flattened, as for {@code in (dynamic([...]))}. */
class InTabularDynamicTest extends DuckDbTestBase {
    @BeforeAll
    static void events() throws Exception {
        db.insert("Events", LocalDateTime.parse("2026-01-01T00:00:00"), "d1", "ws1", "a.exe", 500L, null);
        db.insert("Events", LocalDateTime.parse("2026-01-01T00:00:00"), "d2", "ws2", "b.exe", 5L, null);
        db.insert("Events", LocalDateTime.parse("2026-01-01T00:00:00"), "d3", "ws3", "c.exe", 7L, null);
    }

    @Test
    void in_setOfAnotherQuery_matchesItsElements() throws Exception {
        assertThat(rows("let big = Events | where FileSize > 100 | summarize make_set(DeviceId); Events | where DeviceId in (big) | project DeviceName"))
                .containsExactly(List.of("ws1"));
    }

    @Test
    void notIn_setOfAnotherQuery_keepsTheOthers() throws Exception {
        assertThat(rows("let big = Events | where FileSize > 100 | summarize make_set(DeviceId); Events | where not(DeviceId in (big)) "
                + "| order by DeviceName asc | project DeviceName"))
                .containsExactly(List.of("ws2"), List.of("ws3"));
    }

    @Test
    void in_listOfLongs_comparesAsNumbers() throws Exception {
        assertThat(rows("let sizes = Events | where FileSize < 100 | summarize make_list(FileSize); Events | where FileSize in (sizes) "
                + "| order by DeviceName asc | project DeviceName"))
                .containsExactly(List.of("ws2"), List.of("ws3"));
    }

    @Test
    void in_emptySet_matchesNothing() throws Exception {
        assertThat(rows("let none = Events | where FileSize > 10000 | summarize make_set(DeviceId); Events | where DeviceId in (none)")).isEmpty();
    }
}
