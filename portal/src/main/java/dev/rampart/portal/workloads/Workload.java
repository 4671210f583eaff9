package dev.rampart.portal.workloads;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The services an installation can switch on. Each owns the URL prefixes of its pages and API: while it is off,
 * {@link WorkloadGuard} answers those with 404, the navigation drops their entries and global search drops hits that
 * open them. Each also names the global-search section types that exist only for it (a type several workloads share
 * is searched while any of them is on). A feature adding a workload-specific page or search section lists it here
 * (one place), and asks {@link Workloads#isEnabled} for anything rendered elsewhere (cards, report links).
 */
public enum Workload {
    ENDPOINT("endpoint", "Endpoints", "Devices, sensors, endpoint telemetry, device response and the Endpoints report.", true,
            List.of("/devices", "/reports/endpoints", "/settings/sensors", "/response/devices"), List.of("device", "user", "file")),
    EMAIL("email", "Email & collaboration", "Mail flow, mailboxes, email threats and the Email & collaboration report.", true,
            List.of("/reports/email"), List.of("user", "file")),
    IDENTITY("identity", "Identities", "Directory accounts, sign-ins, identity threats and the Identities report.", true,
            List.of("/identities", "/reports/identities"), List.of("user")),
    CLOUD_APPS("cloudapps", "Cloud apps", "Activity in SaaS applications and the Cloud apps report.", true,
            List.of("/reports/cloudapps"), List.of("user")),
    CLOUD_WORKLOADS("cloud-workloads", "Cloud workloads", "Virtual machines, containers and storage in cloud subscriptions.", false,
            List.of(), List.of()),
    OT_IOT("ot-iot", "OT / IoT", "Operational technology and Internet-of-Things devices found on the network.", false,
            List.of(), List.of()),
    EXPOSURE_MANAGEMENT("exposure", "Exposure management", "Vulnerabilities, software inventory, recommendations and secure score.", true,
            List.of("/exposure", "/vulnerabilities", "/software", "/recommendations"), List.of("vulnerability", "software", "recommendation")),
    THREAT_INTELLIGENCE("threat-intel", "Threat intelligence", "Threat analytics, intel profiles and imported threat reports.", true,
            List.of("/threat-intelligence", "/threat-analytics"), List.of("intel"));

    private final String id;
    private final String label;
    private final String description;
    private final boolean core;
    private final List<String> pathPrefixes;
    private final List<String> searchSections;

    Workload(String id, String label, String description, boolean core, List<String> pathPrefixes, List<String> searchSections) {
        this.searchSections = searchSections;
        this.id = id;
        this.label = label;
        this.description = description;
        this.core = core;
        this.pathPrefixes = pathPrefixes;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Core workloads are on in a new installation unless {@code rampart.workloads.enabled} says otherwise. */
    public boolean core() {
        return core;
    }

    public List<String> pathPrefixes() {
        return pathPrefixes;
    }

    public List<String> searchSections() {
        return searchSections;
    }

    /** The workloads a global-search section type belongs to; empty = not workload-specific (IPs, URLs, pages...). */
    public static List<Workload> withSearchSection(String type) {
        return Arrays.stream(values()).filter(w -> w.searchSections.contains(type)).toList();
    }

    public static Optional<Workload> byId(String id) {
        return Arrays.stream(values()).filter(w -> w.id.equals(id)).findFirst();
    }

    /** The workload owning {@code path} ("/devices/x" and "/reports/endpoints.csv" belong to Endpoints), if any. */
    public static Optional<Workload> owning(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String p = path.startsWith("/api/v1/") ? path.substring("/api/v1".length()) : path;
        for (Workload w : values()) {
            for (String prefix : w.pathPrefixes) {
                if (p.equals(prefix) || (p.startsWith(prefix) && "/.?".indexOf(p.charAt(prefix.length())) >= 0)) {
                    return Optional.of(w);
                }
            }
        }
        return Optional.empty();
    }
}
