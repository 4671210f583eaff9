package dev.rampart.portal.response;

import dev.rampart.portal.response.sensors.SensorRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** What the action center pages render. {@code filters} are the URL parameters as typed. */
public record ActionCenterView(String tab, ActionPage page, Map<String, String> filters, long pendingCount, ResponseAction selected,
                               List<Artifacts.Artifact> selectedArtifacts, boolean canDecide, boolean canAct, String message) {

    public String filter(String name) {
        return filters.getOrDefault(name, "");
    }

    public boolean filtered() {
        return filters.values().stream().anyMatch(v -> v != null && !v.isBlank() && !v.equals("30"));
    }

    public String query() {
        StringBuilder b = new StringBuilder();
        filters.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return b.toString();
    }

    public String pageLink(int p) {
        String q = query();
        return "/action-center/" + tab + "?" + (q.isEmpty() ? "" : q + "&") + "page=" + p;
    }

    public String exportLink() {
        String q = query();
        return "/action-center/export" + (q.isEmpty() ? "" : "?" + q);
    }

    public String detailLink(long id) {
        String q = query();
        return "/action-center/" + tab + "?" + (q.isEmpty() ? "" : q + "&") + "action=" + id;
    }

    public static List<ActionType> types() {
        return List.of(ActionType.values());
    }

    public static List<ActionStatus> statuses() {
        return List.of(ActionStatus.values());
    }

    public static String time(OffsetDateTime t) {
        return t == null ? "" : dev.rampart.portal.web.DisplayZone.format(t, "yyyy-MM-dd HH:mm");
    }

    public static String iso(OffsetDateTime t) {
        return t == null ? "" : t.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }

    /** "3 min ago", "2 h ago", "4 days ago". */
    public static String ago(OffsetDateTime t) {
        if (t == null) {
            return "never";
        }
        Duration d = Duration.between(t, OffsetDateTime.now(ZoneOffset.UTC));
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        return d.toDays() < 1 ? d.toHours() + " h ago" : d.toDays() + " days ago";
    }

    /** Time left before a pending approval times out. */
    public static String expiresIn(ResponseAction a) {
        Duration left = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), a.requestedAt().plus(ResponseActions.APPROVAL_TIMEOUT));
        return left.isNegative() ? "due now" : left.toDays() > 0 ? left.toDays() + " d " + left.toHoursPart() + " h" : left.toHours() + " h " + left.toMinutesPart() + " min";
    }

    public static String pill(ActionStatus s) {
        return switch (s) {
            case COMPLETED -> "pill pill-ok";
            case FAILED, TIMED_OUT, REJECTED -> "pill warn";
            case CANCELLED -> "pill pill-off";
            case IN_PROGRESS -> "pill pill-progress";
            default -> "pill pill-new";
        };
    }

    /** Device panel model: sensor health and the actions available on a device. */
    public record DevicePanel(String deviceId, String deviceName, SensorRegistry.DeviceSensorStatus sensor, boolean isolated, boolean restricted,
                              boolean contained, List<ResponseAction> recent, List<ActionType> available, String csrf, String message,
                              boolean liveResponseShown, String liveResponseRefusal, Long liveSessionId) {
    }

    /** The user page's response panel; {@code disabled} is null when no disable or enable ever completed. */
    public record UserPanel(String account, boolean contained, String risk, Boolean disabled, List<ResponseAction> recent, List<ActionType> available,
                            String csrf, String message) {
    }
}
