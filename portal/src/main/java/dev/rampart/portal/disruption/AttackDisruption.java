package dev.rampart.portal.disruption;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.criticalassets.CriticalAssets;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.notifications.Notifications;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * of "Attack disruption"; the incident is tagged "Attack disruption". A device or account is acted on once per
 * incident; excluded ones and critical assets of high or very high criticality are left for an analyst (the reference
 * contains those only partially, which Rampart cannot do). Analysts release a device or enable an account from the
 * action's page (undo). Turning it off or editing exclusions needs Core security settings (manage).
 */
@Service
public class AttackDisruption {
    public static final String TAG = "Attack disruption";
    private static final Logger log = LoggerFactory.getLogger(AttackDisruption.class);

    public enum Kind { DEVICE, USER }

    public enum Outcome {
        REQUESTED("Action requested"), EXCLUDED("Excluded"), CRITICAL("Critical asset: left to an analyst"), FAILED("Failed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What disruption did to one target of one incident; {@code actionId} is the response action, when one was requested. */
    public record Taken(long id, long incidentId, Kind kind, String target, Outcome outcome, Long actionId, String detail, Instant at) {
    }

    public record Exclusion(Kind kind, String value, String addedBy, Instant addedAt) {
    }

    private final JdbcClient jdbc;
    private final IncidentService incidents;
    private final ResponseActions responses;
    private final CriticalAssets criticalAssets;
    private final Notifications notifications;
    private final AuditLog audit;
    private final AccessPolicy access;
    private final TransactionTemplate tx;

    AttackDisruption(JdbcClient jdbc, IncidentService incidents, ResponseActions responses, CriticalAssets criticalAssets, Notifications notifications,
                     AuditLog audit, AccessPolicy access, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.responses = responses;
        this.criticalAssets = criticalAssets;
        this.notifications = notifications;
        this.audit = audit;
        this.access = access;
        this.tx = tx;
    }

    public boolean enabled() {
        return jdbc.sql("SELECT enabled FROM disruption_setting WHERE id = 1").query(Boolean.class).optional().orElse(false);
    }

    public boolean canManage() {
        return access.can(Permission.CORE_SECURITY_SETTINGS_MANAGE);
    }

    private void requireManage() {
        if (!canManage()) {
            throw new AccessDeniedException("Changing attack disruption needs Core security settings (manage).");
        }
    }

    public void setEnabled(boolean on) {
        requireManage();
        jdbc.sql("UPDATE disruption_setting SET enabled = ?, updated_by = ?, updated_at = ? WHERE id = 1")
                .params(on, AuditLog.currentActor(), now()).update();
        audit.record("attack-disruption." + (on ? "enable" : "disable"), "setting", "attack-disruption", on ? "On" : "Off");
    }

    public List<Exclusion> exclusions() {
        return jdbc.sql("SELECT kind, target, added_by, added_at FROM disruption_exclusion ORDER BY kind, target")
                .query((rs, n) -> new Exclusion(Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant())).list();
    }

    /** Excludes a device (by name) or a user account (UPN or name) from every automatic action; matched in any case. */
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
        try {
            return Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("kind", "Choose device or user.");
        }
    }

    /** One thing disruption did, with the current status of its response action (null when none was requested). */
    public record Shown(Taken taken, String actionStatus) {
    }

    public List<Shown> shown(List<Taken> taken) {
        return taken.stream().map(t -> new Shown(t, t.actionId() == null ? null
                : responses.find(t.actionId()).map(a -> a.status().label()).orElse(null))).toList();
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
        return jdbc.sql("SELECT id, incident_id, target_type, target, outcome, action_id, detail, created_at FROM disruption_action " + tail)
                .params(params).query((rs, n) -> new Taken(rs.getLong(1), rs.getLong(2), Kind.valueOf(rs.getString(3)), rs.getString(4),
                        Outcome.valueOf(rs.getString(5)), rs.getObject(6, Long.class), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant()))
                .list().stream().limit(limit).toList();
    }

    /**
     * Evaluates the open incidents updated since {@code since} and disrupts those that qualify; returns how many
     * targets were acted on. Runs as the portal: every alert counts, whatever a reader's scope.
     */
    public int run(Instant since) {
        if (!enabled()) {
            return 0;
        }
        List<Long> ids = jdbc.sql("SELECT id FROM incident WHERE hidden = FALSE AND status <> 'resolved' AND last_update_at >= ? ORDER BY id")
                .param(since.atOffset(ZoneOffset.UTC)).query(Long.class).list();
        int acted = 0;
        for (long id : ids) {
            try {
                acted += SystemIdentity.run(ResponseActions.DISRUPTION_ACTOR, () -> disrupt(id));
            } catch (RuntimeException e) {
                log.warn("Attack disruption could not evaluate incident {}", id, e);
            }
        }
        return acted;
    }

    private int disrupt(long incidentId) {
        List<Alert> alerts = incidents.alertsOf(incidentId);
        Optional<DisruptionPolicy.Decision> decision = DisruptionPolicy.evaluate(alerts);
        if (decision.isEmpty()) {
            return 0;
        }
        DisruptionPolicy.Decision d = decision.get();
        Set<String> done = new java.util.HashSet<>();
        taken(incidentId).forEach(t -> done.add(t.kind() + "|" + t.target().toLowerCase(Locale.ROOT)));
        Set<String> excluded = new java.util.HashSet<>();
        exclusions().forEach(x -> excluded.add(x.kind() + "|" + x.value()));
        Map<String, CriticalAssets.Assigned> critical = criticalAssets.levelsByHost();
        String comment = "Automatic attack disruption: incident " + incidentId + " shows " + d.reason() + ".";
        List<String> summary = new ArrayList<>();
        for (String device : d.devices()) {
            if (done.contains(Kind.DEVICE + "|" + device.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String host = device.toLowerCase(Locale.ROOT).split("\\.", 2)[0];
            CriticalAssets.Assigned level = critical.get(host);
            if (excluded.contains(Kind.DEVICE + "|" + device.toLowerCase(Locale.ROOT)) || excluded.contains(Kind.DEVICE + "|" + host)) {
                record(incidentId, Kind.DEVICE, device, Outcome.EXCLUDED, null, "Excluded from automatic actions in settings.");
            } else if (level != null && level.level().rank() >= CriticalAssets.Level.HIGH.rank()) {
                record(incidentId, Kind.DEVICE, device, Outcome.CRITICAL, null, "Critical asset (" + level.level().label() + ", " + level.source()
                        + "): containing it would cut the organisation off; contain it by hand if needed.");
            } else {
                summary.add(act(incidentId, Kind.DEVICE, device, ActionType.CONTAIN_DEVICE, comment));
            }
        }
        for (String user : d.users()) {
            String u = user.toLowerCase(Locale.ROOT);
            if (done.contains(Kind.USER + "|" + u)) {
                continue;
            }
            if (excluded.contains(Kind.USER + "|" + u) || excluded.contains(Kind.USER + "|" + u.split("@", 2)[0])) {
                record(incidentId, Kind.USER, user, Outcome.EXCLUDED, null, "Excluded from automatic actions in settings.");
            } else {
                summary.add(act(incidentId, Kind.USER, user, ActionType.DISABLE_USER, comment));
            }
        }
        summary.removeIf(java.util.Objects::isNull);
        if (!summary.isEmpty()) {
            tx.executeWithoutResult(st -> incidents.addSystemTag(incidentId, TAG, ResponseActions.DISRUPTION_ACTOR, String.join("; ", summary)));
            audit.recordAs(ResponseActions.DISRUPTION_ACTOR, "attack-disruption.act", "incident", String.valueOf(incidentId),
                    d.reason() + ": " + String.join("; ", summary));
            notifications.toHoldersOf(Permission.SECURITY_DATA_READ, Notifications.Kind.WARNING, "Attack disruption on incident " + incidentId,
                    String.join("; ", summary), "/incidents/" + incidentId);
        }
        return summary.size();
    }

    /** Requests one action; returns its summary, or null when it could not be requested (recorded as failed). */
    private String act(long incidentId, Kind kind, String target, ActionType type, String comment) {
        try {
            List<ResponseAction> created = tx.execute(st -> responses.disrupt(new ActionRequest(type, target, null, Map.of(), comment, incidentId, null)));
            ResponseAction a = created.get(0);
            record(incidentId, kind, target, Outcome.REQUESTED, a.id(), type.label() + " requested (action " + a.id() + ").");
            return type.label() + " " + target;
        } catch (ActionException e) {
            record(incidentId, kind, target, Outcome.FAILED, null, type.label() + " could not be requested: " + e.getMessage());
            return null;
        }
    }

    private void record(long incidentId, Kind kind, String target, Outcome outcome, Long actionId, String detail) {
        jdbc.sql("INSERT INTO disruption_action (incident_id, target_type, target, outcome, action_id, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(incidentId, kind.name(), target.length() > 300 ? target.substring(0, 300) : target, outcome.name(), actionId,
                        detail.length() > 1000 ? detail.substring(0, 1000) : detail, now()).update();
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }

    /** How far back the first run after start looks. */
    static final Duration FIRST_LOOK_BACK = Duration.ofDays(1);
}
