package dev.rampart.portal.detection;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.NotFoundException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deception rules: decoy accounts and hosts that nothing legitimate uses, so any use of one is an attacker's. Each
 * enabled rule is carried out by near-real-time built-in detection rules (keys {@code deception-<id>-...}): a sign-in
 * with a decoy account on a device or against the directory raises "Sign-in attempt with a deceptive user account", a
 * connection to a decoy host name or address "Connection attempt to a deceptive host" — high severity, and the
 * incident is tagged "Deception". Reading needs Core security settings (read); changing, Detection tuning (manage).
 */
@Service
public class DeceptionRules {
    public static final String KEY_PREFIX = "deception-";
    public static final String TAG = "Deception";
    static final int MAX_DECOYS = 200;
    static final String HIDDEN_QUERY = "// Carries out a deception rule; its decoys are shown to Detection tuning (manage) only.";
    /** Outbound connection attempts, whatever their outcome; inbound and listening rows name the local host, not a target. */
    static final String OUTBOUND = "\"ConnectionSuccess\", \"ConnectionAttempt\", \"ConnectionFailed\", \"ConnectionRequest\"";
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@$-]{0,103}");
    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}");

    /** A stored rule with its decoys (account names or UPNs in lower case; host names in lower case, or addresses). */
    public record Rule(long id, String name, String description, boolean enabled, List<String> accounts, List<String> hosts,
                       String updatedBy, Instant updatedAt) {
        public String accountsText() {
            return String.join("\n", accounts);
        }

        public String hostsText() {
            return String.join("\n", hosts);
        }
    }

    /** The form: decoys one per line (commas also separate). */
    public record Input(String name, String description, String accounts, String hosts, boolean enabled) {
    }

    private final JdbcClient jdbc;
    private final DetectionRules rules;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final dev.rampart.portal.access.DataScopes scopes;

    DeceptionRules(JdbcClient jdbc, DetectionRules rules, AccessPolicy access, AuditLog audit, dev.rampart.portal.access.DataScopes scopes) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.access = access;
        this.audit = audit;
        this.scopes = scopes;
    }

    /**
     * Whether the caller may change deception rules and read their decoys: Detection tuning (manage) over every device,
     * since the detections run on all of them. Decoys are shown to no one else: an insider who knows them avoids them.
     */
    public boolean canManage() {
        return access.can(Permission.DETECTION_TUNING_MANAGE) && scopes.devicesFor(Permission.DETECTION_TUNING_MANAGE).all();
    }

    private void requireManage() {
        if (!canManage()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Deception rules need Detection tuning (manage) over every device group: their detections run on all devices.");
        }
    }

    /** Whether {@code r} is a detection carrying out a deception rule. */
    public static boolean generated(DetectionRule r) {
        return r.builtIn() && r.key() != null && r.key().startsWith(KEY_PREFIX);
    }

    /** The rule's query as the caller may see it: a deception detection's names its decoys, shown to managers only. */
    public static String shownQuery(DetectionRule r) {
        if (!generated(r)) {
            return r.query();
        }
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return AccessPolicy.can(auth, Permission.DETECTION_TUNING_MANAGE) ? r.query() : HIDDEN_QUERY;
    }

    /** The rules; their decoys are empty lists unless the caller {@link #canManage manages} them ({@link #decoyCounts} says how many). */
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    public List<Rule> list() {
        boolean show = canManage();
        return all().stream().map(r -> show ? r : new Rule(r.id(), r.name(), r.description(), r.enabled(), List.of(), List.of(), r.updatedBy(),
                r.updatedAt())).toList();
    }

    /** Decoy accounts and hosts per rule id, as counts. */
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    public Map<Long, int[]> decoyCounts() {
        Map<Long, int[]> out = new java.util.HashMap<>();
        all().forEach(r -> out.put(r.id(), new int[] {r.accounts().size(), r.hosts().size()}));
        return out;
    }

    /** One rule with its decoys, for managers. */
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public Rule get(long id) {
        requireManage();
        return find(id);
    }

    private Rule find(long id) {
        return all().stream().filter(r -> r.id() == id).findFirst().orElseThrow(() -> new NotFoundException("deception rule", String.valueOf(id)));
    }

    /** The built-in detection rules carrying out each rule, by rule id. */
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    public Map<Long, List<DetectionRule>> detections() {
        Map<Long, List<DetectionRule>> out = new java.util.HashMap<>();
        for (DetectionRule d : rules.all()) {
            if (generated(d)) {
                String rest = d.key().substring(KEY_PREFIX.length());
                int dash = rest.indexOf('-');
                if (dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit)) {
                    out.computeIfAbsent(Long.parseLong(rest.substring(0, dash)), k -> new ArrayList<>()).add(d);
                }
            }
        }
        return out;
    }

    /** What a detection watches, from its key. */
    public static String watches(DetectionRule d) {
        return d.key().endsWith("-" + Detection.CONNECTION.suffix) ? "Connections" : d.key().endsWith("-" + Detection.DIRECTORY_SIGN_IN.suffix)
                ? "Directory sign-ins" : d.key().endsWith("-" + Detection.DIRECTORY_HOST.suffix) ? "Directory sign-ins to hosts" : "Device sign-ins";
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public Rule create(Input in) {
        requireManage();
        Parsed p = parse(in, null);
        GeneratedKeyHolder kh = new GeneratedKeyHolder();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String who = DetectionRules.user();
        jdbc.sql("INSERT INTO deception_rule (name, description, enabled, created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(p.name(), p.description(), in.enabled(), who, now, who, now).update(kh, "id");
        long id = kh.getKey().longValue();
        writeDecoys(id, p);
        Rule r = find(id);
        sync(r);
        audit.record("deception.rule.create", "deception_rule", String.valueOf(id), describe(r));
        return r;
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public Rule update(long id, Input in) {
        requireManage();
        find(id);
        Parsed p = parse(in, id);
        jdbc.sql("UPDATE deception_rule SET name = ?, description = ?, enabled = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                .params(p.name(), p.description(), in.enabled(), DetectionRules.user(), OffsetDateTime.now(ZoneOffset.UTC), id).update();
        jdbc.sql("DELETE FROM deception_decoy WHERE rule_id = ?").param(id).update();
        writeDecoys(id, p);
        Rule r = find(id);
        sync(r);
        audit.record("deception.rule.update", "deception_rule", String.valueOf(id), describe(r));
        return r;
    }

    /** Deletes the rule and its detections; the alerts they raised stay. */
    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public void delete(long id) {
        requireManage();
        Rule r = find(id);
        for (Detection d : Detection.values()) {
            rules.removeBuiltIn(d.key(id));
        }
        jdbc.sql("DELETE FROM deception_rule WHERE id = ?").param(id).update();
        audit.record("deception.rule.delete", "deception_rule", String.valueOf(id), r.name());
    }

    private List<Rule> all() {
        Map<Long, List<String>> accounts = new java.util.HashMap<>();
        Map<Long, List<String>> hosts = new java.util.HashMap<>();
        jdbc.sql("SELECT rule_id, kind, decoy_value FROM deception_decoy ORDER BY rule_id, kind, decoy_value").query((rs, n) -> {
            (rs.getString(2).equals("ACCOUNT") ? accounts : hosts).computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(3));
            return null;
        }).list();
        return jdbc.sql("SELECT id, name, description, enabled, updated_by, updated_at FROM deception_rule ORDER BY lower(name), id")
                .query((rs, n) -> new Rule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        List.copyOf(accounts.getOrDefault(rs.getLong(1), List.of())), List.copyOf(hosts.getOrDefault(rs.getLong(1), List.of())),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant())).list();
    }

    private record Parsed(String name, String description, List<String> accounts, List<String> hosts) {
    }

    private Parsed parse(Input in, Long id) {
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > 150) {
            throw InvalidInputException.of("name", "a name of 1 to 150 characters is required");
        }
        String prefix = "deception: " + name.toLowerCase(Locale.ROOT) + " (";
        for (DetectionRule other : rules.all()) {
            if (other.name().toLowerCase(Locale.ROOT).startsWith(prefix) && !(generated(other) && id != null && other.key().startsWith(KEY_PREFIX + id + "-"))) {
                throw InvalidInputException.of("name", "the detection rule \"" + other.name() + "\" already uses this name");
            }
        }
        Long same = jdbc.sql("SELECT id FROM deception_rule WHERE lower(name) = lower(?)").param(name).query(Long.class).optional().orElse(null);
        if (same != null && !same.equals(id)) {
            throw InvalidInputException.of("name", "another deception rule is called \"" + name + "\"");
        }
        String description = in.description() == null ? "" : in.description().strip();
        if (description.length() > 1000) {
            throw InvalidInputException.of("description", "at most 1000 characters, got " + description.length());
        }
        List<String> accounts = lines(in.accounts(), "accounts", (line, v) -> {
            String bare = v.contains("\\") ? v.substring(v.lastIndexOf('\\') + 1) : v;
            if (!ACCOUNT.matcher(bare).matches()) {
                throw InvalidInputException.of("accounts", "line " + line + ": '" + v + "' is not an account name or UPN (letters, digits and . _ @ $ -)");
            }
            return bare.toLowerCase(Locale.ROOT);
        });
        List<String> hosts = lines(in.hosts(), "hosts", (line, v) -> {
            String h = v.toLowerCase(Locale.ROOT);
            if (IPV4.matcher(h).matches() || (h.contains(":") && IPV6.matcher(h).matches())) {
                String why = unusableAddress(h);
                if (why != null) {
                    throw InvalidInputException.of("hosts", "line " + line + ": '" + v + "' is " + why + ", which ordinary traffic uses");
                }
                return h;
            }
            if (h.length() > 253 || !HOST.matcher(h).matches() || h.matches("[0-9.]+")) {
                throw InvalidInputException.of("hosts", "line " + line + ": '" + v + "' is not a host name or IP address");
            }
            return h;
        });
        if (accounts.isEmpty() && hosts.isEmpty()) {
            throw InvalidInputException.of("accounts", "name at least one decoy account or host");
        }
        return new Parsed(name, description, accounts, hosts);
    }

    /** Why an address cannot be a decoy (unspecified, loopback, multicast, broadcast), or null. */
    private static String unusableAddress(String ip) {
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(ip);
            if (a.isAnyLocalAddress()) {
                return "the unspecified address";
            }
            if (a.isLoopbackAddress()) {
                return "a loopback address";
            }
            if (a.isMulticastAddress() || ip.equals("255.255.255.255")) {
                return "a multicast or broadcast address";
            }
            return null;
        } catch (java.net.UnknownHostException e) {
            return "not an address";
        }
    }

    private interface LineCheck {
        String check(int line, String value);
    }

    private static List<String> lines(String text, String field, LineCheck check) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return List.of();
        }
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String part : lines[i].split(",")) {
                String v = part.strip();
                if (!v.isEmpty()) {
                    out.add(check.check(i + 1, v));
                }
            }
        }
        if (out.size() > MAX_DECOYS) {
            throw InvalidInputException.of(field, "at most " + MAX_DECOYS + " decoys per rule, got " + out.size());
        }
        return List.copyOf(out);
    }

    private void writeDecoys(long id, Parsed p) {
        p.accounts().forEach(a -> jdbc.sql("INSERT INTO deception_decoy (rule_id, kind, decoy_value) VALUES (?, 'ACCOUNT', ?)").params(id, a).update());
        p.hosts().forEach(h -> jdbc.sql("INSERT INTO deception_decoy (rule_id, kind, decoy_value) VALUES (?, 'HOST', ?)").params(id, h).update());
    }

    /** The detections a rule can have; each exists while the rule is on and has decoys of its kind. */
    enum Detection {
        DEVICE_SIGN_IN("device-signin"), DIRECTORY_SIGN_IN("identity-signin"), CONNECTION("connection"), DIRECTORY_HOST("identity-host");

        private final String suffix;

        Detection(String suffix) {
            this.suffix = suffix;
        }

        String key(long ruleId) {
            return KEY_PREFIX + ruleId + "-" + suffix;
        }
    }

    /**
     * Creates, refreshes or turns on or off the rule's detections to match it. Turned off rather than removed while the
     * rule is off or has no decoys of their kind, so that turning them on again does not alert twice on the same events.
     */
    private void sync(Rule r) {
        for (Detection d : Detection.values()) {
            RuleDraft draft = draft(r, d);
            if (draft == null) {
                // Kept, off, with its last query: decoys of this kind added back later do not re-alert on what it alerted.
                rules.setBuiltInEnabled(d.key(r.id()), false);
            } else {
                rules.upsertBuiltIn(d.key(r.id()), draft);
                rules.setBuiltInEnabled(d.key(r.id()), r.enabled());
            }
        }
    }

    /**
     * The detection rule of kind {@code d} for {@code r}, or null when it has no decoys of that kind. Account names match
     * AccountName; UPNs match only AccountUpn (their local part alone would catch every real account of that name).
     * Host names match the host of RemoteUrl exactly (a one-label name also as the first label of a longer one), and
     * addresses RemoteIP, IPv4 also in its IPv6-mapped form; only outbound connection rows count.
     */
    static RuleDraft draft(Rule r, Detection d) {
        List<String> names = r.accounts().stream().filter(a -> !a.contains("@")).toList();
        List<String> upns = r.accounts().stream().filter(a -> a.contains("@")).toList();
        List<String> ips = r.hosts().stream().filter(h -> IPV4.matcher(h).matches() || h.contains(":")).toList();
        List<String> hostNames = r.hosts().stream().filter(h -> !ips.contains(h)).toList();
        String actions = "Treat the source as compromised: a decoy is never used legitimately. Find how its credentials or name were learned "
                + "(credential dumping, directory enumeration) on the device or account named, and isolate or contain it.";
        return switch (d) {
            case DEVICE_SIGN_IN -> names.isEmpty() ? null : new RuleDraft("Deception: " + r.name() + " (sign-ins on devices)",
                    "DeviceLogonEvents\n| where AccountName in~ (" + quoted(names) + ")\n"
                            + "| project Timestamp, DeviceId, DeviceName, AccountName, AccountDomain, AccountSid, ActionType, LogonType, RemoteIP, RemoteDeviceName, ReportId",
                    Frequency.NRT, "Sign-in attempt with a deceptive user account",
                    "{{AccountName}} is a decoy account of the deception rule \"" + r.name() + "\": nothing legitimate signs in with it. "
                            + "{{ActionType}} ({{LogonType}}) on {{DeviceName}} from {{RemoteIP}}.",
                    Severity.HIGH, Category.CREDENTIAL_ACCESS, List.of("T1078"), actions, EntityMapping.automatic(), r.enabled());
            case DIRECTORY_SIGN_IN -> names.isEmpty() && upns.isEmpty() ? null : new RuleDraft("Deception: " + r.name() + " (sign-ins against the directory)",
                    "IdentityLogonEvents\n| where " + String.join(" or ", terms(names.isEmpty() ? null : "AccountName in~ (" + quoted(names) + ")",
                            upns.isEmpty() ? null : "AccountUpn in~ (" + quoted(upns) + ")")) + "\n"
                            + "| project Timestamp, AccountUpn, AccountName, AccountDomain, ActionType, Protocol, DeviceName, IPAddress, DestinationDeviceName, ReportId",
                    Frequency.NRT, "Sign-in attempt with a deceptive user account",
                    "{{AccountName}} {{AccountUpn}} is a decoy account of the deception rule \"" + r.name() + "\": nothing legitimate signs in with it. "
                            + "{{ActionType}} ({{Protocol}}) from {{DeviceName}} {{IPAddress}} to {{DestinationDeviceName}}.",
                    Severity.HIGH, Category.CREDENTIAL_ACCESS, List.of("T1078"), actions, EntityMapping.automatic(), r.enabled());
            case CONNECTION -> ips.isEmpty() && hostNames.isEmpty() ? null : new RuleDraft("Deception: " + r.name() + " (connections to decoy hosts)",
                    "DeviceNetworkEvents\n| where ActionType in (" + OUTBOUND + ")\n"
                            + "| extend RemoteHost = tolower(extract(@\"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:[^@/]*@)?([^/:?#]+)\", 1, RemoteUrl))\n"
                            + "| where " + String.join(" or ", connectionTerms(ips, hostNames)) + "\n"
                            + "| project Timestamp, DeviceId, DeviceName, ActionType, RemoteIP, RemotePort, RemoteUrl, RemoteHost, InitiatingProcessFileName, "
                            + "InitiatingProcessAccountName, ReportId",
                    Frequency.NRT, "Connection attempt to a deceptive host",
                    "{{DeviceName}} tried to reach {{RemoteHost}} {{RemoteIP}}:{{RemotePort}}, a decoy host of the deception rule \"" + r.name()
                            + "\" that no one uses; {{InitiatingProcessFileName}} as {{InitiatingProcessAccountName}}.",
                    Severity.HIGH, Category.LATERAL_MOVEMENT, List.of("T1021", "T1018"), actions, EntityMapping.automatic(), r.enabled());
            case DIRECTORY_HOST -> ips.isEmpty() && hostNames.isEmpty() ? null : new RuleDraft("Deception: " + r.name() + " (directory sign-ins to decoy hosts)",
                    "IdentityLogonEvents\n| extend TargetHost = tolower(tostring(split(TargetDeviceName, \".\")[0]))\n"
                            + "| where " + String.join(" or ", terms(hostNames.isEmpty() ? null : "TargetHost in (" + quoted(hostNames.stream()
                                    .map(h -> h.contains(".") ? h.substring(0, h.indexOf('.')) : h).distinct().toList()) + ")",
                            ips.isEmpty() ? null : "DestinationIPAddress in~ (" + quoted(ips) + ")")) + "\n"
                            + "| project Timestamp, AccountUpn, AccountName, AccountDomain, ActionType, Protocol, DeviceName, IPAddress, TargetDeviceName, "
                            + "DestinationIPAddress, ReportId",
                    Frequency.NRT, "Connection attempt to a deceptive host",
                    "{{AccountName}} {{AccountUpn}} asked the directory to sign in to {{TargetDeviceName}} {{DestinationIPAddress}} ({{Protocol}}), a decoy host of the "
                            + "deception rule \"" + r.name() + "\" that no one uses; from {{DeviceName}} {{IPAddress}}.",
                    Severity.HIGH, Category.LATERAL_MOVEMENT, List.of("T1021", "T1018"), actions, EntityMapping.automatic(), r.enabled());
        };
    }

    private static List<String> terms(String... terms) {
        return java.util.Arrays.stream(terms).filter(java.util.Objects::nonNull).toList();
    }

    private static List<String> connectionTerms(List<String> ips, List<String> hostNames) {
        List<String> terms = new ArrayList<>();
        if (!ips.isEmpty()) {
            List<String> all = new ArrayList<>(ips);
            ips.stream().filter(ip -> !ip.contains(":")).forEach(ip -> all.add("::ffff:" + ip));
            terms.add("RemoteIP in~ (" + quoted(all) + ")");
        }
        if (!hostNames.isEmpty()) {
            terms.add("RemoteHost in (" + quoted(hostNames) + ")");
            List<String> single = hostNames.stream().filter(h -> !h.contains(".")).toList();
            for (String h : single) {
                terms.add("RemoteHost startswith \"" + h + ".\"");
            }
        }
        return terms;
    }

    /** Decoys are validated to letters, digits and . _ @ $ - : (no quote or backslash), so plain quoting is safe. */
    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
    }

    /** For the audit log, which more people read than the decoys are shown to: counts, not values. */
    private static String describe(Rule r) {
        return r.name() + (r.enabled() ? "" : " (off)") + "; " + r.accounts().size() + " decoy accounts, " + r.hosts().size() + " decoy hosts";
    }

    /**
     * Brings every rule's detections up to date with this version (new kinds of detection, changed queries); portal
     * automation at start, no permission check.
     */
    @Transactional
    public int resyncAll() {
        List<Rule> all = all();
        all.forEach(this::sync);
        return all.size();
    }

    /** Turns a rule and its detections on or off. */
    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public Rule setEnabled(long id, boolean enabled) {
        requireManage();
        find(id);
        jdbc.sql("UPDATE deception_rule SET enabled = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                .params(enabled, DetectionRules.user(), OffsetDateTime.now(ZoneOffset.UTC), id).update();
        Rule r = find(id);
        sync(r);
        audit.record(enabled ? "deception.rule.enable" : "deception.rule.disable", "deception_rule", String.valueOf(id), r.name());
        return r;
    }
}
