package dev.rampart.portal.access;

/**
 * The unified RBAC permission catalogue: each constant is one grantable permission at one level.
 * Authorities granted to a signed-in user are {@code PERM_<name>}; see {@link Perms} for the
 * expressions controllers and services declare.
 */
public enum Permission {
    SECURITY_DATA_READ("Security operations", "Security data basics", Level.READ),
    ALERTS_MANAGE("Security operations", "Alerts", Level.MANAGE),
    RESPONSE_MANAGE("Security operations", "Response", Level.MANAGE),
    BASIC_LIVE_RESPONSE_MANAGE("Security operations", "Basic live response", Level.MANAGE),
    ADVANCED_LIVE_RESPONSE_MANAGE("Security operations", "Advanced live response", Level.MANAGE),
    FILE_COLLECTION_MANAGE("Security operations", "File collection", Level.MANAGE),
    EMAIL_QUARANTINE_MANAGE("Security operations", "Email & collaboration quarantine", Level.MANAGE),
    EMAIL_ADVANCED_ACTIONS_MANAGE("Security operations", "Email & collaboration advanced actions", Level.MANAGE),
    EMAIL_METADATA_READ("Security operations", "Email & collaboration metadata", Level.READ),
    EMAIL_CONTENT_READ("Security operations", "Email & collaboration content", Level.READ),
    VULNERABILITY_MANAGEMENT_READ("Security posture", "Vulnerability management", Level.READ),
    EXCEPTION_HANDLING_MANAGE("Security posture", "Exception handling", Level.MANAGE),
    REMEDIATION_HANDLING_MANAGE("Security posture", "Remediation handling", Level.MANAGE),
    APPLICATION_HANDLING_MANAGE("Security posture", "Application handling", Level.MANAGE),
    SECURITY_BASELINE_MANAGE("Security posture", "Security baseline assessment", Level.MANAGE),
    EXPOSURE_MANAGEMENT_READ("Security posture", "Exposure management", Level.READ),
    EXPOSURE_MANAGEMENT_MANAGE("Security posture", "Exposure management", Level.MANAGE),
    AUTHORIZATION_READ("Authorization and settings", "Authorization", Level.READ),
    AUTHORIZATION_MANAGE("Authorization and settings", "Authorization", Level.MANAGE),
    CORE_SECURITY_SETTINGS_READ("Authorization and settings", "Core security settings", Level.READ),
    CORE_SECURITY_SETTINGS_MANAGE("Authorization and settings", "Core security settings", Level.MANAGE),
    DETECTION_TUNING_MANAGE("Authorization and settings", "Detection tuning", Level.MANAGE),
    SYSTEM_SETTINGS_READ("Authorization and settings", "System settings", Level.READ),
    SYSTEM_SETTINGS_MANAGE("Authorization and settings", "System settings", Level.MANAGE);

    public enum Level { READ, MANAGE }

    private final String category;
    private final String label;
    private final Level level;

    Permission(String category, String label, Level level) {
        this.category = category;
        this.label = label;
        this.level = level;
    }

    public String category() {
        return category;
    }

    public String label() {
        return label;
    }

    public Level level() {
        return level;
    }

    public String authority() {
        return "PERM_" + name();
    }
}
