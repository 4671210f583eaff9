package dev.rampart.kql.analyzer;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Table and column names the hunting schema used to have. Defender rewrites saved queries when it renames, but
 * queries pasted from older pages and repositories still carry the old names, and the nearest-spelling guess for
 * them points at an unrelated table (DeviceAlertEvents reads as DeviceFileEvents). Source: the schema naming-changes
 * and migrate-from-Defender-for-Endpoint pages of the Defender docs.
 */
final class RetiredNames {
    private RetiredNames() {
    }

    private static final Map<String, String> TABLES = Map.of(
            "DeviceAlertEvents", "AlertInfo and AlertEvidence; join them on AlertId",
            "AlertEvents", "AlertInfo and AlertEvidence; join them on AlertId",
            "AccountInfo", "IdentityInfo",
            "AppFileEvents", "CloudAppEvents",
            "DeviceTvmSoftwareInventoryVulnerabilities", "DeviceTvmSoftwareInventory and DeviceTvmSoftwareVulnerabilities");

    private static final Map<String, String> COLUMNS = Map.of(
            "FinalEmailAction", "EmailAction",
            "FinalEmailActionPolicy", "EmailActionPolicy",
            "FinalEmailActionPolicyGuid", "EmailActionPolicyGuid",
            "MalwareFilterVerdict", "ThreatTypes",
            "PhishFilterVerdict", "ThreatTypes",
            "MalwareDetectionMethod", "DetectionMethods",
            "PhishDetectionMethod", "DetectionMethods",
            "DeviceObjectId", "AadDeviceId");

    static Optional<String> tableHint(String name) {
        String now = TABLES.get(name);
        return now == null ? Optional.empty() : Optional.of(name + " was replaced by " + now + ".");
    }

    /** Only when the replacement is in scope, so the hint never names a column the query cannot use. */
    static Optional<String> columnHint(String name, Collection<String> inScope) {
        String now = COLUMNS.get(name);
        return now == null || !inScope.contains(now) ? Optional.empty() : Optional.of(name + " was replaced by " + now + ".");
    }
}
