package dev.rampart.portal.exposure;

import dev.rampart.portal.criticalassets.CriticalAssets;
import dev.rampart.portal.entities.EventSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the event store and the critical asset levels into an {@link ExposureGraph}. What each edge means:
 * <ul>
 * <li>device <i>has credentials of</i> user: the account signed in on the device interactively (console, RDP, unlock,
 * cached, new or cleartext credentials) in the look-back, so its credentials can be taken from the device;</li>
 * <li>user <i>can authenticate to</i> device: a remote-interactive sign-in, or a network sign-in as local administrator,
 * succeeded there — the account can run code on it;</li>
 * <li>user <i>member of</i> group, from IdentityInfo;</li>
 * <li>group <i>has permissions to</i> device: domain-wide administrator groups administer every domain controller;</li>
 * <li>vulnerability <i>affecting</i> device, from the vulnerability inventory. Only each device's three worst high or
 * critical CVEs are held in memory (recommendations need no more); {@link ExposureGraphService} writes every pair to
 * the hunting tables with SQL, using the same ids ({@link #id}).</li>
 * </ul>
 */
final class GraphBuilder {
    static final Duration LOOK_BACK = Duration.ofDays(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> CREDENTIAL_LOGONS = Set.of("interactive", "remoteinteractive", "cachedinteractive", "cachedremoteinteractive",
            "unlock", "cachedunlock", "newcredentials", "networkcleartext");
    private static final Set<String> ACCESS_LOGONS = Set.of("remoteinteractive", "cachedremoteinteractive");
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
    /** Per device and CVE, with the KB's figures: the subquery every vulnerability read starts from. */
    static final String DEVICE_CVES = "SELECT v.DeviceId, v.CveId, any_value(coalesce(k.VulnerabilitySeverityLevel, v.VulnerabilitySeverityLevel)) AS sev, "
            + "max(TRY_CAST(k.CvssScore AS DOUBLE)) AS cvss, bool_or(coalesce(k.IsExploitAvailable, false)) AS exploit, "
            + "bool_or(coalesce(lower(k.VulnerabilityDescription) LIKE '%remote code execution%', false)) AS rce, any_value(v.SoftwareName) AS software "
            + "FROM DeviceTvmSoftwareVulnerabilities v LEFT JOIN DeviceTvmSoftwareVulnerabilitiesKB k ON k.CveId = v.CveId "
            + "WHERE v.CveId IS NOT NULL AND v.CveId <> '' GROUP BY v.DeviceId, v.CveId";

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
        Map<String, String> deviceNodes = devices(since);
        vulnerabilities(deviceNodes);
        Accounts accounts = users(since);
        logons(since, deviceNodes, accounts);
        administrators(deviceNodes);
        return new ExposureGraph(now, (System.nanoTime() - started) / 1_000_000, new ArrayList<>(nodes.values()), new ArrayList<>(edges.values()));
    }

    /** A stable id for a node (or edge): the MD5 of {@code label|key} in GUID form, which SQL can compute too ({@link #SQL_ID}). */
    static String id(String label, String key) {
        try {
            String h = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest((label + "|" + key).getBytes(StandardCharsets.UTF_8)));
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #id} in DuckDB SQL: {@code %s} is the SQL expression of {@code label|key}. */
    static final String SQL_ID = "regexp_replace(md5(%s), '^(.{8})(.{4})(.{4})(.{4})(.{12})$', '\\1-\\2-\\3-\\4-\\5')";

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

    /** Device nodes by DeviceId → node id, from each device's latest DeviceInfo row. */
    private Map<String, String> devices(Instant since) {
        Map<String, CriticalAssets.Assigned> levels = critical.levels();
        Set<String> controllers = critical.domainControllers();
        Map<String, Map<String, Object>> insights = insights();
        Map<String, String> out = new HashMap<>();
        for (EventSql.Row r : events.rows("SELECT DeviceId, DeviceName, OSPlatform, DeviceType, OnboardingStatus, PublicIP, IsInternetFacing, Timestamp, "
                + "ExposureLevel FROM DeviceInfo WHERE Timestamp >= ? AND DeviceId IS NOT NULL AND DeviceId <> '' "
                + "QUALIFY row_number() OVER (PARTITION BY DeviceId ORDER BY Timestamp DESC) = 1 ORDER BY DeviceName, DeviceId", since)) {
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
            raw.put("isDomainController", controllers.contains(deviceId));
            Map<String, Object> crit = new LinkedHashMap<>();
            if (level != null) {
                crit.put("criticalityLevel", level);
                crit.put("ruleBasedCriticalityLevel", a.manual() ? null : level);
                crit.put("ruleNames", rules);
            }
            raw.put("criticalityLevel", crit);
            if (insights.containsKey(deviceId)) {
                raw.put("highRiskVulnerabilityInsights", insights.get(deviceId));
            }
            ExposureGraph.Node n = add(ExposureGraph.DEVICE, deviceId, name, List.of("compute", "device"), level, rules, raw,
                    List.of(Map.of("id", deviceId, "type", "DeviceInventoryId")));
            out.put(deviceId, n.id());
        }
        return out;
    }

    /** Per device: counts of high/critical and exploitable CVEs, highest CVSS, remote code execution. */
    private Map<String, Map<String, Object>> insights() {
        Map<String, Map<String, Object>> out = new HashMap<>();
        events.each("SELECT DeviceId, count(*) FILTER (WHERE lower(sev) IN ('high', 'critical')), count(*) FILTER (WHERE exploit), "
                + "coalesce(max(cvss), 0), bool_or(rce AND lower(sev) IN ('high', 'critical')), coalesce(max(cvss) FILTER (WHERE rce), 0) "
                + "FROM (" + DEVICE_CVES + ") GROUP BY DeviceId", r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hasHighOrCritical", r.num(1) > 0);
            m.put("maxCvssScore", ((Number) r.values()[3]).doubleValue());
            m.put("highOrCriticalCount", r.num(1));
            m.put("exploitableCount", r.num(2));
            m.put("vulnerableToRemoteCodeExecution", Map.of("hasHighOrCritical", Boolean.TRUE.equals(r.values()[4]),
                    "maxCvssScore", ((Number) r.values()[5]).doubleValue()));
            out.put(r.str(0), m);
        });
        return out;
    }

    /** The three worst high or critical CVEs of each device, as nodes and edges (the rest only reach the hunting tables). */
    private void vulnerabilities(Map<String, String> deviceNodes) {
        events.each("SELECT DeviceId, CveId, sev, cvss, exploit, rce, software FROM (" + DEVICE_CVES + ") WHERE lower(sev) IN ('high', 'critical') "
                + "QUALIFY row_number() OVER (PARTITION BY DeviceId ORDER BY cvss DESC NULLS LAST, CveId) <= 3 ORDER BY DeviceId, CveId", r -> {
            String device = deviceNodes.get(r.str(0));
            if (device == null) {
                return;
            }
            String cve = r.str(1);
            ExposureGraph.Node n = nodes.get(id(ExposureGraph.CVE, cve));
            if (n == null) {
                Map<String, Object> raw = new LinkedHashMap<>();
                raw.put("severity", r.str(2));
                raw.put("cvssScore", r.values()[3] instanceof Number x ? x.doubleValue() : null);
                raw.put("isExploitAvailable", Boolean.TRUE.equals(r.values()[4]));
                raw.put("remoteCodeExecution", Boolean.TRUE.equals(r.values()[5]));
                n = add(ExposureGraph.CVE, cve, cve, List.of("vulnerability"), null, List.of(), raw, List.of(Map.of("id", cve, "type", "CveId")));
            }
            edge(ExposureGraph.AFFECTING, n.id(), device, Map.of("rawData", Map.of("software", String.valueOf(r.str(6)))));
        });
    }

    /** Users found in IdentityInfo, by SID and by account name (ambiguous when two different accounts share the name). */
    private static final class Accounts {
        final Map<String, ExposureGraph.Node> bySid = new HashMap<>();
        final Map<String, ExposureGraph.Node> byName = new HashMap<>();
        final Set<String> ambiguous = new java.util.HashSet<>();

        /**
         * The directory user behind a sign-in. The name alone decides only when the sign-in carries no SID: a SID the
         * directory does not know is another account (a local "administrator" is not the domain's).
         */
        ExposureGraph.Node find(String sid, String name) {
            if (sid != null && !sid.isBlank()) {
                return bySid.get(sid.toLowerCase(Locale.ROOT));
            }
            return name == null || ambiguous.contains(name) ? null : byName.get(name);
        }
    }

    private Accounts users(Instant since) {
        Accounts accounts = new Accounts();
        Map<String, String> groups = new LinkedHashMap<>();
        for (EventSql.Row r : events.rows("SELECT coalesce(nullif(lower(AccountUpn), ''), nullif(lower(OnPremSid), ''), nullif(lower(AccountObjectId), '')) AS k, "
                + "AccountDisplayName, AccountName, AccountDomain, AccountUpn, OnPremSid, AccountObjectId, CriticalityLevel, CAST(AssignedRoles AS VARCHAR), "
                + "CAST(GroupMembership AS VARCHAR), Department, IsAccountEnabled, RiskLevel FROM IdentityInfo WHERE Timestamp >= ? AND k IS NOT NULL "
                + "QUALIFY row_number() OVER (PARTITION BY k, coalesce(AccountObjectId, ''), coalesce(OnPremSid, '') ORDER BY Timestamp DESC) = 1 ORDER BY 1", since)) {
            String key = r.str(0);
            String upn = r.str(4), sid = r.str(5), objectId = r.str(6);
            String accountName = r.str(2);
            List<String> roles = strings(r.str(8));
            List<String> memberOf = strings(r.str(9));
            Integer level = null;
            // IdentityInfo's CriticalityLevel, as the portal's own criticality ranks count it (4 very high down to 1 low);
            // the graph counts 0 (very high) up to 3 (low).
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
            // One person can have several rows (an on-premises and a cloud account sharing the UPN): one node, the most critical reading.
            ExposureGraph.Node before = nodes.get(id(ExposureGraph.USER, key));
            Map<String, Object> raw = before == null ? new LinkedHashMap<>() : new LinkedHashMap<>(before.raw());
            putIfSet(raw, "accountName", accountName);
            putIfSet(raw, "accountDomain", r.str(3));
            putIfSet(raw, "accountUpn", upn);
            putIfSet(raw, "department", r.str(10));
            if (r.values()[11] != null) {
                raw.put("isAccountEnabled", Boolean.TRUE.equals(r.values()[11]) || Boolean.TRUE.equals(raw.get("isAccountEnabled")));
            }
            putIfSet(raw, "riskLevel", r.str(12));
            List<String> allRoles = new ArrayList<>(before == null ? List.of() : strings(raw.get("assignedRoles")));
            roles.stream().filter(x -> !allRoles.contains(x)).forEach(allRoles::add);
            raw.put("assignedRoles", allRoles);
            if (before != null) {
                if (before.criticality() != null) {
                    level = level == null ? before.criticality() : Math.min(level, before.criticality());
                }
                before.criticalityRules().stream().filter(x -> !rules.contains(x)).forEach(rules::add);
            }
            Map<String, Object> crit = new LinkedHashMap<>();
            if (level != null) {
                crit.put("criticalityLevel", level);
                crit.put("ruleBasedCriticalityLevel", level);
                crit.put("ruleNames", rules);
            }
            raw.put("criticalityLevel", crit);
            Set<Map<String, String>> ids = new LinkedHashSet<>(before == null ? List.of() : before.entityIds());
            if (objectId != null && !objectId.isBlank()) {
                ids.add(Map.of("id", objectId, "type", "AadObjectId"));
            }
            if (sid != null && !sid.isBlank()) {
                ids.add(Map.of("id", sid, "type", "SecurityIdentifier"));
            }
            if (upn != null && !upn.isBlank()) {
                ids.add(Map.of("id", upn, "type", "UserPrincipalName"));
            }
            String name = before != null ? before.name() : firstNonBlank(r.str(1), upn, accountName, key);
            ExposureGraph.Node user = add(ExposureGraph.USER, key, name, List.of("identity", "user"), level, List.copyOf(rules), raw, List.copyOf(ids));
            if (sid != null && !sid.isBlank()) {
                accounts.bySid.put(sid.toLowerCase(Locale.ROOT), user);
            }
            if (accountName != null && !accountName.isBlank()) {
                String lower = accountName.toLowerCase(Locale.ROOT);
                ExposureGraph.Node other = accounts.byName.putIfAbsent(lower, user);
                if (other != null && !other.id().equals(user.id())) {
                    accounts.ambiguous.add(lower);
                }
                if (other != null && other.id().equals(user.id())) {
                    accounts.byName.put(lower, user);
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
        // Re-point SID and name lookups at the final (merged) nodes.
        accounts.bySid.replaceAll((k, n) -> nodes.get(n.id()));
        accounts.byName.replaceAll((k, n) -> nodes.get(n.id()));
        return accounts;
    }

    private static void putIfSet(Map<String, Object> raw, String key, String value) {
        if (value != null && !value.isBlank()) {
            raw.put(key, value);
        }
    }

    /** Sign-ins of one account on one device, accumulated over the look-back. */
    private static final class Logons {
        final Set<String> types = new TreeSet<>();
        long count;
        Instant last;
        boolean admin;

        void add(String type, boolean isAdmin, long n, Instant at) {
            types.add(type);
            count += n;
            admin |= isAdmin;
            if (at != null && (last == null || at.isAfter(last))) {
                last = at;
            }
        }

        Map<String, Object> raw(boolean access) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("logonTypes", List.copyOf(types));
            m.put("logons", count);
            m.put("lastSeen", last == null ? null : last.toString());
            if (access) {
                m.put("userRightsOnDevice", Map.of("isLocalAdmin", admin));
            } else {
                m.put("isLocalAdmin", admin);
            }
            return Map.of("rawData", m);
        }
    }

    private void logons(Instant since, Map<String, String> deviceNodes, Accounts accounts) {
        record Key(String device, String user) {
        }
        Map<Key, Logons> credentials = new LinkedHashMap<>();
        Map<Key, Logons> access = new LinkedHashMap<>();
        events.each("SELECT DeviceId, lower(AccountName), AccountSid, lower(AccountDomain), LogonType, bool_or(coalesce(IsLocalAdmin, false)), count(*), max(Timestamp) "
                + "FROM DeviceLogonEvents WHERE Timestamp >= ? AND ActionType = 'LogonSuccess' AND AccountName IS NOT NULL GROUP BY ALL ORDER BY 1, 2, 5", r -> {
            String deviceNode = deviceNodes.get(r.str(0));
            String account = r.str(1);
            if (deviceNode == null || account == null || account.endsWith("$") || SERVICE_ACCOUNTS.contains(account)
                    || account.startsWith("dwm-") || account.startsWith("umfd-")) {
                return;
            }
            String sid = r.str(2);
            ExposureGraph.Node user = accounts.find(sid, account);
            if (user == null) {
                if (sid == null || !sid.toUpperCase(Locale.ROOT).startsWith("S-1-5-21-")) {
                    return;
                }
                // A domain or local account the directory does not list: still a credential an attacker can use.
                String domain = r.str(3) == null ? "" : r.str(3);
                Map<String, Object> raw = new LinkedHashMap<>();
                raw.put("accountName", account);
                raw.put("accountDomain", domain);
                raw.put("criticalityLevel", Map.of());
                user = add(ExposureGraph.USER, sid.toLowerCase(Locale.ROOT), domain.isEmpty() ? account : domain + "\\" + account,
                        List.of("identity", "user"), null, List.of(), raw, List.of(Map.of("id", sid, "type", "SecurityIdentifier")));
                accounts.bySid.put(sid.toLowerCase(Locale.ROOT), user);
            }
            String type = r.str(4) == null ? "" : r.str(4);
            String lower = type.toLowerCase(Locale.ROOT);
            boolean admin = Boolean.TRUE.equals(r.values()[5]);
            Key key = new Key(deviceNode, user.id());
            if (CREDENTIAL_LOGONS.contains(lower)) {
                credentials.computeIfAbsent(key, k -> new Logons()).add(type, admin, r.num(6), r.time(7));
            }
            if (ACCESS_LOGONS.contains(lower) || (lower.equals("network") && admin)) {
                access.computeIfAbsent(key, k -> new Logons()).add(type, admin, r.num(6), r.time(7));
            }
        }, since);
        credentials.forEach((k, v) -> edge(ExposureGraph.HAS_CREDENTIALS_OF, k.device(), k.user(), v.raw(false)));
        access.forEach((k, v) -> edge(ExposureGraph.CAN_AUTHENTICATE_TO, k.user(), k.device(), v.raw(true)));
    }

    /** Domain-wide administrator groups administer every device the domain controller classification finds. */
    private void administrators(Map<String, String> deviceNodes) {
        List<String> controllers = critical.domainControllers().stream().map(deviceNodes::get).filter(java.util.Objects::nonNull).sorted().toList();
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

    private static List<String> strings(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        String json = value == null ? null : value.toString();
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
