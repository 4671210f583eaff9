package dev.rampart.portal.incidents;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Formatting helpers and small page models for the incident and alert templates. */
public final class IncidentViews {

    private IncidentViews() {
    }

    public record AlertQueue(Page<Alert> page, AlertQuery query, String filterQuery, String notice) {
    }

    /** The incident page: the incident, its alerts, entities grouped by type, activity, and which tab is open. */
    public record IncidentPage(Incident incident, List<Alert> alerts, Map<EntityType, List<Evidence>> assets, List<IncidentActivity> activity,
                               String tab, boolean canManage, List<String> knownTags, String notice, String error) {
        public List<Category> tactics() {
            return alerts.stream().map(Alert::category).distinct().sorted().toList();
        }

        public List<String> sources() {
            return alerts.stream().map(Alert::serviceSource).distinct().toList();
        }
    }

    public record AlertPage(Alert alert, Incident incident, List<AlertComment> comments, boolean canManage, boolean canSubmit, String huntQuery,
                            String notice, String error) {
    }

    public static Map<EntityType, List<Evidence>> assets(List<Alert> alerts) {
        Map<EntityType, List<Evidence>> out = new LinkedHashMap<>();
        for (EntityType t : EntityType.values()) {
            Map<String, Evidence> unique = new LinkedHashMap<>();
            alerts.stream().flatMap(a -> a.evidenceOf(t).stream()).forEach(e -> unique.putIfAbsent(e.key(), e));
            if (!unique.isEmpty()) {
                out.put(t, List.copyOf(unique.values()));
            }
        }
        return out;
    }

    public static String time(Instant i) {
        return i == null ? "" : dev.rampart.portal.web.DisplayZone.format(i, "yyyy-MM-dd HH:mm");
    }

    public static String exact(Instant i) {
        return i == null ? "" : dev.rampart.portal.web.DisplayZone.format(i, "yyyy-MM-dd HH:mm:ss") + " " + dev.rampart.portal.web.DisplayZone.label(i);
    }

    public static String ago(Instant i) {
        if (i == null) {
            return "";
        }
        Duration d = Duration.between(i, Instant.now());
        if (d.isNegative() || d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " d ago";
    }

    public static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    public static String join(Collection<?> c) {
        return c.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    public static String statusCss(String graph) {
        return switch (graph) {
            case "active", "new" -> "pill pill-new";
            case "inProgress" -> "pill pill-progress";
            case "resolved" -> "pill pill-ok";
            default -> "pill pill-off";
        };
    }

    /** The "Go hunt" query for an alert: events of its first device or user around its activity. */
    public static String huntQuery(Alert a) {
        String when = "| where Timestamp between (datetime(" + a.firstActivity().minus(Duration.ofHours(1)) + ") .. datetime("
                + a.lastActivity().plus(Duration.ofHours(1)) + "))";
        List<Evidence> devices = a.evidenceOf(EntityType.DEVICE);
        if (!devices.isEmpty()) {
            return "DeviceProcessEvents\n" + when + "\n| where DeviceName startswith \"" + devices.get(0).key().replace("\"", "") + "\"\n"
                    + "| project Timestamp, DeviceName, AccountName, FileName, ProcessCommandLine, InitiatingProcessFileName\n| order by Timestamp asc";
        }
        List<Evidence> users = a.evidence().stream().filter(e -> e.type() == EntityType.USER || e.type() == EntityType.MAILBOX).toList();
        if (!users.isEmpty()) {
            return "EntraIdSignInEvents\n" + when + "\n| where AccountUpn =~ \"" + users.get(0).key().replace("\"", "") + "\"\n"
                    + "| project Timestamp, AccountUpn, IPAddress, Country, Application, ErrorCode\n| order by Timestamp asc";
        }
        return "search \"" + a.title().replace("\"", "") + "\"";
    }
}
