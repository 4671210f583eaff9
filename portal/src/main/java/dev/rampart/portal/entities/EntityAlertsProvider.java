package dev.rampart.portal.entities;

import java.util.List;

/**
 * Extension point for the alerts and incidents sections of entity pages. The detection/incidents feature
 * implements it as a Spring bean; until one exists the pages leave those sections out (no placeholder data).
 */
public interface EntityAlertsProvider {
    /** Kinds of entity a page can ask about. */
    enum EntityKind { DEVICE, USER, FILE, IP, DOMAIN }

    /** One alert or incident touching the entity, newest first; {@code link} opens it. */
    record Related(String id, String title, String severity, String status, java.time.Instant lastActivity, String link, Long incidentId) {
    }

    /** Alerts and incidents involving the entity ({@code key} as the page addresses it), at most {@code limit}. */
    List<Related> relatedTo(EntityKind kind, String key, int limit);

    /** How many active (not resolved) alerts name an entity, and the highest of their severities. */
    record ActiveAlerts(int count, String highestSeverity) {
        /** Risk level as the device inventory shows it: the highest active alert severity, or "No known risks". */
        public String riskLevel() {
            return count == 0 ? NO_KNOWN_RISKS : highestSeverity;
        }
    }

    String NO_KNOWN_RISKS = "No known risks";

    /** Risk levels from the highest to the lowest, as filters and sorting order them. */
    List<String> RISK_LEVELS = List.of("High", "Medium", "Low", "Informational", NO_KNOWN_RISKS);

    /**
     * Active alerts the caller may see per device, keyed by the lower-case host name before the first dot (the way
     * alerts record device evidence). Devices without active alerts are absent.
     */
    java.util.Map<String, ActiveAlerts> activeAlertsByDevice();

    /** Active alerts the caller may see that name the device (by its name, any case, with or without domain). */
    ActiveAlerts activeAlertsForDevice(String deviceName);

    /**
     * Active alerts the caller may see that name the account: {@code keys} are its UPN, account name or object
     * id, in any case; a UPN also matches alerts that name only the part before '@'.
     */
    default ActiveAlerts activeAlertsForUser(List<String> keys) {
        return activeAlertsForUsers(List.of(keys)).get(0);
    }

    /** The lower-case account keys (UPNs, account names) that active alerts the caller may see name. */
    java.util.Set<String> usersWithActiveAlerts();

    /** {@link #activeAlertsForUser} for several accounts at once (one list of keys each), in the same order. */
    List<ActiveAlerts> activeAlertsForUsers(List<List<String>> keysPerUser);
}
