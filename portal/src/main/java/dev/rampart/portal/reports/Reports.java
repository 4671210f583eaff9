package dev.rampart.portal.reports;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.EventFilters;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.events.EventStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The general security report over a range of whole UTC days: telemetry per workload per day, devices and
 * accounts active per day, failed sign-ins, the busiest action types; incidents and alerts come from a
 * {@link ReportIncidentsProvider} when the installation has one. Figures count only rows in the reader's data scope.
 */
@Service
public class Reports {
    public static final List<Integer> RANGES = List.of(7, 14, 30);

    private final EventStore store;
    private final EventSql sql;
    private final DataScopes scopes;

    Reports(EventStore store, EventSql sql, DataScopes scopes) {
        this.store = store;
        this.sql = sql;
        this.scopes = scopes;
    }

    /** One series per day of the range, oldest first. */
    public record Series(String name, List<Long> values) {
        public long total() {
            return values.stream().mapToLong(Long::longValue).sum();
        }
    }

    public record Top(String table, String actionType, long events) {
    }

    public record General(int days, List<String> dates, List<Series> eventsByWorkload, Series activeDevices, Series activeAccounts,
                          Series failedSignIns, List<Top> topActions) {
        public long totalEvents() {
            return eventsByWorkload.stream().mapToLong(Series::total).sum();
        }

        /** True when the reader's scope holds events of {@code workload} in the range (its workload report has something to show). */
        public boolean hasData(String workload) {
            return eventsByWorkload.stream().anyMatch(s -> s.name().equals(workload) && s.total() > 0);
        }
    }

    public static int clampDays(int days) {
        return RANGES.contains(days) ? days : 14;
    }

    public Instant from(int days) {
        return LocalDate.now(ZoneOffset.UTC).minusDays(clampDays(days) - 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The UTC dates of a range of {@code days} ending today, oldest first. */
    public List<String> dates(int days) {
        Instant from = from(days);
        List<String> dates = new ArrayList<>();
        for (int i = 0; i < clampDays(days); i++) {
            dates.add(LocalDate.ofInstant(from, ZoneOffset.UTC).plusDays(i).toString());
        }
        return dates;
    }

    public General general(int requestedDays) {
        int days = clampDays(requestedDays);
        Instant from = from(days);
        List<String> dates = dates(days);
        Map<String, Long> counts = store.rowCounts();
        EventFilters f = scopes.eventFilters();
        List<Table> tables = store.schema().tables().stream()
                .filter(t -> counts.getOrDefault(t.name(), 0L) > 0 && t.column("Timestamp").isPresent()).toList();
        Map<String, long[]> byWorkload = new TreeMap<>();
        List<Top> top = new ArrayList<>();
        for (Table t : tables) {
            DeviceFilter.Sql visible = f.on(t.name());
            if (visible.equals(DeviceFilter.Sql.FALSE)) {
                continue;
            }
            for (EventSql.Row r : sql.rows("SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(*) FROM \"" + t.name()
                    + "\" WHERE Timestamp >= ? AND " + visible.sql() + " GROUP BY 1", visible.after(from))) {
                int i = dates.indexOf(r.str(0));
                if (i >= 0) {
                    byWorkload.computeIfAbsent(t.workload(), w -> new long[days])[i] += r.num(1);
                }
            }
            if (t.column("ActionType").isPresent()) {
                sql.rows("SELECT ActionType, count(*) FROM \"" + t.name() + "\" WHERE Timestamp >= ? AND ActionType IS NOT NULL AND " + visible.sql()
                                + " GROUP BY 1 ORDER BY 2 DESC LIMIT 5", visible.after(from))
                        .forEach(r -> top.add(new Top(t.name(), r.str(0), r.num(1))));
            }
        }
        top.sort((a, b) -> Long.compare(b.events(), a.events()));
        List<Series> workloads = byWorkload.entrySet().stream().map(e -> new Series(e.getKey(), asList(e.getValue()))).toList();
        List<Object> dp = new ArrayList<>();
        String devicesSql = "SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(DISTINCT DeviceId) FROM "
                + "(SELECT Timestamp, DeviceId FROM " + f.from("DeviceInfo", dp) + " t1 UNION ALL SELECT Timestamp, DeviceId FROM "
                + f.from("DeviceProcessEvents", dp) + " t2) WHERE Timestamp >= ? GROUP BY 1";
        dp.add(from);
        Series devices = daily("Active devices", dates, devicesSql, dp);
        List<Object> ap = new ArrayList<>();
        String accountsSql = "SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(DISTINCT a) FROM "
                + "(SELECT Timestamp, lower(AccountName) a FROM " + f.from("DeviceLogonEvents", ap) + " t1 UNION ALL SELECT Timestamp, lower(AccountUpn) FROM "
                + f.from("EntraIdSignInEvents", ap) + " t2) WHERE Timestamp >= ? GROUP BY 1";
        ap.add(from);
        Series accounts = daily("Accounts signing in", dates, accountsSql, ap);
        List<Object> fp = new ArrayList<>();
        String failedSql = "SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(*) FROM " + SignIns.attempts(f, fp, from)
                + " s WHERE failed GROUP BY 1";
        Series failed = daily("Failed sign-ins", dates, failedSql, fp);
        return new General(days, dates, workloads, devices, accounts, failed, top.stream().limit(10).toList());
    }

    /** A daily series from {@code query}, whose rows are (yyyy-MM-dd, count). */
    Series daily(String name, List<String> dates, String query, List<Object> params) {
        long[] v = new long[dates.size()];
        for (EventSql.Row r : sql.rows(query, params.toArray())) {
            int i = dates.indexOf(r.str(0));
            if (i >= 0) {
                v[i] = r.num(1);
            }
        }
        return new Series(name, asList(v));
    }

    private static List<Long> asList(long[] v) {
        List<Long> out = new ArrayList<>(v.length);
        for (long x : v) {
            out.add(x);
        }
        return out;
    }

    /** CSV of the report's daily figures: one row per day, one column per series. */
    public String csv(General g) {
        StringBuilder b = new StringBuilder("date");
        List<Series> all = new ArrayList<>(g.eventsByWorkload().stream().map(s -> new Series("events: " + s.name(), s.values())).toList());
        all.add(g.activeDevices());
        all.add(g.activeAccounts());
        all.add(g.failedSignIns());
        all.forEach(s -> b.append(',').append(quote(s.name())));
        b.append("\r\n");
        for (int i = 0; i < g.dates().size(); i++) {
            b.append(g.dates().get(i));
            for (Series s : all) {
                b.append(',').append(s.values().get(i));
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9 :_-]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** ECharts option: one series per entry over the report's days ({@code stack} stacks them). */
    public static Map<String, Object> chart(List<String> dates, List<Series> series, String unit, boolean stack, String type) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("legend", Map.of("top", 0, "type", "scroll"));
        o.put("grid", Map.of("left", 56, "right", 16, "top", 34, "bottom", 28));
        o.put("xAxis", Map.of("type", "category", "data", dates.stream().map(d -> d.substring(5)).toList()));
        o.put("yAxis", Map.of("type", "value", "name", unit, "minInterval", 1));
        o.put("series", series.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>(Map.of("name", s.name(), "type", type, "data", s.values()));
            if (stack) {
                m.put("stack", "all");
            }
            return m;
        }).toList());
        return o;
    }
}
