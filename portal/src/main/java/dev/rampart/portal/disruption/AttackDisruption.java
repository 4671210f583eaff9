package dev.rampart.portal.disruption;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.criticalassets.CriticalAssets;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.notifications.Notifications;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionStatus;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import dev.rampart.portal.response.sensors.SensorRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Automatic attack disruption: incidents that {@link DisruptionPolicy} judges to be attacks in progress get their
 * attacker-controlled devices contained and user accounts disabled at once, without approval, as the response actions
 * of "Attack disruption"; the incident is tagged "Attack disruption". It is off until an administrator turns it on,
 * and only alerts raised after that, in the last day, count. A target is acted on once per incident: its record and
 * its action are written in one transaction. Excluded targets, built-in accounts and critical assets of high or very
 * high criticality are left to an analyst. Analysts release a device or enable an account from the action's page
 * (undo). Changing the setting or the exclusions needs Core security settings (manage) over every device group.
 */
@Service
public class AttackDisruption {
    public static final String TAG = "Attack disruption";
    /** How long after it is raised an alert can still start disruption. */
    static final Duration RECENT = Duration.ofDays(1);
    /** Accounts no automation should disable: the directory's own. */
    static final Set<String> BUILT_IN_ACCOUNTS = Set.of("krbtgt", "administrator", "guest", "defaultaccount");
    private static final Logger log = LoggerFactory.getLogger(AttackDisruption.class);

    /** What an action targets: a device, an account in the directory, or an account's sign-ins on devices (containment). */
    public enum Kind {
        DEVICE("Device"), USER("User"), USER_LOGON("User on devices");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Outcome {
        REQUESTED("Action requested"), EXCLUDED("Excluded"), CRITICAL("Critical asset: left to an analyst"), FAILED("Could not act");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What disruption did to one target of one incident; {@code actionId} is the response action, when one was requested. */
    public record Taken(long id, long incidentId, Kind kind, String key, String target, Outcome outcome, Long actionId, String detail, Instant at) {
    }

    public record Exclusion(Kind kind, String value, String addedBy, Instant addedAt) {
    }

    /** One thing disruption did, with the current status of its response action (null when none was requested). */
    public record Shown(Taken taken, String actionStatus) {
    }

    private final JdbcClient jdbc;
    private final IncidentService incidents;
    private final ResponseActions responses;
    private final CriticalAssets criticalAssets;
    private final SensorRegistry sensors;
    private final Notifications notifications;
    private final AuditLog audit;
    private final AccessPolicy access;
    private final DataScopes scopes;
    private final TransactionTemplate tx;

    AttackDisruption(JdbcClient jdbc, IncidentService incidents, ResponseActions responses, CriticalAssets criticalAssets, SensorRegistry sensors,
                     Notifications notifications, AuditLog audit, AccessPolicy access, DataScopes scopes, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.responses = responses;
        this.criticalAssets = criticalAssets;
        this.sensors = sensors;
        this.notifications = notifications;
        this.audit = audit;
        this.access = access;
        this.scopes = scopes;
        this.tx = tx;
    }

    public boolean enabled() {
        return enabledAt().isPresent();
    }

    /** When it was turned on; empty while off. */
    Optional<Instant> enabledAt() {
        return jdbc.sql("SELECT enabled_at FROM disruption_setting WHERE id = 1 AND enabled").query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
                .optional().map(OffsetDateTime::toInstant);
    }

    /** Whether the principal may change the setting and exclusions: they hold for every device. */
    public boolean canManage() {
        return access.can(Permission.CORE_SECURITY_SETTINGS_MANAGE) && scopes.devicesFor(Permission.CORE_SECURITY_SETTINGS_MANAGE).all();
    }

    private void requireManage() {
        if (!canManage()) {
            throw new AccessDeniedException("Changing attack disruption needs Core security settings (manage) over every device group.");
        }
    }

    public void setEnabled(boolean on) {
        requireManage();
        set(on, AuditLog.currentActor());
        audit.record("attack-disruption." + (on ? "enable" : "disable"), "setting", "attack-disruption", on ? "On" : "Off");
    }

    /** Turns it on for the demonstration organisation, unless a person already chose. */
    void enableForDemo() {
        if (jdbc.sql("SELECT count(*) FROM disruption_setting WHERE id = 1 AND updated_by = 'system'").query(Long.class).single() > 0) {
            set(true, "demo");
        }
    }

    private void set(boolean on, String who) {
        jdbc.sql("UPDATE disruption_setting SET enabled = ?, enabled_at = ?, updated_by = ?, updated_at = ? WHERE id = 1")
                .params(on, on ? now() : null, who, now()).update();
    }

    public List<Exclusion> exclusions() {
        return jdbc.sql("SELECT kind, target, added_by, added_at FROM disruption_exclusion ORDER BY kind, target")
                .query((rs, n) -> new Exclusion(Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant())).list();
    }

    /**
     * Excludes a device (by name, matched by host name) or a user account (UPN, DOMAIN\name or name; matched by any
     * of the account's forms, so an exclusion protects rather more than less) from every automatic action.
     */
    public void exclude(String kind, String value) {
        requireManage();
        Kind k = parseKind(kind);
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.length() > 300) {
            throw InvalidInputException.of("value", v.isEmpty() ? "Name the device or account to exclude." : "At most 300 characters.");
        }
        if (jdbc.sql("SELECT count(*) FROM disruption_exclusion WHERE kind = ? AND target = ?").params(k.name(), v).query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO disruption_exclusion (kind, target, added_by, added_at) VALUES (?, ?, ?, ?)")
                    .params(k.name(), v, AuditLog.currentActor(), now()).update();
            audit.record("attack-disruption.exclude", k.name().toLowerCase(Locale.ROOT), v, "Excluded from automatic attack disruption");
        }
    }

    public void include(String kind, String value) {
        requireManage();
        Kind k = parseKind(kind);
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (jdbc.sql("DELETE FROM disruption_exclusion WHERE kind = ? AND target = ?").params(k.name(), v).update() > 0) {
            audit.record("attack-disruption.include", k.name().toLowerCase(Locale.ROOT), v, "No longer excluded from automatic attack disruption");
        }
    }

    private static Kind parseKind(String kind) {
        String k = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
        // Exclusions name devices or accounts; an excluded account is neither disabled nor contained.
        if (k.equals("DEVICE")) {
            return Kind.DEVICE;
        }
        if (k.equals("USER")) {
            return Kind.USER;
        }
        throw InvalidInputException.of("kind", "Choose device or user.");
    }

    /** A device name as alerts key devices: the host name, or the whole of an IPv4 address. */
    static String hostKey(String deviceName) {
        Evidence e = Evidence.of(EntityType.DEVICE, deviceName, null, List.of());
        return e == null ? "" : e.key();
    }

    /** The forms an account is known by: as written, without its domain prefix, without its UPN suffix. */
    static Set<String> accountForms(String account) {
        String v = account.strip().toLowerCase(Locale.ROOT);
        Set<String> out = new HashSet<>();
        out.add(v);
        String bare = v.substring(v.indexOf('\\') + 1);
        out.add(bare);
        int at = bare.indexOf('@');
        if (at > 0) {
            out.add(bare.substring(0, at));
        }
        return out;
    }

    /** What disruption did for one incident, oldest first. */
    public List<Taken> taken(long incidentId) {
        return load("WHERE incident_id = ? ORDER BY id", List.of(incidentId), 1000);
    }

    /** The latest things disruption did, newest first. */
    public List<Taken> recent(int limit) {
        return load("ORDER BY id DESC", List.of(), limit);
    }

    private List<Taken> load(String tail, List<Object> params, int limit) {
        List<Object> p = new ArrayList<>(params);
        p.add(limit);
        return jdbc.sql("SELECT id, incident_id, target_type, target_key, target, outcome, action_id, detail, created_at FROM disruption_action " + tail
                        + " FETCH FIRST ? ROWS ONLY")
                .params(p).query((rs, n) -> new Taken(rs.getLong(1), rs.getLong(2), Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                        Outcome.valueOf(rs.getString(6)), rs.getObject(7, Long.class), rs.getString(8), rs.getObject(9, OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * {@code taken} as the reader may see it, with each action's status: devices outside the reader's data scope are
     * left out, and so are accounts, unless the reader's scope is every device or {@code visibleUsers} (account forms
     * named by alerts the reader may see) holds them.
     */
    public List<Shown> shown(List<Taken> taken, Set<String> visibleUsers) {
        DeviceFilter devices = scopes.devices();
        List<Taken> seen = taken.stream().filter(t -> t.kind() == Kind.DEVICE ? devices.coversName(t.target())
                : devices.all() || accountForms(t.target()).stream().anyMatch(visibleUsers::contains)).toList();
        Map<Long, String> status = new HashMap<>();
        List<Long> ids = seen.stream().map(Taken::actionId).filter(java.util.Objects::nonNull).toList();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, status FROM response_action WHERE id IN (" + String.join(", ", ids.stream().map(i -> "?").toList()) + ")")
                    .params(new ArrayList<Object>(ids))
                    .query((rs, n) -> status.put(rs.getLong(1), ActionStatus.valueOf(rs.getString(2)).label())).list();
        }
        return seen.stream().map(t -> new Shown(t, t.actionId() == null ? null : status.get(t.actionId()))).toList();
    }

    /** Account forms named by {@code alerts} (for {@link #shown}). */
    public static Set<String> usersNamed(List<Alert> alerts) {
        Set<String> out = new HashSet<>();
        for (Alert a : alerts) {
            for (Evidence e : a.evidence()) {
                if (e.type() == EntityType.USER || e.type() == EntityType.MAILBOX) {
                    out.addAll(accountForms(e.display()));
                }
            }
        }
        return out;
    }

    /**
     * Evaluates the open incidents that received alerts since {@code since} and disrupts those that qualify; returns
     * how many actions were requested. Runs as the portal: every alert counts, whatever a reader's scope.
     */
    public int run(Instant since) {
        Optional<Instant> on = enabledAt();
        if (on.isEmpty()) {
            return 0;
        }
        Instant countFrom = max(on.get(), Instant.now().minus(RECENT));
        List<Long> ids = jdbc.sql("SELECT DISTINCT a.incident_id FROM alert a JOIN incident i ON i.id = a.incident_id WHERE a.created_at >= ? "
                        + "AND a.severity = 'high' AND i.hidden = FALSE AND i.status <> 'resolved' ORDER BY a.incident_id")
                .param(max(since, countFrom).atOffset(ZoneOffset.UTC)).query(Long.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        Context context = new Context(exclusions(), criticalAssets.levelsByHost(),
                sensors.all().stream().anyMatch(s -> !s.revoked() && s.capabilities().contains("identity")));
        int acted = 0;
        for (long id : ids) {
            try {
                acted += SystemIdentity.run(ResponseActions.DISRUPTION_ACTOR, () -> disrupt(id, countFrom, context));
            } catch (RuntimeException e) {
                log.warn("Attack disruption could not evaluate incident {}", id, e);
            }
        }
        return acted;
    }

    private record Context(List<Exclusion> exclusions, Map<String, CriticalAssets.Assigned> critical, boolean identitySensor) {
    }

    private int disrupt(long incidentId, Instant countFrom, Context c) {
        Optional<DisruptionPolicy.Decision> decision = DisruptionPolicy.evaluate(incidents.alertsOf(incidentId), countFrom);
        if (decision.isEmpty()) {
            return 0;
        }
        DisruptionPolicy.Decision d = decision.get();
        String comment = "Automatic attack disruption: incident " + incidentId + " shows " + d.reason();
        comment = comment.length() > 3900 ? comment.substring(0, 3900) : comment + ".";
        List<String> requested = new ArrayList<>();
        for (DisruptionPolicy.Target device : d.devices()) {
            CriticalAssets.Assigned level = c.critical().get(device.key());
            boolean excluded = c.exclusions().stream().anyMatch(x -> x.kind() == Kind.DEVICE && device.key().equals(hostKey(x.value())));
            if (excluded) {
                settle(incidentId, Kind.DEVICE, device, Outcome.EXCLUDED, "Excluded from automatic actions in settings.");
            } else if (level != null && level.level().rank() >= CriticalAssets.Level.HIGH.rank()) {
                settle(incidentId, Kind.DEVICE, device, Outcome.CRITICAL, "Critical asset (" + level.level().label() + ", " + level.source()
                        + "): containing it could cut the organisation off; contain it by hand if needed.");
            } else if (act(incidentId, Kind.DEVICE, device, ActionType.CONTAIN_DEVICE, comment)) {
                requested.add("contain device " + device.display());
            }
        }
        for (DisruptionPolicy.Target user : d.users()) {
            Set<String> forms = accountForms(user.display());
            boolean excluded = c.exclusions().stream().anyMatch(x -> x.kind() == Kind.USER && accountForms(x.value()).stream().anyMatch(forms::contains));
            if (excluded || forms.stream().anyMatch(BUILT_IN_ACCOUNTS::contains)) {
                settle(incidentId, Kind.USER, user, Outcome.EXCLUDED, excluded ? "Excluded from automatic actions in settings."
                        : "A built-in directory account: disabling it could break the domain.");
            } else {
                if (!c.identitySensor()) {
                    settle(incidentId, Kind.USER, user, Outcome.FAILED, "No identity sensor is enrolled to disable accounts; disable it by hand.");
                } else if (act(incidentId, Kind.USER, user, ActionType.DISABLE_USER, comment)) {
                    requested.add("disable user " + user.display());
                }
                // Containment needs no identity sensor: device sensors refuse the account's network sign-ins.
                if (act(incidentId, Kind.USER_LOGON, user, ActionType.CONTAIN_USER, comment)) {
                    requested.add("contain user " + user.display());
                }
            }
        }
        boolean any = !taken(incidentId).stream().filter(t -> t.outcome() == Outcome.REQUESTED).toList().isEmpty();
        if (any) {
            // Idempotent: a run that fails after acting leaves the tag to the next one.
            tx.executeWithoutResult(st -> incidents.addSystemTag(incidentId, TAG, ResponseActions.DISRUPTION_ACTOR, d.reason()));
        }
        if (!requested.isEmpty()) {
            audit.recordAs(ResponseActions.DISRUPTION_ACTOR, "attack-disruption.act", "incident", String.valueOf(incidentId),
                    d.reason() + ": " + String.join("; ", requested));
            // Names stay on the incident page, which shows each reader what their scope holds.
            notifications.toHoldersOf(Permission.RESPONSE_MANAGE, Notifications.Kind.WARNING, "Attack disruption on incident " + incidentId,
                    requested.size() + " containment action" + (requested.size() == 1 ? "" : "s") + " requested without approval.", "/incidents/" + incidentId);
        }
        return requested.size();
    }

    /**
     * Records the target and requests its action in one transaction: the record's uniqueness makes a second run (or a
     * second portal node) skip it, and a failed request leaves no record, so a later run tries again.
     */
    private boolean act(long incidentId, Kind kind, DisruptionPolicy.Target target, ActionType type, String comment) {
        try {
            Boolean done = tx.execute(st -> {
                if (!claim(incidentId, kind, target, Outcome.REQUESTED, type.label() + " requested.")) {
                    return false;
                }
                List<ResponseAction> created = responses.disrupt(new ActionRequest(type, target.display(), null, Map.of(), comment, incidentId, null));
                jdbc.sql("UPDATE disruption_action SET action_id = ?, detail = ? WHERE incident_id = ? AND target_type = ? AND target_key = ?")
                        .params(created.get(0).id(), type.label() + " requested (action " + created.get(0).id() + ").", incidentId, kind.name(), target.key())
                        .update();
                return true;
            });
            return Boolean.TRUE.equals(done);
        } catch (ActionException e) {
            settle(incidentId, kind, target, Outcome.FAILED, type.label() + " could not be requested: " + e.getMessage());
            return false;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false;
        }
    }

    /** Records an outcome without an action, once per incident and target. */
    private void settle(long incidentId, Kind kind, DisruptionPolicy.Target target, Outcome outcome, String detail) {
        try {
            tx.executeWithoutResult(st -> claim(incidentId, kind, target, outcome, detail));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Another run recorded it first.
        }
    }

    /** Inserts the target's record unless one exists (a failed attempt's is replaced); false when it was already settled. */
    private boolean claim(long incidentId, Kind kind, DisruptionPolicy.Target target, Outcome outcome, String detail) {
        Optional<String> before = jdbc.sql("SELECT outcome FROM disruption_action WHERE incident_id = ? AND target_type = ? AND target_key = ?")
                .params(incidentId, kind.name(), target.key()).query(String.class).optional();
        if (before.isPresent() && !before.get().equals(Outcome.FAILED.name())) {
            return false;
        }
        if (before.isPresent()) {
            if (outcome == Outcome.FAILED) {
                return false;
            }
            jdbc.sql("DELETE FROM disruption_action WHERE incident_id = ? AND target_type = ? AND target_key = ?").params(incidentId, kind.name(), target.key())
                    .update();
        }
        jdbc.sql("INSERT INTO disruption_action (incident_id, target_type, target_key, target, outcome, action_id, detail, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, NULL, ?, ?)")
                .params(incidentId, kind.name(), clip(target.key(), 300), clip(target.display(), 300), outcome.name(), clip(detail, 1000), now()).update();
        return true;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    /** How far back the first run after start looks. */
    static final Duration FIRST_LOOK_BACK = RECENT;
}
