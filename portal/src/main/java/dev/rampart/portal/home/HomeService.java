package dev.rampart.portal.home;

import dev.rampart.portal.entities.EntityLinks;
import dev.rampart.portal.entities.DeviceInventory;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.entities.EventSql.Row;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.hunting.GoHunt;
import dev.rampart.portal.hunting.HuntingQueries;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.EventFilters;
import dev.rampart.portal.reports.SignIns;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Live data for each home card, read when the card is shown. A card is a few headline figures, an optional
 * chart (an ECharts option) and a small table; the table always carries the charted numbers. Every figure counts
 * only the rows of the viewer's data scope.
 */
@Service
public class HomeService {
    private final EventStore events;
    private final EventSql sql;
    private final HuntingQueries queries;
    private final DataScopes scopes;
    private final DeviceInventory inventory;
    private final dev.rampart.portal.incidents.IncidentService incidents;
    private final dev.rampart.portal.intel.ThreatIntel intel;
    private final dev.rampart.portal.exposure.ExposureView exposure;

    HomeService(EventStore events, EventSql sql, HuntingQueries queries, DataScopes scopes, DeviceInventory inventory,
                dev.rampart.portal.incidents.IncidentService incidents, dev.rampart.portal.intel.ThreatIntel intel,
                dev.rampart.portal.exposure.ExposureView exposure) {
        this.exposure = exposure;
        this.inventory = inventory;
        this.incidents = incidents;
        this.intel = intel;
        this.events = events;
        this.sql = sql;
        this.queries = queries;
        this.scopes = scopes;
    }

    public record Kpi(String value, String label) {
    }

    public record Cell(String text, String link) {
        static Cell of(String text) {
            return new Cell(text, null);
        }
    }

    /**
     * What one card shows; {@code chart} is an ECharts option (null for none), {@code empty} explains an empty card,
     * {@code note} (may be null) defines what the card counts.
     */
    public record CardView(String id, String title, String link, List<Kpi> kpis, Map<String, Object> chart, List<String> columns,
                           List<List<Cell>> rows, String empty, String note) {
        CardView(String id, String title, String link, List<Kpi> kpis, Map<String, Object> chart, List<String> columns,
                 List<List<Cell>> rows, String empty) {
            this(id, title, link, kpis, chart, columns, rows, empty, null);
        }
    }

    public CardView view(HomeCard card) {
        return switch (card) {
            case INGESTION_HEALTH -> ingestionHealth(card);
            case TELEMETRY_VOLUME -> telemetryVolume(card);
            case DEVICES_BY_OS -> devicesByOs(card);
            case SIGN_IN_FAILURES -> signInFailures(card);
            case TOP_PROCESSES -> topProcesses(card);
            case DEVICES_AT_RISK -> devicesAtRisk(card);
            case HUNTING_QUICK_START -> huntingQuickStart(card);
            case ACTIVE_INCIDENTS -> activeIncidents(card);
            case THREAT_ANALYTICS -> threatAnalytics(card);
            case ATTACK_PATHS -> attackPaths(card);
        };
    }

    /** Active (new and in progress) incidents of the reader's scope by severity, the five most recently updated listed. */
    private CardView activeIncidents(HomeCard card) {
        var open = java.util.Set.of(dev.rampart.portal.incidents.IncidentStatus.ACTIVE, dev.rampart.portal.incidents.IncidentStatus.IN_PROGRESS);
        List<Kpi> kpis = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        long total = 0;
        for (dev.rampart.portal.incidents.Severity sv : List.of(dev.rampart.portal.incidents.Severity.HIGH, dev.rampart.portal.incidents.Severity.MEDIUM,
                dev.rampart.portal.incidents.Severity.LOW, dev.rampart.portal.incidents.Severity.INFORMATIONAL)) {
            long n = incidents.list(incidentQuery(open, java.util.Set.of(sv), 1)).total();
            total += n;
            kpis.add(new Kpi(EntityLinks.num(n), sv.label().toLowerCase(java.util.Locale.ROOT)));
            names.add(0, sv.label());
            values.add(0, n);
        }
        kpis.add(0, new Kpi(EntityLinks.num(total), "active"));
        List<List<Cell>> rows = incidents.list(incidentQuery(open, java.util.Set.of(), 5)).items().stream()
                .map(i -> List.of(new Cell(i.displayName(), "/incidents/" + i.id()), Cell.of(i.severity().label()), Cell.of(String.valueOf(i.alertCount())),
                        Cell.of(EntityLinks.ago(i.lastUpdateAt())))).toList();
        return new CardView(card.id(), card.title(), card.link(), kpis, total == 0 ? null : barChart(names, values, "Incidents"),
                List.of("Incident", "Severity", "Alerts", "Updated"), rows, "No active incident in your data scope.", "New and in-progress incidents of your data scope.");
    }

    private static dev.rampart.portal.incidents.IncidentQuery incidentQuery(java.util.Set<dev.rampart.portal.incidents.IncidentStatus> statuses,
                                                                            java.util.Set<dev.rampart.portal.incidents.Severity> severities, int size) {
        return new dev.rampart.portal.incidents.IncidentQuery(statuses, severities, null, java.util.Set.of(), java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), null, "lastUpdate", true, 1, size);
    }

    /** Imported threat reports ranked by the alerts their indicators raised in the reader's scope (latest first when none did). */
    private CardView threatAnalytics(HomeCard card) {
        var reports = intel.reportsWithoutExposure();
        long withAlerts = reports.stream().filter(r -> r.activeAlerts() + r.resolvedAlerts() > 0).count();
        List<List<Cell>> rows = reports.stream()
                .sorted(java.util.Comparator.comparingLong((dev.rampart.portal.intel.ThreatIntel.ReportRow r) -> -(r.activeAlerts() + r.resolvedAlerts())))
                .limit(5).map(r -> List.of(new Cell(r.report().name(), "/threat-analytics/" + r.report().id()), Cell.of(String.valueOf(r.activeAlerts())),
                        Cell.of(String.valueOf(r.resolvedAlerts())), Cell.of(String.valueOf(r.devices())))).toList();
        return new CardView(card.id(), card.title(), card.link(), List.of(new Kpi(EntityLinks.num(reports.size()), "reports"),
                new Kpi(EntityLinks.num(withAlerts), "with alerts here")), null, List.of("Report", "Active alerts", "Resolved", "Devices"), rows,
                "No threat report imported. Settings › Threat intelligence imports STIX reports.", "Alerts raised by each report's indicators in your data scope.");
    }

    /** Attack paths the reader may see, and the choke points most of them pass through. */
    private CardView attackPaths(HomeCard card) {
        var v = exposure.visible();
        List<List<Cell>> rows = v.chokePoints().stream().limit(5)
                .map(c -> List.of(new Cell(c.node().name(), "/exposure/choke-points/" + c.node().id()), Cell.of(c.node().kindLabel()),
                        Cell.of(String.valueOf(c.paths().size())), Cell.of(String.valueOf(c.targets().size())))).toList();
        return new CardView(card.id(), card.title(), card.link(), List.of(new Kpi(EntityLinks.num(v.paths().size()), "attack paths"),
                new Kpi(EntityLinks.num(v.entryPoints()), "entry points"), new Kpi(EntityLinks.num(v.chokePoints().size()), "choke points"),
                new Kpi(EntityLinks.num(v.targets()), "critical assets reachable")), null, List.of("Choke point", "Type", "Paths", "Critical assets"), rows,
                v.paths().isEmpty() ? "No attack path from an internet-facing device to a critical asset in your scope." : "No asset lies on two or more attack paths.",
                "Paths from internet-facing devices to critical assets; choke points are on two or more of them.");
    }

    /** Rows per table, counted inside the data scope when it is restricted. */
    private Map<String, Long> rowCounts(EventFilters f) {
        Map<String, Long> all = events.rowCounts();
        if (f.unrestricted()) {
            return all;
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : all.entrySet()) {
            if (e.getValue() > 0) {
                List<Object> p = new ArrayList<>();
                String from = f.from(e.getKey(), p);
                out.put(e.getKey(), sql.count("SELECT count(*) FROM " + from + " t", p.toArray()));
            }
        }
        return out;
    }

    private CardView telemetryVolume(HomeCard card) {
        Map<String, Long> counts = rowCounts(scopes.eventFilters());
        List<Map.Entry<String, Long>> top = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10).toList();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        // Horizontal bars draw bottom-up: reverse so the biggest table is on top.
        List<String> names = new ArrayList<>(top.stream().map(Map.Entry::getKey).toList());
        List<Long> values = new ArrayList<>(top.stream().map(Map.Entry::getValue).toList());
        java.util.Collections.reverse(names);
        java.util.Collections.reverse(values);
        Map<String, Object> chart = top.isEmpty() ? null : barChart(names, values, "Rows");
        List<List<Cell>> rows = top.stream().map(e -> List.of(Cell.of(e.getKey()), Cell.of(EntityLinks.num(e.getValue())))).toList();
        return new CardView(card.id(), card.title(), card.link(), List.of(new Kpi(EntityLinks.num(total), "events stored")), chart,
                List.of("Table", "Rows"), rows, "No events yet. Start with --demo or send NDJSON to POST /api/v1/ingest/{table}.");
    }

    private CardView ingestionHealth(HomeCard card) {
        Instant now = Instant.now();
        EventFilters f = scopes.eventFilters();
        List<Object> params = new ArrayList<>();
        StringBuilder union = new StringBuilder();
        for (String t : List.of("DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents", "DeviceLogonEvents", "DeviceInfo",
                "IdentityLogonEvents", "EntraIdSignInEvents", "CloudAppEvents", "EmailEvents")) {
            union.append(union.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(t)
                    .append("' AS tbl, count(*) FILTER (WHERE Timestamp >= ?) AS hour, count(*) FILTER (WHERE Timestamp >= ?) AS day, max(Timestamp) AS latest FROM ");
            params.add(now.minus(1, ChronoUnit.HOURS));
            params.add(now.minus(1, ChronoUnit.DAYS));
            union.append(f.from(t, params)).append(" t");
        }
        List<Row> rows = sql.rows("SELECT * FROM (" + union + ") WHERE latest IS NOT NULL ORDER BY day DESC, tbl", params.toArray());
        long hour = rows.stream().mapToLong(r -> r.num(1)).sum();
        long day = rows.stream().mapToLong(r -> r.num(2)).sum();
        List<List<Cell>> table = rows.stream().map(r -> List.of(Cell.of(r.str(0)), Cell.of(EntityLinks.num(r.num(1))),
                Cell.of(EntityLinks.num(r.num(2))), Cell.of(EntityLinks.ago(r.time(3))))).toList();
        String state = day == 0 ? "No events in 24 h" : hour == 0 ? "Quiet for an hour" : hour * 24 >= day / 2 ? "Flowing" : "Below usual";
        return new CardView(card.id(), card.title(), card.link(), List.of(new Kpi(EntityLinks.num(hour), "events last hour"),
                new Kpi(EntityLinks.num(day), "events last 24 h"), new Kpi(state, "status")), null,
                List.of("Table", "Last hour", "Last 24 h", "Latest event"), table, "No table has received events yet.");
    }

    /** The riskiest devices (by their active alerts) of the reader's scope, critical assets marked. */
    private CardView devicesAtRisk(HomeCard card) {
        DeviceInventory.Page p = inventory.list(DeviceInventory.Query.all(), 5);
        long high = p.counts().highRisk();
        List<List<Cell>> table = p.rows().stream().filter(r -> r.activeAlerts() > 0)
                .map(r -> List.of(new Cell(r.name(), EntityLinks.device(r.deviceId())), Cell.of(r.riskLevel()),
                        Cell.of(String.valueOf(r.activeAlerts())), Cell.of(r.criticality() == null ? "—" : r.criticality()))).toList();
        return new CardView(card.id(), card.title(), card.link(), List.of(new Kpi(EntityLinks.num(high), "high-risk devices"),
                new Kpi(EntityLinks.num(p.counts().critical()), "critical assets")), null, List.of("Device", "Risk level", "Alerts", "Criticality"),
                table, "No device has an active alert.", "Risk level is the highest severity of a device's active alerts.");
    }

    private CardView devicesByOs(HomeCard card) {
        List<Object> p = new ArrayList<>();
        String info = scopes.eventFilters().from("DeviceInfo", p);
        List<Row> rows = sql.rows("SELECT coalesce(OSPlatform, 'Unknown'), count(*) FROM (SELECT DeviceId, arg_max(OSPlatform, Timestamp) OSPlatform "
                + "FROM " + info + " t GROUP BY DeviceId) GROUP BY 1 ORDER BY 2 DESC", p.toArray());
        long total = rows.stream().mapToLong(r -> r.num(1)).sum();
        List<Map<String, Object>> data = rows.stream().map(r -> Map.<String, Object>of("name", r.str(0), "value", r.num(1))).toList();
        Map<String, Object> chart = rows.isEmpty() ? null : Map.of(
                "tooltip", Map.of("trigger", "item", "formatter", "{b}: {c} devices ({d}%)"),
                // Slice labels collide on a card this narrow: the legend and the table below name them.
                "legend", Map.of("type", "scroll", "bottom", 0, "itemWidth", 10, "itemHeight", 10, "textStyle", Map.of("fontSize", 11)),
                "series", List.of(Map.of("type", "pie", "radius", List.of("40%", "65%"), "center", List.of("50%", "44%"), "data", data,
                        "label", Map.of("show", false))));
        List<List<Cell>> table = rows.stream().map(r -> List.of(new Cell(r.str(0), EntityLinks.query("/devices", "os", r.str(0))),
                Cell.of(EntityLinks.num(r.num(1))))).toList();
        return new CardView(card.id(), card.title(), card.link(), List.of(new Kpi(EntityLinks.num(total), "devices")), chart,
                List.of("OS platform", "Devices"), table, "No device has reported DeviceInfo yet.");
    }

    private CardView signInFailures(HomeCard card) {
        Instant since = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(6, ChronoUnit.DAYS);
        List<Object> p = new ArrayList<>();
        String failed = "(SELECT * FROM " + SignIns.attempts(scopes.eventFilters(), p, since) + " a WHERE failed)";
        List<Row> rows = sql.rows("SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d') d, count(*) FILTER (WHERE src = '" + SignIns.DEVICES + "'), "
                + "count(*) FILTER (WHERE src = '" + SignIns.DOMAIN_CONTROLLERS + "'), count(*) FILTER (WHERE src = '" + SignIns.ENTRA_ID + "') FROM "
                + failed + " f GROUP BY d ORDER BY d", p.toArray());
        Map<String, long[]> byDay = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            byDay.put(since.plus(i, ChronoUnit.DAYS).toString().substring(0, 10), new long[3]);
        }
        for (Row r : rows) {
            long[] v = byDay.get(r.str(0));
            if (v != null) {
                v[0] = r.num(1);
                v[1] = r.num(2);
                v[2] = r.num(3);
            }
        }
        List<String> days = new ArrayList<>(byDay.keySet());
        String[] names = {SignIns.DEVICES, SignIns.DOMAIN_CONTROLLERS, SignIns.ENTRA_ID};
        List<Map<String, Object>> series = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            int k = s;
            series.add(Map.of("name", names[s], "type", "bar", "stack", "all", "data", byDay.values().stream().map(v -> v[k]).toList()));
        }
        long total = byDay.values().stream().mapToLong(v -> v[0] + v[1] + v[2]).sum();
        List<Row> top = sql.rows("SELECT account, count(*) FROM " + failed + " f WHERE account IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5", p.toArray());
        Map<String, Object> chart = Map.of(
                "tooltip", Map.of("trigger", "axis"), "legend", Map.of("top", 0),
                "grid", Map.of("left", 40, "right", 10, "top", 30, "bottom", 24),
                "xAxis", Map.of("type", "category", "data", days.stream().map(d -> d.substring(5)).toList()),
                "yAxis", Map.of("type", "value", "minInterval", 1), "series", series);
        List<List<Cell>> table = top.stream().map(r -> List.of(new Cell(r.str(0), EntityLinks.user(r.str(0))), Cell.of(EntityLinks.num(r.num(1))))).toList();
        return new CardView(card.id(), card.title(), card.link(), List.of(new Kpi(EntityLinks.num(total), "failed sign-ins in 7 days")),
                total == 0 ? null : chart, List.of("Most failing account", "Failures"), table, "No failed sign-ins in the last 7 days.", SignIns.DEFINITION);
    }

    private CardView topProcesses(HomeCard card) {
        Instant since = Instant.now().minus(7, ChronoUnit.DAYS);
        List<Object> p = new ArrayList<>();
        String processes = scopes.eventFilters().from("DeviceProcessEvents", p);
        p.add(since);
        List<Row> rows = sql.rows("SELECT FileName, count(*), count(DISTINCT DeviceId) FROM " + processes + " t WHERE Timestamp >= ? AND FileName IS NOT NULL "
                + "GROUP BY FileName ORDER BY 2 DESC LIMIT 8", p.toArray());
        List<List<Cell>> table = rows.stream().map(r -> List.of(new Cell(r.str(0), GoHunt.link(GoHunt.Entity.FILE_NAME, "FileName", r.str(0))),
                Cell.of(EntityLinks.num(r.num(1))), Cell.of(EntityLinks.num(r.num(2))))).toList();
        return new CardView(card.id(), card.title(), card.link(), List.of(), null, List.of("Process", "Runs", "Devices"), table,
                "No process events in the last 7 days.");
    }

    private CardView huntingQuickStart(HomeCard card) {
        List<List<Cell>> table = queries.gallery().stream().limit(8)
                .map(g -> List.of(new Cell(g.title(), "/hunting?q=" + URLEncoder.encode(g.query(), StandardCharsets.UTF_8)), Cell.of(g.folder()))).toList();
        return new CardView(card.id(), card.title(), card.link(), List.of(), null, List.of("Gallery query", "Folder"), table,
                "The query gallery is empty.");
    }

    private static Map<String, Object> barChart(List<String> names, List<Long> values, String unit) {
        return Map.of("tooltip", Map.of("trigger", "axis"),
                "grid", Map.of("left", 170, "right", 16, "top", 8, "bottom", 24),
                "xAxis", Map.of("type", "value", "name", unit, "minInterval", 1),
                "yAxis", Map.of("type", "category", "data", names, "axisLabel", Map.of("fontSize", 11)),
                "series", List.of(Map.of("type", "bar", "name", unit, "data", values)));
    }

}
