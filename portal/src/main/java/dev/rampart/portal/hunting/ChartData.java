package dev.rampart.portal.hunting;

import dev.rampart.kql.schema.KqlType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a result into chart series the way {@code render} reads a table: the x axis is the first datetime
 * column (time charts) or the first string column (category charts); every numeric column is a series; with a
 * string column left over, each of its values splits the series. Limits keep the browser responsive.
 */
final class ChartData {
    static final Set<String> KINDS = Set.of("timechart", "linechart", "areachart", "columnchart", "barchart", "piechart", "scatterchart");
    private static final int MAX_POINTS = 5000;
    private static final int MAX_SERIES = 20;

    private ChartData() {
    }

    /** {@code {kind, xType, series: [{name, data: [[x, y]...]}]}} or empty when the result has nothing to plot. */
    static Optional<Map<String, Object>> build(HuntingResult r, String kind) {
        if (!KINDS.contains(kind)) {
            return Optional.empty();
        }
        var cols = r.columns();
        boolean timeAxis = !kind.equals("columnchart") && !kind.equals("barchart") && !kind.equals("piechart");
        int x = -1;
        if (timeAxis) {
            x = indexOf(cols, KqlType.DATETIME, -1);
        }
        if (x < 0) {
            timeAxis = false;
            x = indexOf(cols, KqlType.STRING, -1);
            if (x < 0) {
                x = 0;
            }
        }
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            if (i != x && cols.get(i).type().isNumeric()) {
                ys.add(i);
            }
        }
        if (ys.isEmpty()) {
            return Optional.empty();
        }
        int split = indexOf(cols, KqlType.STRING, x);
        Map<String, List<Object[]>> series = new LinkedHashMap<>();
        int n = 0;
        for (Object[] row : r.rows()) {
            if (n++ >= MAX_POINTS) {
                break;
            }
            Object xv = row[x] instanceof Instant i ? i.toEpochMilli() : row[x] == null ? "" : String.valueOf(row[x]);
            for (int y : ys) {
                String name = (ys.size() > 1 || split < 0 ? cols.get(y).name() : "")
                        + (split >= 0 ? (ys.size() > 1 ? " · " : "") + String.valueOf(row[split]) : "");
                if (!series.containsKey(name) && series.size() >= MAX_SERIES) {
                    continue;
                }
                series.computeIfAbsent(name, k -> new ArrayList<>()).add(new Object[] {xv, row[y]});
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        boolean sortByTime = timeAxis;
        series.forEach((name, data) -> {
            if (sortByTime) {
                data.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
            }
            out.add(Map.of("name", name, "data", data));
        });
        return Optional.of(Map.of("kind", kind, "xType", timeAxis ? "time" : "category", "xName", cols.get(x).name(), "series", out));
    }

    private static int indexOf(List<QueryExecutor.OutputColumn> cols, KqlType type, int except) {
        for (int i = 0; i < cols.size(); i++) {
            if (i != except && cols.get(i).type() == type) {
                return i;
            }
        }
        return -1;
    }
}
