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
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@$-]{0,103}");
    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:]{2,39}");

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

    DeceptionRules(JdbcClient jdbc, DetectionRules rules, AccessPolicy access, AuditLog audit) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.access = access;
        this.audit = audit;
    }

    public boolean canManage() {
        return access.can(Permission.DETECTION_TUNING_MANAGE);
    }

    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    public List<Rule> list() {
        return all();
    }

    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    public Rule get(long id) {
        return all().stream().filter(r -> r.id() == id).findFirst().orElseThrow(() -> new NotFoundException("deception rule", String.valueOf(id)));
    }

    /** The built-in detection rules carrying out {@code id}, by key. */
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    public List<DetectionRule> detections(long id) {
        return rules.all().stream().filter(r -> r.key() != null && r.key().startsWith(KEY_PREFIX + id + "-")).toList();
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public Rule create(Input in) {
        Parsed p = parse(in, null);
        GeneratedKeyHolder kh = new GeneratedKeyHolder();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String who = DetectionRules.user();
        jdbc.sql("INSERT INTO deception_rule (name, description, enabled, created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(p.name(), p.description(), in.enabled(), who, now, who, now).update(kh, "id");
        long id = kh.getKey().longValue();
        writeDecoys(id, p);
        Rule r = get(id);
        sync(r);
        audit.record("deception.rule.create", "deception_rule", String.valueOf(id), describe(r));
        return r;
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public Rule update(long id, Input in) {
        get(id);
        Parsed p = parse(in, id);
        jdbc.sql("UPDATE deception_rule SET name = ?, description = ?, enabled = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                .params(p.name(), p.description(), in.enabled(), DetectionRules.user(), OffsetDateTime.now(ZoneOffset.UTC), id).update();
        jdbc.sql("DELETE FROM deception_decoy WHERE rule_id = ?").param(id).update();
        writeDecoys(id, p);
        Rule r = get(id);
        sync(r);
        audit.record("deception.rule.update", "deception_rule", String.valueOf(id), describe(r));
        return r;
    }

    /** Deletes the rule and its detections; the alerts they raised stay. */
    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public void delete(long id) {
        Rule r = get(id);
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
        if (name.isEmpty() || name.length() > 200) {
            throw InvalidInputException.of("name", "a name of 1 to 200 characters is required");
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
            boolean ok = IPV4.matcher(h).matches() || (h.contains(":") && IPV6.matcher(h).matches()) || (h.length() <= 253 && HOST.matcher(h).matches()
                    && !h.matches("[0-9.]+"));
            if (!ok) {
                throw InvalidInputException.of("hosts", "line " + line + ": '" + v + "' is not a host name or IP address");
            }
            return h;
        });
        if (accounts.isEmpty() && hosts.isEmpty()) {
            throw InvalidInputException.of("accounts", "name at least one decoy account or host");
        }
        return new Parsed(name, description, accounts, hosts);
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
        DEVICE_SIGN_IN("device-signin"), DIRECTORY_SIGN_IN("identity-signin"), CONNECTION("connection");

        private final String suffix;

        Detection(String suffix) {
            this.suffix = suffix;
        }

        String key(long ruleId) {
            return KEY_PREFIX + ruleId + "-" + suffix;
        }
    }

    /**
     * Creates, refreshes, turns on or off, or removes the rule's detections to match it. Turned off rather than removed
     * while the rule is off, so that turning it on again does not alert a second time on what was already alerted.
     */
    private void sync(Rule r) {
        for (Detection d : Detection.values()) {
            RuleDraft draft = draft(r, d);
            if (draft == null) {
                rules.removeBuiltIn(d.key(r.id()));
            } else {
                rules.upsertBuiltIn(d.key(r.id()), draft);
                rules.setBuiltInEnabled(d.key(r.id()), r.enabled());
            }
        }
    }

    /** The detection rule of kind {@code d} for {@code r}, or null when it has no decoys of that kind. */
    static RuleDraft draft(Rule r, Detection d) {
        List<String> names = r.accounts().stream().map(a -> a.contains("@") ? a.substring(0, a.indexOf('@')) : a).distinct().toList();
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
                    Severity.HIGH, Category.CREDENTIAL_ACCESS, List.of("T1078"), actions, EntityMapping.automatic(), true);
            case DIRECTORY_SIGN_IN -> names.isEmpty() ? null : new RuleDraft("Deception: " + r.name() + " (sign-ins against the directory)",
                    "IdentityLogonEvents\n| where AccountName in~ (" + quoted(names) + ")" + (upns.isEmpty() ? "" : " or AccountUpn in~ (" + quoted(upns) + ")") + "\n"
                            + "| project Timestamp, AccountUpn, AccountName, AccountDomain, ActionType, Protocol, DeviceName, IPAddress, DestinationDeviceName, ReportId",
                    Frequency.NRT, "Sign-in attempt with a deceptive user account",
                    "{{AccountName}} is a decoy account of the deception rule \"" + r.name() + "\": nothing legitimate signs in with it. "
                            + "{{ActionType}} ({{Protocol}}) from {{DeviceName}} {{IPAddress}} to {{DestinationDeviceName}}.",
                    Severity.HIGH, Category.CREDENTIAL_ACCESS, List.of("T1078"), actions, EntityMapping.automatic(), true);
            case CONNECTION -> ips.isEmpty() && hostNames.isEmpty() ? null : new RuleDraft("Deception: " + r.name() + " (connections to decoy hosts)",
                    "DeviceNetworkEvents\n| where " + String.join(" or ", connectionTerms(ips, hostNames)) + "\n"
                            + "| project Timestamp, DeviceId, DeviceName, ActionType, RemoteIP, RemotePort, RemoteUrl, InitiatingProcessFileName, "
                            + "InitiatingProcessAccountName, ReportId",
                    Frequency.NRT, "Connection attempt to a deceptive host",
                    "{{DeviceName}} tried to reach {{RemoteUrl}} {{RemoteIP}}:{{RemotePort}}, a decoy host of the deception rule \"" + r.name()
                            + "\" that no one uses; {{InitiatingProcessFileName}} as {{InitiatingProcessAccountName}}.",
                    Severity.HIGH, Category.LATERAL_MOVEMENT, List.of("T1021", "T1018"), actions, EntityMapping.automatic(), true);
        };
    }

    private static List<String> connectionTerms(List<String> ips, List<String> hostNames) {
        List<String> terms = new ArrayList<>();
        if (!ips.isEmpty()) {
            terms.add("RemoteIP in (" + quoted(ips) + ")");
        }
        if (!hostNames.isEmpty()) {
            terms.add("RemoteUrl has_any (" + quoted(hostNames) + ")");
        }
        return terms;
    }

    /** Decoys are validated to letters, digits and . _ @ $ - : (no quote or backslash), so plain quoting is safe. */
    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
    }

    private static String describe(Rule r) {
        return r.name() + (r.enabled() ? "" : " (off)") + "; accounts " + r.accounts() + "; hosts " + r.hosts();
    }
}
