package dev.rampart.portal.incidents;

import java.util.Map;

/**
 * Display names of the Graph {@code serviceSource} and {@code detectionSource} values, as the portal shows them and
 * as the AlertInfo/AlertEvidence hunting tables hold them (queries compare against these names).
 */
public final class AlertSources {
    private static final Map<String, String> SERVICES = Map.of(
            "microsoftDefenderForEndpoint", "Microsoft Defender for Endpoint",
            "microsoftDefenderForIdentity", "Microsoft Defender for Identity",
            "microsoftDefenderForCloudApps", "Microsoft Defender for Cloud Apps",
            "microsoftDefenderForOffice365", "Microsoft Defender for Office 365",
            "microsoft365Defender", "Microsoft Defender XDR",
            "azureAdIdentityProtection", "Microsoft Entra ID Protection",
            "microsoftAppGovernance", "App Governance",
            "dataLossPrevention", "Microsoft Data Loss Prevention",
            "microsoftDefenderForCloud", "Microsoft Defender for Cloud");
    private static final Map<String, String> DETECTIONS = Map.ofEntries(
            Map.entry("microsoftDefenderForEndpoint", "EDR"),
            Map.entry("antivirus", "Antivirus"),
            Map.entry("smartScreen", "SmartScreen"),
            Map.entry("customTi", "Custom TI"),
            Map.entry("microsoftDefenderForOffice365", "Microsoft Defender for Office 365"),
            Map.entry("automatedInvestigation", "Automated investigation"),
            Map.entry("microsoftThreatExperts", "Microsoft Threat Experts"),
            Map.entry("customDetection", "Custom detection"),
            Map.entry("microsoftDefenderForIdentity", "Microsoft Defender for Identity"),
            Map.entry("cloudAppSecurity", "Microsoft Defender for Cloud Apps"),
            Map.entry("microsoft365Defender", "Microsoft Defender XDR"),
            Map.entry("azureAdIdentityProtection", "Microsoft Entra ID Protection"),
            Map.entry("manual", "Manual"),
            Map.entry("microsoftDataLossPrevention", "Microsoft Data Loss Prevention"));

    private AlertSources() {
    }

    /** "Microsoft Defender for Endpoint" for {@code microsoftDefenderForEndpoint}; other values spelled out from camel case. */
    public static String service(String graph) {
        return graph == null ? "" : SERVICES.getOrDefault(graph, spelled(graph));
    }

    /** "Custom detection" for {@code customDetection}, "EDR" for Defender for Endpoint's own detections, and so on. */
    public static String detection(String graph) {
        return graph == null ? "" : DETECTIONS.getOrDefault(graph, spelled(graph));
    }

    private static String spelled(String camel) {
        String words = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
