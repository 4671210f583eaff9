package dev.rampart.portal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class DataDirInUseFailureAnalyzerTest {
    private final DataDirInUseFailureAnalyzer analyzer = new DataDirInUseFailureAnalyzer();

    @Test
    void analyze_duckDbLockDeepInCauseChain_explainsStopThePortal() {
        Exception failure = new RuntimeException("bean creation failed", new IllegalStateException(
                "cannot open event store data/events.duckdb: IO Error: Could not set lock on file \"data/events.duckdb\": Conflicting lock is held",
                new SQLException("IO Error")));
        FailureAnalysis a = analyzer.analyze(failure);
        assertThat(a).isNotNull();
        assertThat(a.getDescription()).contains("in use by another process").contains("Could not set lock");
        assertThat(a.getAction()).contains("Stop the portal");
    }

    @Test
    void analyze_h2AlreadyInUse_isRecognised() {
        assertThat(analyzer.analyze(new RuntimeException(new SQLException("Database may be already in use", "90020", 90020)))).isNotNull();
    }

    @Test
    void analyze_otherFailure_isLeftToSpring() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }
}
