package dev.rampart.portal.catalog;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.NotFoundException;
import dev.rampart.portal.access.SsoConnectionTest;
import dev.rampart.portal.access.SsoSettings;
import dev.rampart.portal.catalog.Integrations.Integration;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.EventMapper;
import dev.rampart.portal.ingest.format.Mapping;
import dev.rampart.portal.notifications.Notifications;
import dev.rampart.portal.response.sensors.Sensor;
import dev.rampart.portal.response.sensors.SensorHealth;
import dev.rampart.portal.response.sensors.SensorRegistry;
import dev.rampart.portal.sigma.SigmaCompiler;
import dev.rampart.portal.sigma.SigmaParser;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Test button of each integration: a real check against this installation (the format's own mapper, the
 * provider's discovery document, the sensor registry, the notification service), reported in a few lines. Audited.
 */
@Component
public class IntegrationTests {
    static final int MAX_SAMPLE = 20_000;

    /** The outcome: {@code ok} when the integration works as tested; {@code lines} say what was checked. */
    public record Result(String integrationId, String name, boolean ok, List<String> lines) {
    }

    private static final Map<String, String> SAMPLES = Map.of(
            "windows", "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Hostname\":\"catalog-test\",\"UtcTime\":\"2026-01-05 10:00:00.000\","
                    + "\"ProcessGuid\":\"{c1}\",\"ProcessId\":\"42\",\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"cmd /c ver\"}",
            "sysmon", "{\"@timestamp\":\"2026-01-05T10:00:00.000Z\",\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
                    + "\"provider_name\":\"Microsoft-Windows-Sysmon\",\"event_id\":3,\"computer_name\":\"catalog-test\",\"record_id\":7,"
                    + "\"event_data\":{\"UtcTime\":\"2026-01-05 10:00:00.000\",\"ProcessGuid\":\"{c2}\",\"ProcessId\":\"42\",\"Image\":\"C:\\\\Tools\\\\curl.exe\","
                    + "\"Protocol\":\"tcp\",\"SourceIp\":\"10.0.0.5\",\"SourcePort\":\"50000\",\"DestinationIp\":\"198.18.0.9\",\"DestinationPort\":\"443\"}}}",
            "defender-export", "{\"time\":\"2026-01-05T10:00:00Z\",\"category\":\"AdvancedHunting-DeviceNetworkEvents\",\"properties\":"
                    + "{\"Timestamp\":\"2026-01-05T10:00:00Z\",\"DeviceName\":\"catalog-test\",\"RemotePort\":443,\"ActionType\":\"ConnectionSuccess\"}}");

    private static final String SIGMA_SAMPLE = """
            title: Catalog test - whoami executed
            id: 5f0c4d4e-0000-4000-8000-00000000ca7a
            status: test
            logsource:
              category: process_creation
              product: windows
            detection:
              selection:
                Image|endswith: '\\\\whoami.exe'
              condition: selection
            level: low
            """;

    private final Integrations integrations;
    private final EventFormats formats;
    private final SsoSettings sso;
    private final SsoConnectionTest ssoTest;
    private final SensorRegistry sensors;
    private final Notifications notifications;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final JsonMapper json = JsonMapper.builder().build();

    IntegrationTests(Integrations integrations, EventFormats formats, SsoSettings sso, SsoConnectionTest ssoTest, SensorRegistry sensors,
                     Notifications notifications, AccessPolicy access, AuditLog audit) {
        this.integrations = integrations;
        this.formats = formats;
        this.sso = sso;
        this.ssoTest = ssoTest;
        this.sensors = sensors;
        this.notifications = notifications;
        this.access = access;
        this.audit = audit;
    }

    public static String sampleFor(String integrationId) {
        if (integrationId.equals("sigma")) {
            return SIGMA_SAMPLE;
        }
        return integrationId.startsWith("format-") ? SAMPLES.getOrDefault(integrationId.substring("format-".length()), "") : "";
    }

    /**
     * Runs the test of {@code id}; {@code sample} (blank = the built-in one) is the input for formats and Sigma.
     * @throws NotFoundException when there is no such testable integration
     * @throws org.springframework.security.access.AccessDeniedException when the caller lacks the test's permission
     */
    public Result run(String id, String sample) {
        Integration in = integrations.find(id).filter(Integration::testable)
                .orElseThrow(() -> new NotFoundException("testable integration", id));
        if (in.testPermission() != null) {
            access.require(in.testPermission());
        }
        String input = sample == null || sample.isBlank() || !in.acceptsSample() ? sampleFor(id) : sample.strip();
        List<String> lines = new ArrayList<>();
        boolean ok;
        if (input.length() > MAX_SAMPLE) {
            lines.add("sample: " + input.length() + " characters; the limit is " + MAX_SAMPLE + ".");
            ok = false;
        } else if (id.startsWith("format-")) {
            ok = format(id.substring("format-".length()), input, lines);
        } else {
            ok = switch (id) {
                case "sigma" -> sigma(input, lines);
                case "sso-oidc" -> sso(lines);
                case "sensors" -> sensors(lines);
                case "notifications" -> notification(lines);
                default -> throw new NotFoundException("testable integration", id);
            };
        }
        audit.record("catalog.integration.test", "integration", id, (ok ? "succeeded" : "failed") + " — " + lines.get(lines.size() - 1));
        return new Result(id, in.name(), ok, lines);
    }

    private boolean format(String name, String input, List<String> lines) {
        EventMapper mapper = formats.require(name).newMapper();
        int rows = 0;
        int n = 0;
        boolean ok = true;
        for (String line : input.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            JsonNode event;
            try {
                event = json.readTree(line);
            } catch (JacksonException e) {
                lines.add("Line " + n + ": not JSON — " + e.getOriginalMessage());
                ok = false;
                continue;
            }
            Mapping m = mapper.map(event);
            if (m instanceof Mapping.Rows r) {
                rows += r.rows().size();
                for (Mapping.Row row : r.rows()) {
                    lines.add("Line " + n + ": 1 row for " + row.table() + " (" + row.values().size() + " columns filled)");
                }
            } else if (m instanceof Mapping.Skipped s) {
                lines.add("Line " + n + ": skipped — " + s.reason());
            } else if (m instanceof Mapping.Invalid bad) {
                lines.add("Line " + n + ": invalid" + (bad.field() == null ? "" : " field " + bad.field()) + " — " + bad.message());
                ok = false;
            }
        }
        if (n == 0) {
            lines.add("sample: no event to parse.");
            return false;
        }
        lines.add("The " + name + " mapper produced " + rows + " row" + (rows == 1 ? "" : "s") + " from " + n + " event" + (n == 1 ? "" : "s")
                + "; nothing was stored.");
        return ok && rows > 0;
    }

    private boolean sigma(String yaml, List<String> lines) {
        try {
            SigmaCompiler.Result r = SigmaCompiler.compile(SigmaParser.parse(yaml, "catalog test"));
            if (!r.ok()) {
                lines.add("The rule parsed but cannot be compiled: " + r.reason());
                return false;
            }
            lines.add("Compiled to KQL over " + r.table() + ":");
            lines.add(r.kql());
            lines.add("Nothing was imported.");
            return true;
        } catch (SigmaParser.InvalidRuleException e) {
            lines.add("The rule is not valid Sigma: " + e.getMessage());
            return false;
        }
    }

    private boolean sso(List<String> lines) {
        var oidc = sso.effective();
        if (!oidc.enabled()) {
            lines.add("Single sign-on is not configured: set the provider's issuer URI under Settings › Single sign-on.");
            return false;
        }
        SsoConnectionTest.Result r = ssoTest.test(oidc.issuerUri());
        lines.addAll(r.lines());
        return r.ok();
    }

    private boolean sensors(List<String> lines) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Sensor> enrolled = sensors.all().stream().filter(s -> !s.revoked()).toList();
        long active = enrolled.stream().filter(s -> s.health(now) == SensorHealth.ACTIVE).count();
        OffsetDateTime last = enrolled.stream().map(s -> s.lastSeenAt() == null ? s.enrolledAt() : s.lastSeenAt())
                .max(OffsetDateTime::compareTo).orElse(null);
        if (enrolled.isEmpty()) {
            lines.add("No sensor is enrolled: create an enrolment token under Settings › Sensors and start a sensor with it.");
            return false;
        }
        lines.add(enrolled.size() + " sensor" + (enrolled.size() == 1 ? "" : "s") + " enrolled, " + active + " healthy (heartbeat within 15 minutes).");
        lines.add("Last heartbeat " + age(Duration.between(last, now)) + " ago.");
        return active > 0;
    }

    private boolean notification(List<String> lines) {
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        notifications.toUser(user, Notifications.Kind.INFORMATION, "Test notification",
                "Sent from the partner catalog to check that notifications reach you.", "/partners");
        lines.add("Sent a test notification to " + user + "; it appears under the bell and reaches open pages over the live stream.");
        return true;
    }

    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        return s < 172_800 ? s / 3600 + " h" : s / 86_400 + " days";
    }
}
