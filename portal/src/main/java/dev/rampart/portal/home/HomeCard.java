package dev.rampart.portal.home;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.workloads.Workload;
import java.util.Arrays;
import java.util.Optional;

/**
 * The cards the home page can show; each needs a permission and opens a page from its title. A card of a workload
 * ({@code workload} non-null) shows only while that workload is on.
 */
public enum HomeCard {
    ACTIVE_INCIDENTS("active-incidents", "Active incidents", "/incidents", Permission.SECURITY_DATA_READ, null),
    INGESTION_HEALTH("ingestion-health", "Ingestion health", "/settings/data", Permission.SECURITY_DATA_READ, null),
    TELEMETRY_VOLUME("telemetry-volume", "Telemetry volume by table", "/settings/data", Permission.SECURITY_DATA_READ, null),
    DEVICES_BY_OS("devices-by-os", "Devices by OS platform", "/devices", Permission.SECURITY_DATA_READ, Workload.ENDPOINT),
    SIGN_IN_FAILURES("sign-in-failures", "Sign-in failures (7 days)", "/identities", Permission.SECURITY_DATA_READ, Workload.IDENTITY),
    TOP_PROCESSES("top-processes", "Top processes (7 days)", "/hunting", Permission.SECURITY_DATA_READ, Workload.ENDPOINT),
    DEVICES_AT_RISK("devices-at-risk", "Devices at risk", "/devices?risk=High", Permission.SECURITY_DATA_READ, Workload.ENDPOINT),
    HUNTING_QUICK_START("hunting-quick-start", "Hunting quick start", "/hunting", Permission.SECURITY_DATA_READ, null),
    THREAT_ANALYTICS("threat-analytics", "Threat analytics", "/threat-analytics", Permission.SECURITY_DATA_READ, Workload.THREAT_INTELLIGENCE),
    ATTACK_PATHS("attack-paths", "Attack paths", "/exposure/attack-paths", Permission.EXPOSURE_MANAGEMENT_READ, Workload.EXPOSURE_MANAGEMENT);

    private final String id;
    private final String title;
    private final String link;
    private final Permission permission;
    private final Workload workload;

    HomeCard(String id, String title, String link, Permission permission, Workload workload) {
        this.workload = workload;
        this.id = id;
        this.title = title;
        this.link = link;
        this.permission = permission;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String link() {
        return link;
    }

    public Permission permission() {
        return permission;
    }

    /** The workload the card belongs to, or null for a card every installation shows. */
    public Workload workload() {
        return workload;
    }

    public static Optional<HomeCard> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
