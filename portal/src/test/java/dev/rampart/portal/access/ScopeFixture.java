package dev.rampart.portal.access;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.incidents.Severity;
import dev.rampart.portal.incidents.SourceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * A small organisation for data-scope tests: two EU and two US devices (each with process, network and logon
 * events that share one file hash, one remote address and one domain), an "EU" device group, a scoped analyst
 * (endpoint data, EU devices) and a global analyst, and alerts on an EU device, a US device and on no device.
 * Names carry {@code prefix} so that each test class seeds its own.
 */
public final class ScopeFixture {
    public static final String PASSWORD = "scope-fixture-pw-1234";

    /** What was seeded; device ids are {@code "id-" + name}. */
    public record Seeded(String euUser, String allUser, String euDevice, String usDevice, String hash, String ip, String domain,
                         Alert euAlert, Alert usAlert, Alert identityAlert, java.time.LocalDate day) {
        public static String id(String device) {
            return "id-" + device;
        }
    }

    private ScopeFixture() {
    }

    /** Now, or shortly before midnight UTC early in the day, so that every seeded row (up to 2 h old) falls on one day. */
    private static Instant seedTime() {
        Instant now = Instant.now();
        Instant midnight = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        return now.isBefore(midnight.plus(Duration.ofHours(3))) ? midnight.minus(Duration.ofMinutes(5)) : now;
    }

    public static Seeded seed(ApplicationContext ctx, String prefix) {
        EventStore events = ctx.getBean(EventStore.class);
        String domain = prefix + ".example";
        String eu1 = prefix + "-eu1.eu." + domain, eu2 = prefix + "-eu2.eu." + domain;
        String us1 = prefix + "-us1.us." + domain, us2 = prefix + "-us2.us." + domain;
        String hash = sha1(prefix);
        String ip = "10.77." + (Math.abs(prefix.hashCode()) % 250) + ".9";
        String site = "cdn." + prefix + "-shared.example.net";
        Instant now = seedTime();
        Table info = events.table("DeviceInfo");
        Table proc = events.table("DeviceProcessEvents");
        Table net = events.table("DeviceNetworkEvents");
        Table logon = events.table("DeviceLogonEvents");
        events.write(s -> {
            for (String d : List.of(eu1, eu2, us1, us2)) {
                s.appender("DeviceInfo").append(row(info, now.minus(Duration.ofHours(2)), d, Map.of("OSPlatform", d.contains("-eu") ? "Windows11" : "Linux")));
                s.appender("DeviceProcessEvents").append(row(proc, now.minus(Duration.ofMinutes(30)), d,
                        Map.of("FileName", prefix + "-tool.exe", "SHA1", hash, "ActionType", "ProcessCreated")));
                s.appender("DeviceNetworkEvents").append(row(net, now.minus(Duration.ofMinutes(20)), d,
                        Map.of("RemoteIP", ip, "RemoteUrl", "https://" + site + "/x", "ActionType", "ConnectionSuccess")));
                s.appender("DeviceLogonEvents").append(row(logon, now.minus(Duration.ofMinutes(10)), d,
                        Map.of("AccountName", prefix + "-admin", "ActionType", "LogonFailed", "LogonType", "Network")));
            }
            return null;
        });
        DeviceGroup eu = ctx.getBean(DeviceGroups.class).create(new DeviceGroups.Input(prefix + " EU devices", "EU offices", "SEMI_ALL_FOLDERS", 1,
                Map.of("DOMAIN", List.of("eu." + domain))));
        ctx.getBean(DeviceGroupMembership.class).refresh();
        Roles.Role tier1 = ctx.getBean(RoleAdministration.class).create(new RoleAdministration.Input(prefix + " Tier-1", "EU only",
                List.of("SECURITY_DATA_READ", "ALERTS_MANAGE", "RESPONSE_MANAGE"), Map.of()));
        UserAccounts users = ctx.getBean(UserAccounts.class);
        String euUser = prefix + "-eu", allUser = prefix + "-all";
        users.create(euUser, "EU analyst", null, PASSWORD, List.of());
        users.create(allUser, "Global analyst", null, PASSWORD, List.of());
        RoleAssignments assignments = ctx.getBean(RoleAssignments.class);
        assignments.create(tier1.id(), new RoleAssignments.Input("EU endpoint", List.of(euUser), List.of(), List.of("endpoint"), List.of(eu.id())));
        assignments.create(tier1.id(), new RoleAssignments.Input("Everything", List.of(allUser), List.of(), List.of(), List.of()));

        Correlator correlator = ctx.getBean(Correlator.class);
        Instant t = now.minus(Duration.ofMinutes(15));
        Alert euAlert = correlator.raise(new NewAlert("ra", prefix + " EU alert", "d", Severity.HIGH, Category.EXECUTION, List.of(), "x",
                "microsoftDefenderForEndpoint", prefix + "-rule", null, t, t,
                List.of(Evidence.of(EntityType.DEVICE, eu1, "suspicious", List.of()), Evidence.of(EntityType.IP, ip, "suspicious", List.of())),
                List.of(new SourceEvent("DeviceProcessEvents", Seeded.id(eu1), "1", t))));
        Alert usAlert = correlator.raise(new NewAlert("ra", prefix + " US alert", "d", Severity.HIGH, Category.EXECUTION, List.of(), "x",
                "microsoftDefenderForEndpoint", prefix + "-rule", null, t, t,
                List.of(Evidence.of(EntityType.DEVICE, us1, "suspicious", List.of()), Evidence.of(EntityType.IP, ip, "suspicious", List.of())),
                List.of(new SourceEvent("DeviceProcessEvents", Seeded.id(us1), "1", t))));
        Alert identityAlert = correlator.raise(new NewAlert("ra", prefix + " identity alert", "d", Severity.MEDIUM, Category.CREDENTIAL_ACCESS,
                List.of(), "x", "microsoftDefenderForIdentity", prefix + "-idrule", null, t, t,
                List.of(Evidence.of(EntityType.USER, prefix + "-someone@" + domain, "suspicious", List.of()))));
        return new Seeded(euUser, allUser, eu1, us1, hash, ip, site, euAlert, usAlert, identityAlert,
                java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC));
    }

    /**
     * A local account {@code username} (password {@link #PASSWORD}) holding a custom role of its own with
     * {@code permissions}, assigned on {@code workloads} and device {@code groups} (both empty: everywhere).
     */
    public static String account(ApplicationContext ctx, String username, List<String> permissions, List<String> workloads, List<Long> groups) {
        Roles.Role role = ctx.getBean(RoleAdministration.class).create(new RoleAdministration.Input(username + " role", "Test role of " + username,
                permissions, Map.of()));
        ctx.getBean(UserAccounts.class).create(username, username, null, PASSWORD, List.of());
        ctx.getBean(RoleAssignments.class).create(role.id(), new RoleAssignments.Input(username, List.of(username), List.of(), workloads, groups));
        return username;
    }

    /** A row of {@code t} on {@code device} (DeviceId {@code "id-" + device}) at {@code ts} with {@code values} by column name. */
    public static Object[] row(Table t, Instant ts, String device, Map<String, Object> values) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts;
        r[t.indexOf("DeviceName")] = device;
        r[t.indexOf("DeviceId")] = Seeded.id(device);
        values.forEach((k, v) -> r[t.indexOf(k)] = v);
        return r;
    }

    private static String sha1(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
