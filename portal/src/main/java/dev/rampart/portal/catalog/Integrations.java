package dev.rampart.portal.catalog;

import dev.rampart.portal.access.ApiClients;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.SsoSettings;
import dev.rampart.portal.ingest.format.EventFormat;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.response.indicators.Indicators;
import dev.rampart.portal.response.sensors.SensorRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Rampart's own integrations as the partner catalog lists them: each with a status computed from the running
 * installation and, where a real check exists, a test ({@link IntegrationTests}). Nothing is listed that Rampart
 * does not implement.
 */
@Service
public class Integrations {
    public enum Group {
        INGEST("Ingest formats"), CONNECTORS("Connectors"), NOTIFICATIONS("Notification channels"), RESPONSE("Response connectors");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One integration. {@code enabled} is the state now; {@code state} says why in a few words; {@code testPermission}
     * is what the Test button needs (null = no test, SIGNED_IN_ONLY = any signed-in user).
     */
    public record Integration(String id, Group group, String name, String description, boolean enabled, String state,
                              String configureHref, String configureLabel, Permission testPermission, boolean testable,
                              boolean acceptsSample) {
    }

    private final EventFormats formats;
    private final SsoSettings sso;
    private final SensorRegistry sensors;
    private final ApiClients apiClients;
    private final JdbcClient jdbc;
    private final Indicators indicators;

    Integrations(EventFormats formats, SsoSettings sso, SensorRegistry sensors, ApiClients apiClients, JdbcClient jdbc, Indicators indicators) {
        this.formats = formats;
        this.sso = sso;
        this.sensors = sensors;
        this.apiClients = apiClients;
        this.jdbc = jdbc;
        this.indicators = indicators;
    }

    public List<Integration> all() {
        List<Integration> out = new ArrayList<>();
        String ingestDoc = "/settings/data";
        out.add(new Integration("format-native", Group.INGEST, "Native NDJSON",
                "One JSON object per line in the columns of a hunting table, posted to /api/v1/ingest/{table} or imported with the import command.",
                true, "Always on", ingestDoc, "Data sources", null, false, false));
        for (EventFormat f : formats.formats()) {
            out.add(new Integration("format-" + f.name(), Group.INGEST, formatName(f.name()), formatDescription(f),
                    true, "Always on (?format=" + f.name() + ")", ingestDoc, "Data sources", null, true, true));
        }
        var oidc = sso.effective();
        out.add(new Integration("sso-oidc", Group.CONNECTORS, "OpenID Connect single sign-on",
                "Analysts sign in with the organisation's identity provider; provider groups map to Rampart roles.",
                oidc.enabled(), oidc.enabled() ? "Signing in with " + oidc.issuerUri() : "Not configured",
                "/settings/sso", "Single sign-on", Permission.AUTHORIZATION_MANAGE, true, false));
        long activeClients = apiClients.all().stream().filter(ApiClients.Client::active).count();
        out.add(new Integration("api-clients", Group.CONNECTORS, "API clients (client credentials)",
                "Scripts, SIEMs and SOAR tools call the REST API with an OAuth client-credentials token scoped to chosen permissions.",
                activeClients > 0, activeClients + " active client" + (activeClients == 1 ? "" : "s"),
                "/settings/api-clients", "API clients", null, false, false));
        // Counted directly: the Sigma rule list itself needs security-data read, and this page is for everyone signed in.
        long sigmaRules = jdbc.sql("SELECT count(*) FROM detection_rule WHERE sigma_id IS NOT NULL").query(Long.class).single();
        out.add(new Integration("sigma", Group.CONNECTORS, "Sigma rule import",
                "Sigma YAML rules are compiled to KQL and run as custom detections over the hunting tables.",
                sigmaRules > 0, sigmaRules + " rule" + (sigmaRules == 1 ? "" : "s") + " imported as detections",
                "/settings/detections/sigma", "Sigma rules", null, true, true));
        long iocs = indicators.count(null, null, true);
        out.add(new Integration("indicators-csv", Group.CONNECTORS, "Indicator CSV import",
                "Files, IPs, URLs, domains and certificates from a threat-intelligence export become allow, alert or block indicators.",
                iocs > 0, iocs + " active indicator" + (iocs == 1 ? "" : "s"), "/settings/indicators", "Indicators", null, false, false));
        out.add(new Integration("notifications", Group.NOTIFICATIONS, "In-portal notifications",
                "Alerts, finished actions and reports reach users under the bell, pushed live over server-sent events.",
                true, "Always on", null, null, null, true, false));
        long enrolled = sensors.all().stream().filter(s -> !s.revoked()).count();
        out.add(new Integration("sensors", Group.RESPONSE, "Rampart sensor protocol",
                "Enrolled endpoint sensors send heartbeats and inventory and carry out isolation, restriction, file collection and live response.",
                enrolled > 0, enrolled + " sensor" + (enrolled == 1 ? "" : "s") + " enrolled", "/settings/sensors", "Sensors",
                Permission.CORE_SECURITY_SETTINGS_READ, true, false));
        return out;
    }

    public Optional<Integration> find(String id) {
        return all().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    private static String formatName(String name) {
        return switch (name) {
            case "windows" -> "Windows event log JSON";
            case "sysmon" -> "Sysmon events";
            case "defender-export" -> "Defender export records";
            default -> name;
        };
    }

    private static String formatDescription(EventFormat f) {
        return switch (f.name()) {
            case "windows" -> "Security, System and PowerShell channels (and Sysmon) as winlogbeat, NXLog, OTRF or evtx converters write them, mapped to the device tables.";
            case "sysmon" -> "Sysmon process, network, file, registry and image-load events mapped to the device tables, with process lineage kept per batch.";
            case "defender-export" -> "Streaming API / Event Hub records and Log Analytics rows from the Defender portal, stored table by table.";
            default -> f.summary();
        };
    }
}
