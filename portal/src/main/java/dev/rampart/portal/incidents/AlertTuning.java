package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Perms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alert tuning rules: conditions on an alert's title, detector, severity, category and evidence values, with the
 * action hide or resolve. They apply to new alerts only ({@link Correlator} asks {@link #match} before correlating);
 * each rule keeps the list of alerts it caught. Every change is audited.
 */
@Service
public class AlertTuning {
    public static final int MAX_CONDITIONS = 10;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    // Consulted for every new alert; rules change rarely, so they are read once until the next change.
    private volatile List<TuningRule> enabledRules;

    public AlertTuning(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<TuningRule> list() {
        return all();
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public TuningRule get(long id) {
        return find(id).orElseThrow(() -> new IncidentService.NotFoundException("Tuning rule " + id));
    }

    /** Ids of the alerts the rule caught, newest first. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<String> caught(long ruleId, int limit) {
        return jdbc.sql("SELECT alert_id FROM alert_tuning_hit WHERE rule_id = ? ORDER BY caught_at DESC, alert_id LIMIT " + Math.max(1, Math.min(limit, 1000)))
                .param(ruleId).query(String.class).list();
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public TuningRule create(String name, TuningRule.Action action, List<TuningRule.Condition> conditions, String comment) {
        validate(name, action, conditions, comment, 0);
        String who = IncidentService.currentUser();
        OffsetDateTime now = IncidentStore.utc(Instant.now());
        KeyHolder kh = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO alert_tuning_rule (display_name, action_kind, enabled, comment, created_by, created_at, updated_by, updated_at) "
                        + "VALUES (?, ?, TRUE, ?, ?, ?, ?, ?)")
                .params(name.strip(), action.key(), comment == null ? "" : comment.strip(), who, now, who, now).update(kh, "id");
        long id = kh.getKey().longValue();
        writeConditions(id, conditions);
        enabledRules = null;
        audit.record("alert.tuning.create", "alert_tuning_rule", String.valueOf(id), name.strip() + ": " + action.key() + " when "
                + conditions.stream().map(TuningRule.Condition::describe).collect(Collectors.joining(" and ")));
        return find(id).orElseThrow();
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public TuningRule setEnabled(long id, boolean enabled) {
        get(id);
        jdbc.sql("UPDATE alert_tuning_rule SET enabled = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                .params(enabled, IncidentService.currentUser(), IncidentStore.utc(Instant.now()), id).update();
        enabledRules = null;
        audit.record(enabled ? "alert.tuning.enable" : "alert.tuning.disable", "alert_tuning_rule", String.valueOf(id), null);
        return get(id);
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public void delete(long id) {
        TuningRule r = get(id);
        jdbc.sql("DELETE FROM alert_tuning_hit WHERE rule_id = ?").param(id).update();
        jdbc.sql("DELETE FROM alert_tuning_condition WHERE rule_id = ?").param(id).update();
        jdbc.sql("DELETE FROM alert_tuning_rule WHERE id = ?").param(id).update();
        enabledRules = null;
        audit.record("alert.tuning.delete", "alert_tuning_rule", String.valueOf(id), r.name());
    }

    /** The first enabled rule (oldest first) whose conditions all hold for the alert. */
    Optional<TuningRule> match(NewAlert a) {
        List<TuningRule> rules = enabledRules;
        if (rules == null) {
            rules = all().stream().filter(TuningRule::enabled).toList();
            enabledRules = rules;
        }
        return rules.stream().filter(r -> r.matches(a)).findFirst();
    }

    void recordHit(long ruleId, String alertId, Instant at) {
        jdbc.sql("INSERT INTO alert_tuning_hit (rule_id, alert_id, caught_at) VALUES (?, ?, ?)").params(ruleId, alertId, IncidentStore.utc(at)).update();
    }

    private void validate(String name, TuningRule.Action action, List<TuningRule.Condition> conditions, String comment, long self) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidValueException("name", "needs 1 to 200 characters");
        }
        if (jdbc.sql("SELECT count(*) FROM alert_tuning_rule WHERE LOWER(display_name) = LOWER(?) AND id <> ?").params(name.strip(), self)
                .query(Integer.class).single() > 0) {
            throw new InvalidValueException("name", "'" + name.strip() + "' is already used by another tuning rule");
        }
        if (action == null) {
            throw new InvalidValueException("action", "is required (hide or resolve)");
        }
        if (conditions == null || conditions.isEmpty() || conditions.size() > MAX_CONDITIONS) {
            throw new InvalidValueException("conditions", "needs 1 to " + MAX_CONDITIONS + " conditions");
        }
        for (int i = 0; i < conditions.size(); i++) {
            TuningRule.Condition c = conditions.get(i);
            if (!TuningRule.Condition.FIELDS.contains(c.field())) {
                throw new InvalidValueException("conditions[" + i + "].field", "'" + c.field() + "' is not one of " + TuningRule.Condition.FIELDS);
            }
            if (!TuningRule.Condition.OPERATORS.contains(c.operator())) {
                throw new InvalidValueException("conditions[" + i + "].operator", "'" + c.operator() + "' is not one of equals, contains");
            }
            if (c.operand().isEmpty() || c.operand().length() > 1000) {
                throw new InvalidValueException("conditions[" + i + "].value", "needs 1 to 1000 characters");
            }
        }
        if (comment != null && comment.length() > 4000) {
            throw new InvalidValueException("comment", "is longer than 4000 characters");
        }
    }

    private void writeConditions(long id, List<TuningRule.Condition> conditions) {
        int seq = 0;
        for (TuningRule.Condition c : conditions) {
            jdbc.sql("INSERT INTO alert_tuning_condition (rule_id, seq, field, operator, operand) VALUES (?, ?, ?, ?, ?)")
                    .params(id, seq++, c.field(), c.operator(), c.operand()).update();
        }
    }

    private Optional<TuningRule> find(long id) {
        return rules("WHERE r.id = ?", List.of(id)).stream().findFirst();
    }

    private List<TuningRule> all() {
        return rules("", List.of());
    }

    private List<TuningRule> rules(String where, List<Object> params) {
        Map<Long, List<TuningRule.Condition>> conditions = new LinkedHashMap<>();
        jdbc.sql("SELECT rule_id, field, operator, operand FROM alert_tuning_condition ORDER BY rule_id, seq").query(rs -> {
            conditions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TuningRule.Condition(rs.getString(2), rs.getString(3), rs.getString(4)));
        });
        return jdbc.sql("SELECT r.id, r.display_name, r.action_kind, r.enabled, r.comment, r.created_by, r.created_at, r.updated_by, r.updated_at, "
                        + "(SELECT count(*) FROM alert_tuning_hit h WHERE h.rule_id = r.id) AS hits FROM alert_tuning_rule r " + where + " ORDER BY r.id")
                .params(params).query((rs, n) -> rule(rs, conditions)).list();
    }

    private static TuningRule rule(ResultSet rs, Map<Long, List<TuningRule.Condition>> conditions) throws SQLException {
        long id = rs.getLong("id");
        return new TuningRule(id, rs.getString("display_name"), TuningRule.Action.parse(rs.getString("action_kind")), rs.getBoolean("enabled"),
                rs.getString("comment"), conditions.getOrDefault(id, List.of()), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("hits"));
    }
}
