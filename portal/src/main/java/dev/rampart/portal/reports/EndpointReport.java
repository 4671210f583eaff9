package dev.rampart.portal.reports;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.EventFilters;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertQuery;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.Page;
import dev.rampart.portal.reports.WorkloadReport.Breakdown;
import dev.rampart.portal.reports.WorkloadReport.Item;
import dev.rampart.portal.reports.WorkloadReport.Kpi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Reports › Endpoints: device health from the latest DeviceInfo record of each device seen in the range (sensor
 * health, onboarding status, OS platform), devices reporting per day, and the devices with the most alerts. Event
 * figures count only the reader's data scope; alerts come from the incident service's scoped reads.
 */
@Service
public class EndpointReport {
    /** Alerts read for the "devices with alerts" breakdown; the report says so when a range has more. */
    static final int MAX_ALERTS = 5_000;
    private static final int PAGE = 500;

    private final Reports reports;
    private final EventSql sql;
    private final DataScopes scopes;
    private final IncidentService incidents;

    EndpointReport(Reports reports, EventSql sql, DataScopes scopes, IncidentService incidents) {
        this.reports = reports;
        this.sql = sql;
        this.scopes = scopes;
        this.incidents = incidents;
    }

    public WorkloadReport build(int requestedDays) {
        int days = Reports.clampDays(requestedDays);
        Instant from = reports.from(days);
        List<String> dates = reports.dates(days);
        EventFilters f = scopes.eventFilters();
        List<Object> p = new ArrayList<>();
        String latest = "SELECT DeviceId, arg_max(OSPlatform, Timestamp) AS os, arg_max(SensorHealthState, Timestamp) AS health, "
                + "arg_max(OnboardingStatus, Timestamp) AS onboarding FROM " + f.from("DeviceInfo", p) + " d WHERE Timestamp >= ? GROUP BY DeviceId";
        p.add(from);
        Object[] params = p.toArray();
        long devices = sql.count("SELECT count(*) FROM (" + latest + ")", params);
        List<Item> health = breakdown("SELECT coalesce(health, 'Unknown'), count(*) FROM (" + latest + ") GROUP BY 1 ORDER BY 2 DESC, 1", params);
        List<Item> onboarding = breakdown("SELECT coalesce(onboarding, 'Unknown'), count(*) FROM (" + latest + ") GROUP BY 1 ORDER BY 2 DESC, 1", params);
        List<Item> platforms = breakdown("SELECT coalesce(os, 'Unknown'), count(*) FROM (" + latest + ") GROUP BY 1 ORDER BY 2 DESC, 1", params);
        long active = health.stream().filter(i -> i.label().equalsIgnoreCase("Active")).mapToLong(Item::value).sum();
        // Devices that never reported a sensor state are "Unknown", not unhealthy.
        long unknown = health.stream().filter(i -> i.label().equals("Unknown")).mapToLong(Item::value).sum();
        long onboarded = onboarding.stream().filter(i -> i.label().equalsIgnoreCase("Onboarded")).mapToLong(Item::value).sum();

        List<Object> dp = new ArrayList<>();
        String reporting = "SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(DISTINCT DeviceId) FROM (SELECT Timestamp, DeviceId FROM "
                + f.from("DeviceInfo", dp) + " t1 UNION ALL SELECT Timestamp, DeviceId FROM " + f.from("DeviceProcessEvents", dp)
                + " t2) WHERE Timestamp >= ? GROUP BY 1";
        dp.add(from);
        Reports.Series perDay = reports.daily("Devices reporting", dates, reporting, dp);

        Alerted alerted = devicesWithAlerts(from);
        List<Kpi> kpis = List.of(new Kpi("Devices seen", devices), new Kpi("Sensor active", active), new Kpi("Sensor inactive or impaired", devices - active - unknown),
                new Kpi("Onboarded", onboarded), new Kpi("Devices with alerts", alerted.items().size()));
        List<Breakdown> parts = List.of(
                new Breakdown("health", "Sensor health", "State", "Devices", health, null),
                new Breakdown("onboarding", "Onboarding status", "Status", "Devices", onboarding, null),
                new Breakdown("platforms", "OS platforms", "Platform", "Devices", platforms, null),
                new Breakdown("alerted", "Devices with alerts", "Device", "Alerts", alerted.items().stream().limit(20).toList(), alerted.note()));
        return new WorkloadReport("endpoints", "Endpoints report", "Device health, onboarding and platforms of the devices in your scope",
                days, dates, kpis, List.of(perDay), "devices", parts);
    }

    private List<Item> breakdown(String query, Object[] params) {
        return sql.rows(query, params).stream().map(r -> new Item(r.str(0), r.num(1), null)).toList();
    }

    private record Alerted(List<Item> items, String note) {
    }

    /** Devices named as evidence on alerts created in the range, most alerts first. */
    private Alerted devicesWithAlerts(Instant from) {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        long read = 0;
        long total = 0;
        for (int page = 1; read < MAX_ALERTS; page++) {
            Page<Alert> alerts = incidents.alerts(new AlertQuery(Set.of(), Set.of(), Set.of(), null, null, null, from, page, PAGE));
            total = alerts.total();
            for (Alert a : alerts.items()) {
                for (Evidence e : a.evidenceOf(EntityType.DEVICE)) {
                    counts.computeIfAbsent(e.key(), k -> new long[1])[0]++;
                    names.putIfAbsent(e.key(), e.display() == null ? e.key() : e.display());
                }
            }
            read += alerts.items().size();
            if (alerts.items().size() < PAGE) {
                break;
            }
        }
        List<Item> items = counts.entrySet().stream()
                .sorted((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0]) : a.getKey().compareTo(b.getKey()))
                .map(e -> new Item(names.get(e.getKey()), e.getValue()[0], "/search?q=" + java.net.URLEncoder.encode(names.get(e.getKey()), java.nio.charset.StandardCharsets.UTF_8)))
                .toList();
        return new Alerted(items, total > read ? "Counted from the newest " + read + " of " + total + " alerts in the range." : null);
    }
}
