package dev.rampart.portal.incidents;

import dev.rampart.portal.access.DataScope;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.DeviceFilter.Sql;
import dev.rampart.portal.access.Permission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which alerts and incidents the current principal's data scope shows, as SQL conditions. An alert is visible
 * when its service source's workload is covered and it touches a visible device (one of its source events ran on
 * it, or it names it as device evidence), or when it touches no device at all. Alerts of several products
 * ({@code microsoft365Defender}) or of no known product count as covered by any grant. An incident is visible when
 * one of its alerts is.
 */
@Component
class AlertScope {
    private static final Map<String, List<String>> WORKLOADS = Map.of(
            "microsoftDefenderForEndpoint", List.of("endpoint", "vulnerability"),
            "microsoftDefenderForIdentity", List.of("identity"),
            "azureAdIdentityProtection", List.of("identity"),
            "microsoftDefenderForOffice365", List.of("email"),
            "microsoftDefenderForCloudApps", List.of("cloudapps"));

    private final DataScopes scopes;

    AlertScope(DataScopes scopes) {
        this.scopes = scopes;
    }

    /** Condition over the alert row aliased {@code a}; TRUE for an unrestricted principal. */
    Sql alerts(String a) {
        return alerts(a, scopes.current());
    }

    /** The alerts the current principal may manage: those inside the assignments that grant Alerts (manage). */
    Sql managedAlerts(String a) {
        return alerts(a, scopes.current(Permission.ALERTS_MANAGE));
    }

    /** The incidents the current principal may manage: one of their alerts lies where it holds Alerts (manage). */
    Sql managedIncidents(String i) {
        return incidents(i, managedAlerts("sa"));
    }

    private Sql alerts(String a, DataScope scope) {
        if (!scope.restricted()) {
            return Sql.TRUE;
        }
        // Sources that see the same devices share one clause, so a typical single-grant scope lists its devices once.
        Map<DeviceFilter, List<String>> bySources = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : WORKLOADS.entrySet()) {
            if (e.getValue().stream().anyMatch(scope::workloadVisible)) {
                bySources.computeIfAbsent(scopes.devices(scope, e.getValue()), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Map.Entry<DeviceFilter, List<String>> e : bySources.entrySet()) {
            clauses.add("(" + a + ".service_source IN (" + IncidentStore.placeholders(e.getValue().size()) + ") AND "
                    + devices(a, e.getKey(), params, e.getValue()) + ")");
        }
        if (!scope.grants().isEmpty()) {
            List<String> known = new ArrayList<>(WORKLOADS.keySet());
            List<Object> p = new ArrayList<>();
            String devices = devices(a, scopes.devices(scope, null), p, List.of());
            clauses.add("(" + a + ".service_source NOT IN (" + IncidentStore.placeholders(known.size()) + ") AND " + devices + ")");
            params.addAll(known);
            params.addAll(p);
        }
        return clauses.isEmpty() ? Sql.FALSE : new Sql("(" + String.join(" OR ", clauses) + ")", params);
    }

    /** Condition over the incident row aliased {@code i}. */
    Sql incidents(String i) {
        return incidents(i, alerts("sa"));
    }

    private static Sql incidents(String i, Sql alert) {
        if (alert.alwaysTrue()) {
            return Sql.TRUE;
        }
        return new Sql("EXISTS (SELECT 1 FROM alert sa WHERE sa.incident_id = " + i + ".id AND " + alert.sql() + ")", alert.params());
    }

    // Appends the source names, then the device lists, in the order their markers appear.
    private static String devices(String a, DeviceFilter f, List<Object> params, List<String> sources) {
        params.addAll(sources);
        if (f.all()) {
            return "TRUE";
        }
        String deviceless = "NOT EXISTS (SELECT 1 FROM alert_event dv WHERE dv.alert_id = " + a + ".id AND dv.device_id IS NOT NULL) "
                + "AND " + a + ".names_device = FALSE";
        Sql ids = f.idIn("ev.device_id");
        Sql hosts = f.hostIn("ed.entity_key");
        params.addAll(ids.params());
        params.addAll(hosts.params());
        return "(EXISTS (SELECT 1 FROM alert_event ev WHERE ev.alert_id = " + a + ".id AND " + ids.sql() + ") "
                + "OR " + a + ".id IN (SELECT ed.alert_id FROM alert_evidence ed WHERE ed.entity_type = 'device' AND " + hosts.sql() + ") "
                + "OR (" + deviceless + "))";
    }
}
