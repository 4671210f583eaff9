package dev.rampart.portal.detection;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Custom detection rules and their run history. Saving validates the query (it must compile and return
 * {@code Timestamp} and a device, user or mailbox column) and the alert template; every change is audited.
 */
@Service
public class DetectionRules implements dev.rampart.portal.hunting.SharedFunctionCallers {
    private static final String COLUMNS = "id, rule_key, built_in, display_name, query_text, frequency, enabled, title, description, severity, "
            + "category, mitre_techniques, recommended_actions, entity_mapping, created_by, created_at, updated_by, updated_at, last_run_at, "
            + "last_run_status, next_run_at, sigma_id, sigma_author, sigma_level, response_actions, device_groups";

    private final JdbcClient jdbc;
    private final AuditLog audit;

    private final java.util.function.Supplier<dev.rampart.kql.FunctionCatalog> functions;
    private final dev.rampart.portal.access.DataScopes scopes;
    private final dev.rampart.portal.access.DeviceGroups groups;

    public DetectionRules(JdbcClient jdbc, AuditLog audit, dev.rampart.portal.hunting.HuntingFunctions functions,
                          dev.rampart.portal.access.DataScopes scopes, dev.rampart.portal.access.DeviceGroups groups) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.functions = functions::sharedCatalog;
        this.scopes = scopes;
        this.groups = groups;
    }

    /** A rule field is invalid; names the field. */
    public static class InvalidRuleException extends RuntimeException {
        private final String field;

        public InvalidRuleException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public record Run(long id, long ruleId, Instant startedAt, long durationMs, String trigger, String status, String errorCode,
                      String message, int rowCount, int alertCount, Instant windowFrom, Instant windowTo) {
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<DetectionRule> list() {
        return all();
    }

    /** The MITRE technique lists (comma-separated) of the enabled rules, one entry per rule. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<String> enabledTechniqueLists() {
        return jdbc.sql("SELECT mitre_techniques FROM detection_rule WHERE enabled = TRUE AND mitre_techniques <> ''").query(String.class).list();
    }

    /** Custom rules whose query names {@code function} (a shared hunting function), as "detection rule 'Name'". */
    @Override
    public List<String> callersOf(String function) {
        return all().stream().filter(r -> !r.builtIn() && names(r.query(), function))
                .map(r -> "detection rule '" + r.name() + "'").toList();
    }

    @Override
    public List<String> failingWith(String function, dev.rampart.kql.FunctionCatalog catalog) {
        List<String> out = new java.util.ArrayList<>();
        for (DetectionRule r : all()) {
            if (r.builtIn() || !names(r.query(), function)) {
                continue;
            }
            try {
                RuleEvaluator.check(r.query(), r.entities(), catalog);
            } catch (RuleEvaluator.RuleRunException e) {
                out.add("detection rule '" + r.name() + "': " + e.getMessage());
            }
        }
        return out;
    }

    static boolean names(String query, String identifier) {
        if (query == null || !query.contains(identifier)) {
            return false;
        }
        try {
            return dev.rampart.kql.lexer.Lexer.tokenize(query).stream()
                    .anyMatch(t -> t.kind() == dev.rampart.kql.lexer.TokenKind.IDENT && t.text().equals(identifier));
        } catch (dev.rampart.kql.diagnostics.KqlException e) {
            return true; // a query that no longer lexes is kept on the safe side
        }
    }

    /** All rules, for the engine (no user needed). */
    List<DetectionRule> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM detection_rule ORDER BY built_in, display_name").query((rs, n) -> rule(rs)).list();
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Optional<DetectionRule> get(long id) {
        return find(id);
    }

    Optional<DetectionRule> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM detection_rule WHERE id = ?").param(id).query((rs, n) -> rule(rs)).optional();
    }

    Optional<DetectionRule> findByKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM detection_rule WHERE rule_key = ?").param(key).query((rs, n) -> rule(rs)).optional();
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<Run> runs(long ruleId, int limit) {
        return jdbc.sql("SELECT id, rule_id, started_at, duration_ms, trigger_kind, status, error_code, message, row_count, alert_count, "
                        + "window_from, window_to FROM detection_run WHERE rule_id = ? ORDER BY id DESC LIMIT " + Math.max(1, Math.min(limit, 500)))
                .param(ruleId)
                .query((rs, n) -> new Run(rs.getLong(1), rs.getLong(2), instant(rs, 3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getInt(9), rs.getInt(10), instant(rs, 11), instant(rs, 12)))
                .list();
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public DetectionRule create(RuleDraft d) {
        return create(d, RuleResponse.NONE);
    }

    /**
     * Creates a rule with automated actions and a device-group scope. The author must hold the permissions each action
     * needs, and an author whose roles cover only some device groups scopes the rule to groups among them.
     */
    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public DetectionRule create(RuleDraft d, RuleResponse response) {
        validate(d, 0);
        validate(d, response);
        String who = user();
        long id = insert("custom-" + java.util.UUID.randomUUID().toString().substring(0, 8), false, d, who);
        writeResponse(id, response);
        audit.record("detection.rule.create", "detection_rule", String.valueOf(id), d.name().strip() + describe(response));
        return find(id).orElseThrow();
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public DetectionRule update(long id, RuleDraft d) {
        DetectionRule r = find(id).orElseThrow(() -> new InvalidRuleException("id", "Rule " + id + " was not found."));
        return update(id, d, r.response());
    }

    /** As {@link #create(RuleDraft, RuleResponse)}, for an existing rule. */
    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public DetectionRule update(long id, RuleDraft d, RuleResponse response) {
        DetectionRule r = find(id).orElseThrow(() -> new InvalidRuleException("id", "Rule " + id + " was not found."));
        requireNotDeception(r);
        validate(d, id);
        // Checked on every change, not only when the actions change: whoever edits a rule (its query above all)
        // decides what its actions hit, so they must be someone who could have set those actions.
        validate(d, response);
        write(id, d, user());
        writeResponse(id, response);
        audit.record("detection.rule.update", "detection_rule", String.valueOf(id), d.name().strip()
                + (r.frequency() != d.frequency() ? "; frequency " + d.frequency().period() : "")
                + (response.equals(r.response()) ? "" : describe(response)));
        return find(id).orElseThrow();
    }

    /** The detections of a deception rule change with it, on its page, and nowhere else. */
    private static void requireNotDeception(DetectionRule r) {
        if (DeceptionRules.generated(r)) {
            throw new InvalidRuleException("id", "The rule '" + r.name() + "' carries out a deception rule; change it in Settings › Deception rules.");
        }
    }

    /** A user whose roles cover only some device groups changes only rules scoped to groups among them. */
    private void requireWithinScope(DetectionRule r) {
        Optional<java.util.Set<Long>> mine = scopes.current().deviceGroups(dev.rampart.portal.access.DataScopes.ENDPOINT);
        if (mine.isPresent() && (r.response().deviceGroups().isEmpty() || !mine.get().containsAll(r.response().deviceGroups()))) {
            throw new InvalidRuleException("deviceGroups", "The rule '" + r.name() + "' runs on "
                    + (r.response().deviceGroups().isEmpty() ? "all devices" : "device groups outside yours")
                    + "; only a user whose roles cover them can turn it on or off or delete it.");
        }
    }

    private void scopeWithin(RuleResponse response, Optional<java.util.Set<Long>> allowed, String who) {
        if (allowed.isEmpty()) {
            return;
        }
        if (response.deviceGroups().isEmpty()) {
            throw new InvalidRuleException("deviceGroups", who + " only some device groups; scope the rule to groups among them.");
        }
        for (long g : response.deviceGroups()) {
            if (!allowed.get().contains(g)) {
                throw new InvalidRuleException("deviceGroups", "Device group " + groups.require(g).name() + " is outside the groups "
                        + Character.toLowerCase(who.charAt(0)) + who.substring(1) + ".");
            }
        }
    }

    private static RuleDraft draftOf(DetectionRule r) {
        return new RuleDraft(r.name(), r.query(), r.frequency(), r.title(), r.description(), r.severity(), r.category(), r.mitreTechniques(),
                r.recommendedActions(), r.entities(), r.enabled());
    }

    private void writeResponse(long id, RuleResponse response) {
        jdbc.sql("UPDATE detection_rule SET response_actions = ?, device_groups = ? WHERE id = ?")
                .params(response.formatActions(), response.formatGroups(), id).update();
    }

    private static String describe(RuleResponse r) {
        return "; actions [" + String.join(", ", r.actions().stream().map(RuleResponse.Action::label).toList()) + "]; device groups "
                + (r.deviceGroups().isEmpty() ? "all" : r.deviceGroups().toString());
    }

    private void validate(RuleDraft d, RuleResponse response) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        for (RuleResponse.Action a : response.actions()) {
            for (dev.rampart.portal.access.Permission p : a.type().needs()) {
                if (!dev.rampart.portal.access.AccessPolicy.can(auth, p)) {
                    throw new InvalidRuleException("actions", a.type().label() + " needs the " + p.label() + " ("
                            + p.level().name().toLowerCase(java.util.Locale.ROOT) + ") permission, which your roles do not grant.");
                }
            }
        }
        for (long g : response.deviceGroups()) {
            if (groups.find(g).isEmpty()) {
                throw new InvalidRuleException("deviceGroups", "There is no device group " + g + ".");
            }
        }
        // An author who sees only some device groups writes rules that look only there; one whose permission for an
        // action covers only some groups scopes the rule to groups among those.
        scopeWithin(response, scopes.current().deviceGroups(dev.rampart.portal.access.DataScopes.ENDPOINT), "Your roles cover");
        for (RuleResponse.Action a : response.actions()) {
            for (dev.rampart.portal.access.Permission p : a.type().needs()) {
                scopeWithin(response, scopes.current(p).deviceGroups(dev.rampart.portal.access.DataScopes.ENDPOINT),
                        "Your " + p.label() + " (" + p.level().name().toLowerCase(java.util.Locale.ROOT) + ") permission for " + a.type().label() + " covers");
            }
        }
        // Rules act as the portal: what no scope check can stop at run time is checked against the author now.
        for (RuleResponse.Action a : response.actions()) {
            if (a.type().target() == dev.rampart.portal.response.TargetType.EMAIL
                    && !scopes.eventFilters(dev.rampart.portal.access.Permission.RESPONSE_MANAGE).on("EmailEvents").alwaysTrue()) {
                throw new InvalidRuleException("actions", a.type().label() + " acts on mailboxes, which your roles with Response (manage) do not cover.");
            }
            if (a.type() == dev.rampart.portal.response.ActionType.CONTAIN_USER
                    && (!response.deviceGroups().isEmpty() || !scopes.devicesFor(dev.rampart.portal.access.Permission.RESPONSE_MANAGE).all())) {
                throw new InvalidRuleException("actions", "Contain user applies on every device: it needs Response (manage) on all devices and a rule "
                        + "without a device-group scope.");
            }
        }
        if (response.actions().isEmpty()) {
            return;
        }
        List<String> columns = RuleEvaluator.check(d.query(), d.entities(), functions.get()).stream()
                .map(dev.rampart.portal.hunting.QueryExecutor.OutputColumn::name).toList();
        for (RuleResponse.Action a : response.actions()) {
            for (var role : dev.rampart.portal.response.HuntingActions.rolesOf(a.type())) {
                if (role.columns().stream().noneMatch(columns::contains)) {
                    throw new InvalidRuleException("actions", a.type().label() + " needs the query to return " + String.join(" or ", role.columns())
                            + " (the " + role.label().toLowerCase(java.util.Locale.ROOT) + " of each alert).");
                }
            }
        }
    }

    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public DetectionRule setEnabled(long id, boolean enabled) {
        find(id).ifPresent(DetectionRules::requireNotDeception);
        DetectionRule r = find(id).orElseThrow(() -> new InvalidRuleException("id", "Rule " + id + " was not found."));
        requireWithinScope(r);
        if (enabled && !r.response().equals(RuleResponse.NONE)) {
            validate(draftOf(r), r.response());
        }
        jdbc.sql("UPDATE detection_rule SET enabled = ?, updated_by = ?, updated_at = ?, next_run_at = NULL WHERE id = ?")
                .params(enabled, user(), now(), id).update();
        audit.record(enabled ? "detection.rule.enable" : "detection.rule.disable", "detection_rule", String.valueOf(id), null);
        return find(id).orElseThrow();
    }

    /**
     * Deletes a custom rule with its run history and its record of events already alerted on; alerts it raised stay.
     * Built-in rules are turned off instead.
     */
    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public void delete(long id) {
        DetectionRule r = find(id).orElseThrow(() -> new InvalidRuleException("id", "Rule " + id + " was not found."));
        if (r.builtIn()) {
            throw new InvalidRuleException("id", "Built-in rules are turned off, not deleted.");
        }
        requireWithinScope(r);
        jdbc.sql("DELETE FROM detection_alert_key WHERE rule_id = ?").param(id).update();
        jdbc.sql("DELETE FROM detection_run WHERE rule_id = ?").param(id).update();
        jdbc.sql("DELETE FROM detection_rule WHERE id = ?").param(id).update();
        audit.record("detection.rule.delete", "detection_rule", String.valueOf(id), r.name());
    }

    /** Removes the built-in rule {@code key} if it exists (a deception rule deleted, turned off or emptied); its alerts stay. */
    @Transactional
    void removeBuiltIn(String key) {
        findByKey(key).filter(DetectionRule::builtIn).ifPresent(r -> {
            jdbc.sql("DELETE FROM detection_alert_key WHERE rule_id = ?").param(r.id()).update();
            jdbc.sql("DELETE FROM detection_run WHERE rule_id = ?").param(r.id()).update();
            jdbc.sql("DELETE FROM detection_rule WHERE id = ?").param(r.id()).update();
            audit.recordAs("Rampart", "detection.rule.remove", "detection_rule", String.valueOf(r.id()), r.name());
        });
    }

    /** Turns the built-in rule {@code key} on or off, if it exists. */
    @Transactional
    void setBuiltInEnabled(String key, boolean enabled) {
        findByKey(key).filter(r -> r.builtIn() && r.enabled() != enabled).ifPresent(r -> {
            jdbc.sql("UPDATE detection_rule SET enabled = ?, updated_by = ?, updated_at = ? WHERE id = ?").params(enabled, "Rampart", now(), r.id()).update();
            audit.recordAs("Rampart", enabled ? "detection.rule.enable" : "detection.rule.disable", "detection_rule", String.valueOf(r.id()), r.name());
        });
    }

    /** Creates or refreshes a built-in rule by key, keeping whether an administrator turned it off. */
    @Transactional
    void upsertBuiltIn(String key, RuleDraft d) {
        Optional<DetectionRule> existing = findByKey(key);
        if (existing.isEmpty()) {
            long id = insert(key, true, d, "Rampart");
            audit.recordAs("Rampart", "detection.rule.install", "detection_rule", String.valueOf(id), d.name());
        } else {
            DetectionRule r = existing.get();
            boolean changed = !r.query().equals(d.query()) || !r.title().equals(d.title()) || r.severity() != d.severity()
                    || r.frequency() != d.frequency() || !r.name().equals(d.name()) || !r.description().equals(d.description())
                    || !r.entities().format().equals(d.entities().format()) || r.category() != d.category()
                    || !r.mitreTechniques().equals(d.mitreTechniques()) || !r.recommendedActions().equals(d.recommendedActions());
            if (changed) {
                write(r.id(), new RuleDraft(d.name(), d.query(), d.frequency(), d.title(), d.description(), d.severity(), d.category(),
                        d.mitreTechniques(), d.recommendedActions(), d.entities(), r.enabled()), "Rampart");
                audit.recordAs("Rampart", "detection.rule.upgrade", "detection_rule", String.valueOf(r.id()), d.name());
            }
        }
    }

    Optional<DetectionRule> findBySigmaId(String sigmaId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM detection_rule WHERE sigma_id = ?").param(sigmaId).query((rs, n) -> rule(rs)).optional();
    }

    /**
     * Creates the detection rule of an imported Sigma rule, or refreshes it (keeping whether it is on) when the Sigma
     * rule was imported before. A display name already used by another rule gets the Sigma id appended.
     *
     * @throws InvalidRuleException when the generated rule is not a valid detection (e.g. no device or user column)
     */
    @Transactional
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    public DetectionRule upsertSigma(String sigmaId, String author, String level, RuleDraft d) {
        Optional<DetectionRule> existing = findBySigmaId(sigmaId);
        long self = existing.map(DetectionRule::id).orElse(0L);
        Integer clash = jdbc.sql("SELECT count(*) FROM detection_rule WHERE LOWER(display_name) = LOWER(?) AND id <> ?")
                .params(d.name().strip(), self).query(Integer.class).single();
        RuleDraft named = clash == 0 ? d : new RuleDraft(clip(d.name().strip(), 185) + " [" + sigmaId.substring(0, Math.min(8, sigmaId.length())) + "]",
                d.query(), d.frequency(), d.title(), d.description(), d.severity(), d.category(), d.mitreTechniques(), d.recommendedActions(),
                d.entities(), existing.map(DetectionRule::enabled).orElse(d.enabled()));
        if (existing.isPresent()) {
            named = new RuleDraft(named.name(), named.query(), named.frequency(), named.title(), named.description(), named.severity(),
                    named.category(), named.mitreTechniques(), named.recommendedActions(), named.entities(), existing.get().enabled());
        }
        validate(named, self);
        if (existing.isPresent() && !existing.get().response().equals(RuleResponse.NONE)) {
            validate(named, existing.get().response());
        }
        String who = user();
        long id;
        if (existing.isPresent()) {
            id = self;
            write(id, named, who);
            audit.record("detection.rule.update", "detection_rule", String.valueOf(id), named.name() + " (Sigma " + sigmaId + ")");
        } else {
            id = insert("sigma-" + sigmaId.toLowerCase(java.util.Locale.ROOT), false, named, who);
            audit.record("detection.rule.create", "detection_rule", String.valueOf(id), named.name() + " (Sigma " + sigmaId + ")"
                    + (named.enabled() ? ", on" : ", off"));
        }
        jdbc.sql("UPDATE detection_rule SET sigma_id = ?, sigma_author = ?, sigma_level = ? WHERE id = ?")
                .params(sigmaId, clip(author, 500), clip(level, 20), id).update();
        return find(id).orElseThrow();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private long insert(String key, boolean builtIn, RuleDraft d, String who) {
        KeyHolder kh = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO detection_rule (rule_key, built_in, display_name, query_text, frequency, enabled, title, description, severity, "
                        + "category, mitre_techniques, recommended_actions, entity_mapping, created_by, created_at, updated_by, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key, builtIn, d.name().strip(), d.query(), d.frequency().name(), d.enabled(), d.title().strip(), nz(d.description()),
                        d.severity().graph(), d.category().graph(), String.join(",", d.mitreTechniques()), nz(d.recommendedActions()),
                        d.entities().format(), who, now, who, now)
                .update(kh, "id");
        return kh.getKey().longValue();
    }

    private void write(long id, RuleDraft d, String who) {
        jdbc.sql("UPDATE detection_rule SET display_name = ?, query_text = ?, frequency = ?, enabled = ?, title = ?, description = ?, severity = ?, "
                        + "category = ?, mitre_techniques = ?, recommended_actions = ?, entity_mapping = ?, updated_by = ?, updated_at = ?, "
                        + "next_run_at = NULL WHERE id = ?")
                .params(d.name().strip(), d.query(), d.frequency().name(), d.enabled(), d.title().strip(), nz(d.description()), d.severity().graph(),
                        d.category().graph(), String.join(",", d.mitreTechniques()), nz(d.recommendedActions()), d.entities().format(), who, now(), id)
                .update();
    }

    private void validate(RuleDraft d, long selfId) {
        if (d.name() == null || d.name().isBlank() || d.name().strip().length() > 200) {
            throw new InvalidRuleException("name", "Detection name needs 1 to 200 characters.");
        }
        Integer same = jdbc.sql("SELECT count(*) FROM detection_rule WHERE LOWER(display_name) = LOWER(?) AND id <> ?")
                .params(d.name().strip(), selfId).query(Integer.class).single();
        if (same > 0) {
            throw new InvalidRuleException("name", "A rule named '" + d.name().strip() + "' already exists; detection names are unique.");
        }
        if (d.title() == null || d.title().isBlank() || d.title().length() > 500) {
            throw new InvalidRuleException("title", "Alert title needs 1 to 500 characters.");
        }
        if (d.frequency() == null) {
            throw new InvalidRuleException("frequency", "Frequency is required.");
        }
        if (d.severity() == null) {
            throw new InvalidRuleException("severity", "Severity is required.");
        }
        if (d.category() == null) {
            throw new InvalidRuleException("category", "Category is required.");
        }
        for (String t : d.mitreTechniques()) {
            if (!t.matches("T\\d{4}(\\.\\d{3})?")) {
                throw new InvalidRuleException("mitreTechniques", "'" + t + "' is not a MITRE ATT&CK technique id like T1059 or T1059.001.");
            }
        }
        if (d.description() != null && d.description().length() > 4000) {
            throw new InvalidRuleException("description", "Description is longer than 4000 characters.");
        }
        if (d.recommendedActions() != null && d.recommendedActions().length() > 4000) {
            throw new InvalidRuleException("recommendedActions", "Recommended actions are longer than 4000 characters.");
        }
        try {
            RuleEvaluator.check(d.query(), d.entities(), functions.get());
        } catch (RuleEvaluator.RuleRunException e) {
            throw new InvalidRuleException("query", e.getMessage());
        }
    }

    // -------------------------------------------------------------- used by the engine

    void recordRun(long ruleId, Instant started, long durationMs, String trigger, String status, String errorCode, String message, int rows,
                   int alerts, Instant from, Instant to, Instant nextRun) {
        jdbc.sql("INSERT INTO detection_run (rule_id, started_at, duration_ms, trigger_kind, status, error_code, message, row_count, alert_count, "
                        + "window_from, window_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(ruleId, utc(started), durationMs, trigger, status, errorCode, message == null ? null : message.length() > 2000
                        ? message.substring(0, 2000) : message, rows, alerts, utc(from), utc(to))
                .update();
        jdbc.sql("UPDATE detection_rule SET last_run_at = ?, last_run_status = ?, next_run_at = ? WHERE id = ?")
                .params(utc(started), status, utc(nextRun), ruleId).update();
    }

    /** Ids of alerts the rule raised (those whose events are remembered), at most {@code limit}. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<String> alertIds(long ruleId, int limit) {
        // Alert ids sort by their creation time (a time-ordered prefix), so the newest come first.
        return jdbc.sql("SELECT alert_id FROM detection_alert_key WHERE rule_id = ? GROUP BY alert_id ORDER BY alert_id DESC LIMIT " + Math.max(1, limit))
                .param(ruleId).query(String.class).list();
    }

    /** True if the hash was not yet recorded (and records it). */
    boolean claimEvent(long ruleId, String hash, String alertId) {
        Integer n = jdbc.sql("SELECT count(*) FROM detection_alert_key WHERE rule_id = ? AND event_hash = ?").params(ruleId, hash)
                .query(Integer.class).single();
        if (n > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO detection_alert_key (rule_id, event_hash, alert_id) VALUES (?, ?, ?)").params(ruleId, hash, alertId).update();
        return true;
    }

    boolean seen(long ruleId, String hash) {
        return jdbc.sql("SELECT count(*) FROM detection_alert_key WHERE rule_id = ? AND event_hash = ?").params(ruleId, hash)
                .query(Integer.class).single() > 0;
    }

    private static DetectionRule rule(ResultSet rs) throws SQLException {
        String mitre = rs.getString("mitre_techniques");
        return new DetectionRule(rs.getLong("id"), rs.getString("rule_key"), rs.getBoolean("built_in"), rs.getString("display_name"),
                rs.getString("query_text"), Frequency.valueOf(rs.getString("frequency")), rs.getBoolean("enabled"), rs.getString("title"),
                rs.getString("description"), Severity.parse(rs.getString("severity")), Category.parse(rs.getString("category")),
                mitre == null || mitre.isEmpty() ? List.of() : Arrays.asList(mitre.split(",")), rs.getString("recommended_actions"),
                EntityMapping.parse(rs.getString("entity_mapping")), rs.getString("created_by"), instant(rs, "created_at"),
                rs.getString("updated_by"), instant(rs, "updated_at"), instant(rs, "last_run_at"), rs.getString("last_run_status"),
                instant(rs, "next_run_at"), rs.getString("sigma_id"), rs.getString("sigma_author"), rs.getString("sigma_level"),
                RuleResponse.parse(rs.getString("response_actions"), rs.getString("device_groups")));
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }

    static String user() {
        var a = SecurityContextHolder.getContext().getAuthentication();
        return a == null ? "system" : a.getName();
    }
}
