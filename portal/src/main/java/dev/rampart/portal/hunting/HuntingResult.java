package dev.rampart.portal.hunting;

import dev.rampart.kql.RenderSpec;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one hunting run: columns, rows (values in column order), whether the row cap cut it,
 * timings (wall and CPU), the quota warning, the chart the query asked for, and compiler warnings.
 */
public record HuntingResult(String id, String query, Instant ranAt, QueryWindow window, List<OutputColumn> columns,
                            List<Object[]> rows, boolean truncated, int rowCap, Duration elapsed,
                            Optional<RenderSpec> render, List<String> warnings, Duration cpu, String quotaWarning) {

    /** The same result with the CPU it used and the quota warning (null when usage is low). */
    HuntingResult measured(Duration cpuUsed, String warning) {
        return new HuntingResult(id, query, ranAt, window, columns, rows, truncated, rowCap, elapsed, render, warnings, cpuUsed, warning);
    }

    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
