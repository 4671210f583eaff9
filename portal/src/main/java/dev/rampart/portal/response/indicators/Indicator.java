package dev.rampart.portal.response.indicators;

import dev.rampart.portal.incidents.Severity;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored indicator of compromise (or allow entry). {@code scope} lists device names it applies to; empty = all
 * devices. {@code deviceGroups}: ids of the device groups it is limited to; empty = all device groups. {@code expiresAt}
 * null = never expires.
 */
public record Indicator(long id, IndicatorType type, String value, IndicatorAction action, boolean generateAlert, String title,
                        String description, Severity severity, String recommendedActions, List<String> scope, List<Long> deviceGroups,
                        OffsetDateTime expiresAt, String source, String createdBy, OffsetDateTime createdAt, String updatedBy,
                        OffsetDateTime updatedAt) {

    public boolean active(OffsetDateTime now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    /** True when the indicator applies to this device name (case-insensitive; short name or FQDN). */
    public boolean appliesTo(String deviceName) {
        if (scope.isEmpty()) {
            return true;
        }
        if (deviceName == null) {
            return false;
        }
        String d = deviceName.toLowerCase(java.util.Locale.ROOT);
        String shortName = d.contains(".") ? d.substring(0, d.indexOf('.')) : d;
        return scope.stream().anyMatch(s -> s.equals(d) || s.equals(shortName));
    }

    public String scopeLabel() {
        return scope.isEmpty() ? "All devices" : String.join(", ", scope);
    }
}
