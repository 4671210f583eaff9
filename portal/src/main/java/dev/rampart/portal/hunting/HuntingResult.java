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
 *
 * <p>A query that returns several tables (several statements, fork, facet) gives one result per table: the first
 * holds the others in {@code additional}; every one of them lists all of them in {@code tabs} (a single table: empty).
 *
 * @param name the table's name in the query (Table_0 when it names none)
 */
public record HuntingResult(String id, String query, Instant ranAt, QueryWindow window, List<OutputColumn> columns,
                            List<Object[]> rows, boolean truncated, int rowCap, Duration elapsed,
                            Optional<RenderSpec> render, List<String> warnings, Duration cpu, String quotaWarning,
                            String name, List<Tab> tabs, List<HuntingResult> additional) {

    /** One table of a run that returned several. */
    public record Tab(String id, String name, int rows, boolean truncated) {
    }

    /** The same result with the CPU it used and the quota warning (null when usage is low). */
    HuntingResult measured(Duration cpuUsed, String warning) {
        return new HuntingResult(id, query, ranAt, window, columns, rows, truncated, rowCap, elapsed, render, warnings, cpuUsed, warning,
                name, tabs, additional);
    }

    /** This first result holding the run's further tables, each of them knowing all the tabs. */
    HuntingResult withAdditional(List<HuntingResult> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Tab> all = new java.util.ArrayList<>(List.of(new Tab(id, name, rows.size(), truncated)));
        more.forEach(m -> all.add(new Tab(m.id(), m.name(), m.rows().size(), m.truncated())));
        List<HuntingResult> tabbed = more.stream().map(m -> new HuntingResult(m.id(), m.query(), m.ranAt(), m.window(), m.columns(),
                m.rows(), m.truncated(), m.rowCap(), m.elapsed(), m.render(), m.warnings(), m.cpu(), m.quotaWarning(), m.name(),
                List.copyOf(all), List.of())).toList();
        return new HuntingResult(id, query, ranAt, window, columns, rows, truncated, rowCap, elapsed, render, warnings, cpu, quotaWarning,
                name, List.copyOf(all), tabbed);
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
