package dev.rampart.portal.access;

/**
 * Authorization expressions for {@code @PreAuthorize}, one per {@link Permission}, so that every
 * controller and service method names the permission it needs as a compile-time constant.
 */
public final class Perms {
    private Perms() {
    }

    public static final String SECURITY_DATA_READ = "hasAuthority('PERM_SECURITY_DATA_READ')";
    public static final String ALERTS_MANAGE = "hasAuthority('PERM_ALERTS_MANAGE')";
    public static final String RESPONSE_MANAGE = "hasAuthority('PERM_RESPONSE_MANAGE')";
    public static final String BASIC_LIVE_RESPONSE_MANAGE = "hasAuthority('PERM_BASIC_LIVE_RESPONSE_MANAGE')";
    public static final String ADVANCED_LIVE_RESPONSE_MANAGE = "hasAuthority('PERM_ADVANCED_LIVE_RESPONSE_MANAGE')";
    public static final String EMAIL_METADATA_READ = "hasAuthority('PERM_EMAIL_METADATA_READ')";
    public static final String EMAIL_CONTENT_READ = "hasAuthority('PERM_EMAIL_CONTENT_READ')";
    public static final String VULNERABILITY_MANAGEMENT_READ = "hasAuthority('PERM_VULNERABILITY_MANAGEMENT_READ')";
    public static final String EXCEPTION_HANDLING_MANAGE = "hasAuthority('PERM_EXCEPTION_HANDLING_MANAGE')";
    public static final String REMEDIATION_HANDLING_MANAGE = "hasAuthority('PERM_REMEDIATION_HANDLING_MANAGE')";
    public static final String EXPOSURE_MANAGEMENT_READ = "hasAuthority('PERM_EXPOSURE_MANAGEMENT_READ')";
    public static final String EXPOSURE_MANAGEMENT_MANAGE = "hasAuthority('PERM_EXPOSURE_MANAGEMENT_MANAGE')";
    public static final String AUTHORIZATION_READ = "hasAuthority('PERM_AUTHORIZATION_READ')";
    public static final String AUTHORIZATION_MANAGE = "hasAuthority('PERM_AUTHORIZATION_MANAGE')";
    public static final String CORE_SECURITY_SETTINGS_READ = "hasAuthority('PERM_CORE_SECURITY_SETTINGS_READ')";
    public static final String CORE_SECURITY_SETTINGS_MANAGE = "hasAuthority('PERM_CORE_SECURITY_SETTINGS_MANAGE')";
    public static final String DETECTION_TUNING_MANAGE = "hasAuthority('PERM_DETECTION_TUNING_MANAGE')";
    public static final String SYSTEM_SETTINGS_READ = "hasAuthority('PERM_SYSTEM_SETTINGS_READ')";
    public static final String SYSTEM_SETTINGS_MANAGE = "hasAuthority('PERM_SYSTEM_SETTINGS_MANAGE')";
    /** Pages every signed-in user may open (home, own profile). */
    public static final String SIGNED_IN = "isAuthenticated()";
}
