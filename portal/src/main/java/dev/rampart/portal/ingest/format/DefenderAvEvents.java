package dev.rampart.portal.ingest.format;

import java.util.Map;

/**
 * Microsoft Defender Antivirus events (channel {@code Microsoft-Windows-Windows Defender/Operational}). The Windows
 * mapper stores each as a {@code DeviceEvents} row with the ActionType named here ({@code AntivirusDetection},
 * {@code TamperingAttempt} and {@code ControlledFolderAccessViolationBlocked} are Defender's own names, the others
 * Rampart's), {@code ProcessName} in {@code InitiatingProcessFolderPath} and every other field under its own name in
 * {@code AdditionalFields}; Sigma rules of service {@code windefend} are routed to the same rows.
 */
public final class DefenderAvEvents {
    /** The event log channel, compared ignoring case. */
    public static final String CHANNEL = "Microsoft-Windows-Windows Defender/Operational";

    /** Event id → ActionType of the {@code DeviceEvents} row. */
    public static final Map<Integer, String> ACTIONS = Map.ofEntries(
            Map.entry(1006, "AntivirusDetection"), Map.entry(1116, "AntivirusDetection"),
            Map.entry(1007, "AntivirusDetectionActionTaken"), Map.entry(1117, "AntivirusDetectionActionTaken"),
            Map.entry(1009, "AntivirusQuarantineRestored"), Map.entry(1013, "AntivirusHistoryDeleted"),
            Map.entry(1015, "AntivirusSuspiciousBehavior"), Map.entry(1118, "AntivirusRemediationFailed"),
            Map.entry(1119, "AntivirusRemediationFailed"), Map.entry(1121, "AsrRuleBlocked"), Map.entry(1122, "AsrRuleAudited"),
            Map.entry(1123, "ControlledFolderAccessViolationBlocked"), Map.entry(3002, "RealTimeProtectionFailure"),
            Map.entry(3007, "RealTimeProtectionRestarted"), Map.entry(5001, "RealTimeProtectionDisabled"),
            Map.entry(5007, "AntivirusConfigurationChanged"), Map.entry(5010, "AntispywareScanningDisabled"),
            Map.entry(5012, "AntivirusScanningDisabled"), Map.entry(5013, "TamperingAttempt"),
            Map.entry(5101, "AntivirusPlatformExpired"));

    private DefenderAvEvents() {
    }
}
