package dev.rampart.portal.exposure;

import dev.rampart.portal.criticalassets.CriticalAssets;
import dev.rampart.portal.entities.EventSql;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the event store and the critical asset levels into an {@link ExposureGraph}. What each edge means:
 * <ul>
 * <li>device <i>has credentials of</i> user: the account signed in on the device interactively (console, RDP, unlock,
 * cached) in the look-back, so its credentials can be taken from the device's memory or cache;</li>
 * <li>user <i>can authenticate to</i> device: a remote-interactive sign-in, or a network sign-in as local administrator,
 * succeeded there — the account can run code on it;</li>
 * <li>user <i>member of</i> group, from IdentityInfo;</li>
 * <li>group <i>has permissions to</i> device: domain-wide administrator groups administer every domain controller;</li>
 * <li>vulnerability <i>affecting</i> device, from the vulnerability inventory.</li>
 * </ul>
 */
final class GraphBuilder {
    static final Duration LOOK_BACK = Duration.ofDays(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> CREDENTIAL_LOGONS = Set.of("interactive", "remoteinteractive", "cachedinteractive", "unlock");
    /** Groups whose members administer the domain, and so its domain controllers. */
    static final Set<String> DOMAIN_ADMIN_GROUPS = Set.of("domain admins", "enterprise admins", "administrators");
    /** Directory roles and groups that make an account critical, on the exposure graph's scale (0 very high, 1 high). */
    private static final Map<String, Integer> PRIVILEGED = Map.ofEntries(
            Map.entry("global administrator", 0), Map.entry("privileged role administrator", 0), Map.entry("privileged authentication administrator", 0),
            Map.entry("intune administrator", 0), Map.entry("domain admins", 0), Map.entry("enterprise admins", 0), Map.entry("schema admins", 0),
            Map.entry("security administrator", 1), Map.entry("exchange administrator", 1), Map.entry("application administrator", 1),
            Map.entry("cloud application administrator", 1), Map.entry("conditional access administrator", 1), Map.entry("helpdesk administrator", 1),
            Map.entry("hybrid identity administrator", 1), Map.entry("user administrator", 1), Map.entry("authentication administrator", 1),
            Map.entry("global reader", 1), Map.entry("account operators", 1), Map.entry("backup operators", 1), Map.entry("server operators", 1));
    private static final Set<String> SERVICE_ACCOUNTS = Set.of("system", "local service", "network service", "anonymous logon", "");

    private final EventSql events;
    private final CriticalAssets critical;

    private final Map<String, ExposureGraph.Node> nodes = new LinkedHashMap<>();
    private final Map<String, ExposureGraph.Edge> edges = new LinkedHashMap<>();

    GraphBuilder(EventSql events, CriticalAssets critical) {
        this.events = events;
        this.critical = critical;
    }

    ExposureGraph build(Instant now) {
        long started = System.nanoTime();
        Instant since = now.minus(LOOK_BACK);
        Map<String, CriticalAssets.Assigned> levels = critical.levels();
        Map<String, String> deviceNodes = devices(since, levels);
        vulnerabilities(deviceNodes);
        Accounts accounts = users(since);
        logons(since, deviceNodes, accounts);
        administrators(levels, deviceNodes);
        return new ExposureGraph(now, (System.nanoTime() - started) / 1_000_000, new ArrayList<>(nodes.values()), new ArrayList<>(edges.values()));
    }

    static String id(String label, String key) {
        return UUID.nameUUIDFromBytes((label + "|" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private ExposureGraph.Node add(String label, String key, String name, List<String> categories, Integer criticality, List<String> rules,
                                   Map<String, Object> raw, List<Map<String, String>> ids) {
        ExposureGraph.Node n = new ExposureGraph.Node(id(label, key), label, name, key, categories, criticality, rules, raw, ids);
        nodes.put(n.id(), n);
        return n;
    }

    private void edge(String label, String source, String target, Map<String, Object> raw) {
        String id = id("edge", label + "|" + source + "|" + target);
        edges.putIfAbsent(id, new ExposureGraph.Edge(id, label, source, target, raw));
    }

    /** Device nodes by DeviceId → node id. */
    private Map<String, String> devices(Instant since, Map<String, CriticalAssets.Assigned> levels) {
        Map<String, String> out = new HashMap<>();
        for (EventSql.Row r : events.rows("SELECT DeviceId, arg_max(DeviceName, Timestamp), arg_max(OSPlatform, Timestamp), arg_max(DeviceType, Timestamp), "
                + "arg_max(OnboardingStatus, Timestamp), arg_max(PublicIP, Timestamp), arg_max(IsInternetFacing, Timestamp), "
                + "max(Timestamp), arg_max(ExposureLevel, Timestamp) FROM DeviceInfo WHERE Timestamp >= ? AND DeviceId IS NOT NULL AND DeviceId <> '' "
                + "GROUP BY DeviceId ORDER BY 2", since)) {
            String deviceId = r.str(0);
            String name = r.str(1) == null || r.str(1).isBlank() ? deviceId : r.str(1);
            CriticalAssets.Assigned a = levels.get(deviceId);
            Integer level = a == null ? null : a.level().ordinal();
            List<String> rules = a == null ? List.of() : List.of(a.source());
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("deviceName", name);
            raw.put("osPlatform", r.str(2));
            raw.put("deviceType", r.str(3));
            raw.put("onboardingStatus", r.str(4));
            raw.put("publicIP", r.str(5));
            raw.put("isInternetFacing", Boolean.TRUE.equals(r.values()[6]));
            raw.put("lastSeen", String.valueOf(r.time(7)));
            raw.put("exposureLevel", r.str(8));
            Map<String, Object> crit = new LinkedHashMap<>();
            if (level != null) {
                crit.put("criticalityLevel", level);
                crit.put("ruleBasedCriticalityLevel", a.manual() ? null : level);
                crit.put("ruleNames", rules);
            }
            raw.put("criticalityLevel", crit);
            ExposureGraph.Node n = add(ExposureGraph.DEVICE, deviceId, name, List.of("compute", "device"), level, rules, raw,
                    List.of(Map.of("id", deviceId, "type", "DeviceInventoryId")));
            out.put(deviceId, n.id());
        }
        return out;
    }

    private record Vulnerability(String cve, String severity, double cvss, boolean exploit, boolean rce, String software) {
        int rank() {
            return switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
                case "critical" -> 4;
                case "high" -> 3;
                case "medium" -> 2;
                case "low" -> 1;
                default -> 0;
            };
        }
    }

    private void vulnerabilities(Map<String, String> deviceNodes) {
        Map<String, Vulnerability> byCve = new HashMap<>();
        Map<String, List<String>> devicesByCve = new LinkedHashMap<>();
        Map<String, List<Vulnerability>> byDevice = new HashMap<>();
        for (EventSql.Row r : events.rows("SELECT v.DeviceId, v.CveId, any_value(v.VulnerabilitySeverityLevel), max(TRY_CAST(k.CvssScore AS DOUBLE)), bool_or(coalesce(k.IsExploitAvailable, false)), "
                + "bool_or(coalesce(lower(k.VulnerabilityDescription) LIKE '%remote code execution%', false)), any_value(v.SoftwareName), any_value(k.VulnerabilitySeverityLevel) "
                + "FROM DeviceTvmSoftwareVulnerabilities v LEFT JOIN DeviceTvmSoftwareVulnerabilitiesKB k ON k.CveId = v.CveId "
                + "WHERE v.CveId IS NOT NULL AND v.CveId <> '' GROUP BY v.DeviceId, v.CveId ORDER BY v.CveId")) {
            if (!deviceNodes.containsKey(r.str(0))) {
                continue;
            }
            double cvss = r.values()[3] instanceof Number n ? n.doubleValue() : 0;
            String severity = r.str(7) != null ? r.str(7) : r.str(2);
            Vulnerability v = new Vulnerability(r.str(1), severity, cvss, Boolean.TRUE.equals(r.values()[4]), Boolean.TRUE.equals(r.values()[5]), r.str(6));
            byCve.putIfAbsent(v.cve(), v);
            devicesByCve.computeIfAbsent(v.cve(), k -> new ArrayList<>()).add(r.str(0));
            byDevice.computeIfAbsent(r.str(0), k -> new ArrayList<>()).add(v);
        }
        devicesByCve.forEach((cve, devices) -> {
            Vulnerability v = byCve.get(cve);
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("severity", v.severity());
            raw.put("cvssScore", v.cvss());
            raw.put("isExploitAvailable", v.exploit());
            raw.put("remoteCodeExecution", v.rce());
            ExposureGraph.Node n = add(ExposureGraph.CVE, cve, cve, List.of("vulnerability"), null, List.of(), raw, List.of(Map.of("id", cve, "type", "CveId")));
            for (String d : devices) {
                edge(ExposureGraph.AFFECTING, n.id(), deviceNodes.get(d), Map.of("rawData", Map.of("software", String.valueOf(v.software()))));
            }
        });
        byDevice.forEach((deviceId, list) -> {
            ExposureGraph.Node n = nodes.get(deviceNodes.get(deviceId));
            List<Vulnerability> high = list.stream().filter(v -> v.rank() >= 3).toList();
            List<Vulnerability> rce = list.stream().filter(Vulnerability::rce).toList();
            Map<String, Object> insights = new LinkedHashMap<>();
            insights.put("hasHighOrCritical", !high.isEmpty());
            insights.put("maxCvssScore", list.stream().mapToDouble(Vulnerability::cvss).max().orElse(0));
            insights.put("highOrCriticalCount", high.size());
            insights.put("exploitableCount", list.stream().filter(Vulnerability::exploit).count());
            insights.put("vulnerableToRemoteCodeExecution", Map.of("hasHighOrCritical", rce.stream().anyMatch(v -> v.rank() >= 3),
                    "maxCvssScore", rce.stream().mapToDouble(Vulnerability::cvss).max().orElse(0)));
            n.raw().put("highRiskVulnerabilityInsights", insights);
        });
    }

    /** Users found in IdentityInfo, by SID and by account name (null when two accounts share the name). */
    private static final class Accounts {
        final Map<String, ExposureGraph.Node> bySid = new HashMap<>();
        final Map<String, ExposureGraph.Node> byName = new HashMap<>();
        final Set<String> ambiguous = new java.util.HashSet<>();

        ExposureGraph.Node find(String sid, String name) {
            ExposureGraph.Node n = sid == null ? null : bySid.get(sid.toLowerCase(Locale.ROOT));
            if (n == null && name != null && !ambiguous.contains(name)) {
                n = byName.get(name);
            }
            return n;
        }
    }

    private Accounts users(Instant since) {
        Accounts accounts = new Accounts();
        Map<String, String> groups = new LinkedHashMap<>();
        for (EventSql.Row r : events.rows("SELECT coalesce(nullif(AccountObjectId, ''), nullif(OnPremSid, ''), nullif(lower(AccountUpn), '')) AS k, "
                + "arg_max(AccountDisplayName, Timestamp), arg_max(AccountName, Timestamp), arg_max(AccountDomain, Timestamp), arg_max(AccountUpn, Timestamp), "
                + "arg_max(OnPremSid, Timestamp), arg_max(AccountObjectId, Timestamp), arg_max(CriticalityLevel, Timestamp), arg_max(CAST(AssignedRoles AS VARCHAR), Timestamp), "
                + "arg_max(CAST(GroupMembership AS VARCHAR), Timestamp), arg_max(Department, Timestamp), arg_max(IsAccountEnabled, Timestamp), arg_max(RiskLevel, Timestamp) "
                + "FROM IdentityInfo WHERE Timestamp >= ? GROUP BY 1 HAVING k IS NOT NULL ORDER BY 1", since)) {
            String upn = r.str(4), sid = r.str(5), objectId = r.str(6);
            String accountName = r.str(2);
            String name = firstNonBlank(r.str(1), upn, accountName, r.str(0));
            List<String> roles = strings(r.str(8));
            List<String> memberOf = strings(r.str(9));
            Integer level = null;
            // IdentityInfo counts 4 (very high) down to 1 (low); the graph counts 0 (very high) up to 3.
            if (r.values()[7] instanceof Number n && n.intValue() >= 1 && n.intValue() <= 4) {
                level = 4 - n.intValue();
            }
            List<String> rules = new ArrayList<>();
            for (String p : concat(roles, memberOf)) {
                Integer l = PRIVILEGED.get(p.toLowerCase(Locale.ROOT));
                if (l != null) {
                    rules.add(p);
                    level = level == null ? l : Math.min(level, l);
                }
            }
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("accountName", accountName);
            raw.put("accountDomain", r.str(3));
            raw.put("accountUpn", upn);
            raw.put("department", r.str(10));
            raw.put("isAccountEnabled", r.values()[11]);
            raw.put("riskLevel", r.str(12));
            raw.put("assignedRoles", roles);
            Map<String, Object> crit = new LinkedHashMap<>();
            if (level != null) {
                crit.put("criticalityLevel", level);
                crit.put("ruleBasedCriticalityLevel", level);
                crit.put("ruleNames", rules);
            }
            raw.put("criticalityLevel", crit);
            List<Map<String, String>> ids = new ArrayList<>();
            if (objectId != null && !objectId.isBlank()) {
                ids.add(Map.of("id", objectId, "type", "AadObjectId"));
            }
            if (sid != null && !sid.isBlank()) {
                ids.add(Map.of("id", sid, "type", "SecurityIdentifier"));
            }
            if (upn != null && !upn.isBlank()) {
                ids.add(Map.of("id", upn, "type", "UserPrincipalName"));
            }
            String key = upn != null && !upn.isBlank() ? upn.toLowerCase(Locale.ROOT) : r.str(0);
            ExposureGraph.Node user = add(ExposureGraph.USER, key, name, List.of("identity", "user"), level, List.copyOf(rules), raw, ids);
            if (sid != null && !sid.isBlank()) {
                accounts.bySid.put(sid.toLowerCase(Locale.ROOT), user);
            }
            if (accountName != null && !accountName.isBlank()) {
                String lower = accountName.toLowerCase(Locale.ROOT);
                if (accounts.byName.putIfAbsent(lower, user) != null) {
                    accounts.ambiguous.add(lower);
                }
            }
            for (String g : memberOf) {
                String gid = groups.computeIfAbsent(g.toLowerCase(Locale.ROOT), k -> {
                    Integer gl = PRIVILEGED.get(k);
                    Map<String, Object> graw = new LinkedHashMap<>();
                    graw.put("groupName", g);
                    graw.put("criticalityLevel", gl == null ? Map.of() : Map.of("criticalityLevel", gl, "ruleNames", List.of(g)));
                    return add(ExposureGraph.GROUP, k, g, List.of("identity", "group"), gl, gl == null ? List.of() : List.of(g), graw,
                            List.of(Map.of("id", g, "type", "GroupName"))).id();
                });
                edge(ExposureGraph.MEMBER_OF, user.id(), gid, Map.of());
            }
        }
        return accounts;
    }

    private void logons(Instant since, Map<String, String> deviceNodes, Accounts accounts) {
        record Key(String device, String user) {
        }
        Map<Key, Map<String, Object>> credentials = new LinkedHashMap<>();
        Map<Key, Map<String, Object>> access = new LinkedHashMap<>();
        for (EventSql.Row r : events.rows("SELECT DeviceId, lower(AccountName), AccountSid, lower(AccountDomain), LogonType, bool_or(coalesce(IsLocalAdmin, false)), count(*), max(Timestamp) "
                + "FROM DeviceLogonEvents WHERE Timestamp >= ? AND ActionType = 'LogonSuccess' AND AccountName IS NOT NULL GROUP BY ALL ORDER BY 1, 2, 5", since)) {
            String deviceNode = deviceNodes.get(r.str(0));
            String account = r.str(1);
            if (deviceNode == null || account == null || account.endsWith("$") || SERVICE_ACCOUNTS.contains(account)
                    || account.startsWith("dwm-") || account.startsWith("umfd-")) {
                continue;
            }
            ExposureGraph.Node user = accounts.find(r.str(2), account);
            if (user == null) {
                String sid = r.str(2);
                if (sid == null || !sid.toUpperCase(Locale.ROOT).startsWith("S-1-5-21-")) {
                    continue;
                }
                // A domain or local account the directory does not list: still a credential an attacker can use.
                String domain = r.str(3) == null ? "" : r.str(3);
                String shown = domain.isEmpty() ? account : domain + "\\" + account;
                user = nodes.get(id(ExposureGraph.USER, sid.toLowerCase(Locale.ROOT)));
                if (user == null) {
                    Map<String, Object> raw = new LinkedHashMap<>();
                    raw.put("accountName", account);
                    raw.put("accountDomain", domain);
                    raw.put("criticalityLevel", Map.of());
                    user = add(ExposureGraph.USER, sid.toLowerCase(Locale.ROOT), shown, List.of("identity", "user"), null, List.of(), raw,
                            List.of(Map.of("id", sid, "type", "SecurityIdentifier")));
                }
                accounts.bySid.put(sid.toLowerCase(Locale.ROOT), user);
            }
            String type = r.str(4) == null ? "" : r.str(4);
            String lower = type.toLowerCase(Locale.ROOT);
            boolean admin = Boolean.TRUE.equals(r.values()[5]);
            Key key = new Key(deviceNode, user.id());
            if (CREDENTIAL_LOGONS.contains(lower)) {
                merge(credentials.computeIfAbsent(key, k -> new LinkedHashMap<>()), type, admin, r);
            }
            if (lower.equals("remoteinteractive") || (lower.equals("network") && admin)) {
                merge(access.computeIfAbsent(key, k -> new LinkedHashMap<>()), type, admin, r);
            }
        }
        credentials.forEach((k, v) -> edge(ExposureGraph.HAS_CREDENTIALS_OF, k.device(), k.user(), Map.of("rawData", v)));
        access.forEach((k, v) -> edge(ExposureGraph.CAN_AUTHENTICATE_TO, k.user(), k.device(),
                Map.of("rawData", Map.of("logonTypes", v.get("logonTypes"), "logons", v.get("logons"), "lastSeen", v.get("lastSeen"),
                        "userRightsOnDevice", Map.of("isLocalAdmin", v.get("isLocalAdmin"))))));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> m, String type, boolean admin, EventSql.Row r) {
        ((Set<String>) m.computeIfAbsent("logonTypes", k -> new TreeSet<String>())).add(type);
        m.merge("logons", r.num(6), (a, b) -> (Long) a + (Long) b);
        String seen = String.valueOf(r.time(7));
        m.merge("lastSeen", seen, (a, b) -> ((String) a).compareTo((String) b) >= 0 ? a : b);
        m.merge("isLocalAdmin", admin, (a, b) -> (Boolean) a || (Boolean) b);
    }

    private void administrators(Map<String, CriticalAssets.Assigned> levels, Map<String, String> deviceNodes) {
        Set<String> dcRules = new java.util.HashSet<>();
        critical.classifications().stream().filter(c -> CriticalAssets.DOMAIN_CONTROLLER.equals(c.predefinedKey())).forEach(c -> dcRules.add(c.name()));
        List<String> controllers = new ArrayList<>();
        levels.forEach((deviceId, a) -> {
            if (!a.manual() && deviceNodes.containsKey(deviceId) && dcRules.contains(a.source())) {
                controllers.add(deviceNodes.get(deviceId));
            }
        });
        controllers.sort(null);
        for (String g : DOMAIN_ADMIN_GROUPS) {
            ExposureGraph.Node group = nodes.get(id(ExposureGraph.GROUP, g));
            if (group == null) {
                continue;
            }
            for (String dc : controllers) {
                edge(ExposureGraph.HAS_PERMISSIONS_TO, group.id(), dc, Map.of("rawData", Map.of("permissions", Map.of("roles", List.of("Administrator")))));
            }
        }
    }

    private static List<String> strings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            JsonNode n = JSON.readTree(json);
            List<String> out = new ArrayList<>();
            if (n.isArray()) {
                n.forEach(x -> {
                    if (x.isString() && !x.asString().isBlank()) {
                        out.add(x.asString());
                    }
                });
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
