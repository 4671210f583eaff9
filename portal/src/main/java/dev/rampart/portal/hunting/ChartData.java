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
 * string column left over, each of its values splits the series. The query's {@code render ... with (...)}
 * properties choose otherwise ({@code xcolumn}, {@code ycolumns}, {@code series}) and carry the presentation
 * ({@code title}, {@code xtitle}, {@code ytitle}, {@code kind} stacked/stacked100/unstacked, {@code legend=hidden},
 * {@code ymin}, {@code ymax}, {@code yaxis=log}). Limits keep the browser responsive.
 */
final class ChartData {
    static final Set<String> KINDS = Set.of("timechart", "linechart", "areachart", "columnchart", "barchart", "piechart", "scatterchart");
    private static final int MAX_POINTS = 5000;
    private static final int MAX_SERIES = 20;
    private static final java.time.format.DateTimeFormatter LABEL =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    private ChartData() {
    }

    /** {@code {kind, xType, series: [{name, data: [[x, y]...]}]}} or empty when the result has nothing to plot. */
    static Optional<Map<String, Object>> build(HuntingResult r, String kind) {
        return build(r, kind, r.render().map(dev.rampart.kql.RenderSpec::properties).orElse(Map.of()));
    }

    static Optional<Map<String, Object>> build(HuntingResult r, String kind, Map<String, String> props) {
        if (!KINDS.contains(kind)) {
            return Optional.empty();
        }
        var cols = r.columns();
        int xProp = props.containsKey("xcolumn") ? r.columnIndex(props.get("xcolumn").strip()) : -1;
        boolean timeAxis = !kind.equals("columnchart") && !kind.equals("barchart") && !kind.equals("piechart");
        int x = -1;
        if (timeAxis) {
            x = indexOf(cols, KqlType.DATETIME, -1);
        }
        if (xProp >= 0) {
            x = xProp;
            timeAxis = timeAxis && cols.get(x).type() == KqlType.DATETIME;
        }
        if (x < 0 && (kind.equals("columnchart") || kind.equals("barchart"))) {
            // As Kusto draws them: the first column that is not a number is the axis, a time bin as a date label.
            for (int i = 0; i < cols.size() && x < 0; i++) {
                if (!cols.get(i).type().isNumeric()) {
                    x = i;
                }
            }
        }
        if (x < 0) {
            timeAxis = false;
            x = indexOf(cols, KqlType.STRING, -1);
            if (x < 0) {
                x = 0;
            }
        }
        boolean timeLabels = !timeAxis && cols.get(x).type() == KqlType.DATETIME;
        List<Integer> ys = new ArrayList<>();
        List<Integer> wanted = columns(r, props.get("ycolumns"));
        for (int i = 0; i < cols.size(); i++) {
            if (i != x && cols.get(i).type().isNumeric() && (wanted.isEmpty() || wanted.contains(i))) {
                ys.add(i);
            }
        }
        if (ys.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> seriesCols = columns(r, props.get("series"));
        int split = seriesCols.isEmpty() ? indexOf(cols, KqlType.STRING, x) : seriesCols.get(0);
        // render's series: the combined values of every listed column name a series.
        List<Integer> splits = seriesCols.isEmpty() ? (split < 0 ? List.of() : List.of(split)) : seriesCols;
        Map<String, List<Object[]>> series = new LinkedHashMap<>();
        int n = 0;
        for (Object[] row : r.rows()) {
            if (n++ >= MAX_POINTS) {
                break;
            }
            Object xv = row[x] instanceof Instant i ? (timeLabels ? LABEL.format(i) : (Object) i.toEpochMilli()) : row[x] == null ? "" : String.valueOf(row[x]);
            for (int y : ys) {
                String key = splits.stream().map(i -> String.valueOf(row[i])).collect(java.util.stream.Collectors.joining(", "));
                String name = (ys.size() > 1 || split < 0 ? cols.get(y).name() : "")
                        + (split >= 0 ? (ys.size() > 1 ? " · " : "") + key : "");
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
            } else if (timeLabels) {
                data.sort((a, b) -> ((String) a[0]).compareTo((String) b[0])); // ISO labels sort in time order
            }
            out.add(Map.of("name", name, "data", data));
        });
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", kind);
        chart.put("xType", timeAxis ? "time" : "category");
        chart.put("xName", props.getOrDefault("xtitle", cols.get(x).name()));
        chart.put("series", out);
        if (timeLabels) {
            // Every series' dates on one axis, in time order (ECharts would otherwise order them as first met).
            chart.put("categories", series.values().stream().flatMap(List::stream).map(p -> (String) p[0]).distinct().sorted().toList());
        }
        for (String p : List.of("title", "ytitle", "kind", "legend", "ymin", "ymax", "yaxis")) {
            if (props.containsKey(p)) {
                chart.put(p.equals("kind") ? "stacking" : p, props.get(p).strip());
            }
        }
        return Optional.of(chart);
    }

    /** The columns a property names (comma-separated), in the result's order; unknown names are left out. */
    private static List<Integer> columns(HuntingResult r, String names) {
        List<Integer> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        for (String n : names.split(",")) {
            int i = r.columnIndex(n.strip());
            if (i >= 0 && !out.contains(i)) {
                out.add(i);
            }
        }
        return out;
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
