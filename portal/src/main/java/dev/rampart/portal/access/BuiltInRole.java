package dev.rampart.portal.access;

import static dev.rampart.portal.access.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The built-in roles and their default permission sets, following how the reference maps its directory
 * roles onto the unified RBAC catalogue. Readers get no manage permission at all: the reference's quirk of
 * granting email "Response (manage)" to readers is deliberately not reproduced.
 */
public enum BuiltInRole {
    GLOBAL_ADMINISTRATOR("Global administrator", "Full access to every feature and setting.", EnumSet.allOf(Permission.class)),
    SECURITY_ADMINISTRATOR("Security administrator", "Manages security features, roles and settings.", EnumSet.allOf(Permission.class)),
    SECURITY_OPERATOR("Security operator", "Investigates and responds: alerts, response actions, live response, detection tuning.",
            EnumSet.of(SECURITY_DATA_READ, ALERTS_MANAGE, RESPONSE_MANAGE, BASIC_LIVE_RESPONSE_MANAGE,
                    ADVANCED_LIVE_RESPONSE_MANAGE, FILE_COLLECTION_MANAGE, EMAIL_METADATA_READ,
                    VULNERABILITY_MANAGEMENT_READ, EXCEPTION_HANDLING_MANAGE, REMEDIATION_HANDLING_MANAGE,
                    EXPOSURE_MANAGEMENT_READ, CORE_SECURITY_SETTINGS_READ, CORE_SECURITY_SETTINGS_MANAGE,
                    DETECTION_TUNING_MANAGE, SYSTEM_SETTINGS_READ, SYSTEM_SETTINGS_MANAGE)),
    SECURITY_READER("Security reader", "Reads security data, posture and settings; changes nothing.",
            EnumSet.of(SECURITY_DATA_READ, EMAIL_METADATA_READ, VULNERABILITY_MANAGEMENT_READ,
                    EXPOSURE_MANAGEMENT_READ, CORE_SECURITY_SETTINGS_READ, SYSTEM_SETTINGS_READ)),
    GLOBAL_READER("Global reader", "Reads everything a security reader can, plus roles and permissions.",
            EnumSet.of(SECURITY_DATA_READ, EMAIL_METADATA_READ, VULNERABILITY_MANAGEMENT_READ,
                    EXPOSURE_MANAGEMENT_READ, AUTHORIZATION_READ, CORE_SECURITY_SETTINGS_READ, SYSTEM_SETTINGS_READ));

    private final String displayName;
    private final String description;
    private final Set<Permission> permissions;

    BuiltInRole(String displayName, String description, Set<Permission> permissions) {
        this.displayName = displayName;
        this.description = description;
        this.permissions = permissions;
    }

    public String id() {
        return name().toLowerCase().replace('_', '-');
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }
}
