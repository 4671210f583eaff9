package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.kql.schema.KqlType;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class QueryExecutorIT extends AbstractPortalIT {
    @Autowired
    QueryExecutor executor;

    static final List<OutputColumn> ONE_LONG = List.of(new OutputColumn("n", KqlType.LONG));

    @Test
    void run_bindsParameters_andMapsTypes() {
        var r = executor.run("SELECT ?::BIGINT AS n, ?::TIMESTAMP AS t, '{\"a\":[1,2]}'::JSON AS d",
                List.of(42L, Instant.parse("2026-11-01T10:00:00Z")),
                List.of(new OutputColumn("n", KqlType.LONG), new OutputColumn("t", KqlType.DATETIME), new OutputColumn("d", KqlType.DYNAMIC)),
                10, Duration.ofSeconds(30), null);
        assertThat(r.rows()).hasSize(1);
        assertThat(r.rows().get(0)[0]).isEqualTo(42L);
        assertThat(r.rows().get(0)[1]).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(r.rows().get(0)[2]).isEqualTo(Map.of("a", List.of(1, 2)));
    }

    @Test
    void run_capsRows_andSaysTruncated() {
        var r = executor.run("SELECT range AS n FROM range(100)", List.of(), ONE_LONG, 30, Duration.ofSeconds(30), null);
        assertThat(r.rows()).hasSize(30);
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void run_cannotReadFiles() {
        assertThatThrownBy(() -> executor.run("SELECT count(*) AS n FROM read_csv('/etc/passwd')", List.of(), ONE_LONG, 10,
                Duration.ofSeconds(30), null))
                .hasMessageContaining("disabled by configuration");
    }

    @Test
    void run_cannotWrite() {
        assertThatThrownBy(() -> executor.run("DELETE FROM DeviceInfo RETURNING 1 AS n", List.of(), ONE_LONG, 10,
                Duration.ofSeconds(30), null))
                .hasMessageContaining("read-only");
    }

    @Test
    void run_pastTimeout_isStopped() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> executor.run("SELECT count(*) AS n FROM range(1000000000000) a", List.of(), ONE_LONG, 10,
                Duration.ofMillis(300), null))
                .isInstanceOf(QueryExecutor.QueryTimeoutException.class)
                .hasMessageContaining("timeout");
        // Generous bound: proves the query was interrupted rather than run to completion (hours).
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void run_cancelledFromAnotherThread_stopsAtOnce() throws Exception {
        CancelHandle cancel = new CancelHandle();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            cancel.cancel();
        });
        canceller.start();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> executor.run("SELECT count(*) AS n FROM range(1000000000000) a", List.of(), ONE_LONG, 10,
                Duration.ofMinutes(10), cancel))
                .isInstanceOf(QueryExecutor.QueryTimeoutException.class)
                .hasMessage("Query was cancelled.");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        canceller.join();
    }
}
