package dev.rampart.portal.response.indicators;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.incidents.InvalidValueException;
import dev.rampart.portal.incidents.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Indicators of compromise and allow entries (Settings &gt; Indicators): create, edit, expire, CSV import, and the
 * active set that IOC matching and sensors apply. One indicator per (type, value); at most 15,000 per installation.
 */
@Service
public class Indicators {
    public static final int LIMIT = 15_000;
    private static final String COLUMNS = "id, indicator_type, indicator_value, action, generate_alert, title, description, severity, "
            + "recommended_actions, scope, expires_at, source, created_by, created_at, updated_by, updated_at, device_groups";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final DeviceGroups groups;

    public Indicators(JdbcClient jdbc, AuditLog audit, DeviceGroups groups) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.groups = groups;
    }

    /** A page of indicators: newest first, optionally only active ones and those whose value or title contains {@code text}. */
    public List<Indicator> list(String text, IndicatorType type, boolean activeOnly, int limit, int offset) {
        List<Object> p = new ArrayList<>();
        String where = where(text, type, activeOnly, p);
        p.add(limit);
        p.add(offset);
        return jdbc.sql("SELECT " + COLUMNS + " FROM indicator" + where + " ORDER BY id DESC LIMIT ? OFFSET ?").params(p).query(Indicators::row).list();
    }

    public long count(String text, IndicatorType type, boolean activeOnly) {
        List<Object> p = new ArrayList<>();
        return jdbc.sql("SELECT count(*) FROM indicator" + where(text, type, activeOnly, p)).params(p).query(Long.class).single();
    }

    private static String where(String text, IndicatorType type, boolean activeOnly, List<Object> p) {
        List<String> parts = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            parts.add("(LOWER(indicator_value) LIKE ? OR LOWER(title) LIKE ?)");
            String like = "%" + text.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
            p.add(like);
            p.add(like);
        }
        if (type != null) {
            parts.add("indicator_type = ?");
            p.add(type.name());
        }
        if (activeOnly) {
            parts.add("(expires_at IS NULL OR expires_at > ?)");
            p.add(OffsetDateTime.now(ZoneOffset.UTC));
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    public Optional<Indicator> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM indicator WHERE id = ?").param(id).query(Indicators::row).optional();
    }

    public Optional<Indicator> find(IndicatorType type, String value) {
        String v = type.normalise(value);
        return v == null ? Optional.empty()
                : jdbc.sql("SELECT " + COLUMNS + " FROM indicator WHERE indicator_type = ? AND indicator_value = ?").params(type.name(), v)
                .query(Indicators::row).optional();
    }

    /** Every indicator in force now (not expired). */
    public List<Indicator> active() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM indicator WHERE expires_at IS NULL OR expires_at > ? ORDER BY id")
                .param(OffsetDateTime.now(ZoneOffset.UTC)).query(Indicators::row).list();
    }

    /** Creates an indicator, or replaces the settings of the one with the same type and value. */
    @Transactional
    public Indicator save(IndicatorDraft d, String source) {
        Parsed p = parse(d, 0);
        Optional<Indicator> existing = find(p.type, p.value);
        if (existing.isPresent()) {
            return update(existing.get().id(), d);
        }
        if (count(null, null, false) >= LIMIT) {
            throw new IndicatorException("value", "the limit of " + LIMIT + " indicators is reached; expire or delete some first", 0, 409);
        }
        String who = currentUser();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO indicator (indicator_type, indicator_value, action, generate_alert, title, description, severity, recommended_actions, "
                        + "scope, expires_at, source, created_by, created_at, updated_by, updated_at, device_groups) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.type.name(), p.value, p.action.name(), p.generateAlert, p.title, p.description, p.severity.name(), p.recommended,
                        p.scope, p.expires, source, who, now, who, now, p.deviceGroups)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("indicator.create", "indicator", String.valueOf(id), p.type.label() + " " + p.value + " -> " + p.action.label()
                + (source == null ? "" : " (from " + source + ")"));
        return find(id).orElseThrow();
    }

    @Transactional
    public Indicator update(long id, IndicatorDraft d) {
        Indicator old = find(id).orElseThrow(() -> new IndicatorException("id", "no indicator " + id, 0, 404));
        Parsed p = parse(d, 0);
        if (p.type != old.type() || !p.value.equals(old.value())) {
            Optional<Indicator> clash = find(p.type, p.value);
            if (clash.isPresent() && clash.get().id() != id) {
                throw new IndicatorException("value", "indicator " + clash.get().id() + " already has this " + p.type.label(), 0, 409);
            }
        }
        jdbc.sql("UPDATE indicator SET indicator_type = ?, indicator_value = ?, action = ?, generate_alert = ?, title = ?, description = ?, "
                        + "severity = ?, recommended_actions = ?, scope = ?, expires_at = ?, device_groups = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                .params(p.type.name(), p.value, p.action.name(), p.generateAlert, p.title, p.description, p.severity.name(), p.recommended,
                        p.scope, p.expires, p.deviceGroups, currentUser(), OffsetDateTime.now(ZoneOffset.UTC), id).update();
        audit.record("indicator.update", "indicator", String.valueOf(id), p.type.label() + " " + p.value + " -> " + p.action.label());
        return find(id).orElseThrow();
    }

    /** Ends the indicator now; it stays listed (expired) for the record. */
    @Transactional
    public Indicator expire(long id) {
        Indicator old = find(id).orElseThrow(() -> new IndicatorException("id", "no indicator " + id, 0, 404));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("UPDATE indicator SET expires_at = ?, updated_by = ?, updated_at = ? WHERE id = ?").params(now, currentUser(), now, id).update();
        audit.record("indicator.expire", "indicator", String.valueOf(id), old.type().label() + " " + old.value());
        return find(id).orElseThrow();
    }

    @Transactional
    public void delete(long id) {
        Indicator old = find(id).orElseThrow(() -> new IndicatorException("id", "no indicator " + id, 0, 404));
        jdbc.sql("DELETE FROM indicator_match WHERE indicator_id = ?").param(id).update();
        jdbc.sql("DELETE FROM indicator WHERE id = ?").param(id).update();
        audit.record("indicator.delete", "indicator", String.valueOf(id), old.type().label() + " " + old.value());
    }

    /**
     * Imports indicators from CSV with the header {@code IndicatorType,IndicatorValue,ExpirationTime,Action,Severity,Title,
     * Description,RecommendedActions,Scope,RbacGroups,GenerateAlert} (the reference's template; columns matched by name, any order,
     * only the first two and Action required). {@code RbacGroups} (or {@code DeviceGroups}) names device groups, separated
     * by semicolons or commas. All or nothing: the first bad line is reported and nothing is stored.
     */
    @Transactional
    public int importCsv(String csv) {
        List<List<String>> rows = IndicatorCsv.parse(csv);
        if (rows.isEmpty()) {
            throw new IndicatorException("file", "is empty; the first line must be the header", 1, 400);
        }
        List<String> header = rows.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int iType = header.indexOf("indicatortype");
        int iValue = header.indexOf("indicatorvalue");
        int iAction = header.indexOf("action");
        if (iType < 0 || iValue < 0 || iAction < 0) {
            throw new IndicatorException("header", "must name IndicatorType, IndicatorValue and Action columns; got " + rows.get(0), 1, 400);
        }
        List<IndicatorDraft> drafts = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.stream().allMatch(String::isBlank)) {
                continue;
            }
            IndicatorDraft d = new IndicatorDraft(col(r, iType), col(r, iValue), col(r, iAction),
                    bool(col(r, header.indexOf("generatealert"))), col(r, header.indexOf("title")), col(r, header.indexOf("description")),
                    col(r, header.indexOf("severity")), col(r, header.indexOf("recommendedactions")), col(r, header.indexOf("scope")),
                    col(r, header.indexOf("expirationtime")), groupsColumn(col(r, Math.max(header.indexOf("rbacgroups"), header.indexOf("devicegroups")))));
            parse(d, i + 1);
            drafts.add(d);
        }
        if (count(null, null, false) + drafts.size() > LIMIT) {
            throw new IndicatorException("file", "importing " + drafts.size() + " indicators would exceed the limit of " + LIMIT, 0, 409);
        }
        drafts.forEach(d -> save(d, "CSV import"));
        return drafts.size();
    }

    private static List<String> groupsColumn(String s) {
        return s == null ? List.of() : Arrays.stream(s.split("[;,]")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static String col(List<String> r, int i) {
        return i < 0 || i >= r.size() || r.get(i).isBlank() ? null : r.get(i).strip();
    }

    private static Boolean bool(String s) {
        return s == null ? null : Boolean.valueOf(s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes") || s.equals("1"));
    }

    private record Parsed(IndicatorType type, String value, IndicatorAction action, boolean generateAlert, String title, String description,
                          Severity severity, String recommended, String scope, OffsetDateTime expires, String deviceGroups) {
    }

    private Parsed parse(IndicatorDraft d, int line) {
        try {
            IndicatorType type = IndicatorType.parse(d.type());
            if (d.value() == null || d.value().isBlank()) {
                throw new IndicatorException("value", "is required");
            }
            String value = type.normalise(d.value());
            if (value == null) {
                throw new IndicatorException("value", "'" + d.value() + "' is not a valid " + type.label());
            }
            IndicatorAction action = IndicatorAction.parse(d.action());
            if (!type.actions().contains(action)) {
                throw new IndicatorException("action", action.label() + " is not available for " + type.label() + "; use one of "
                        + type.actions().stream().map(IndicatorAction::label).toList());
            }
            Severity severity;
            try {
                severity = d.severity() == null || d.severity().isBlank() ? Severity.MEDIUM : Severity.parse(d.severity());
            } catch (InvalidValueException e) {
                throw new IndicatorException("severity", "unknown severity '" + d.severity() + "'; use Informational, Low, Medium or High");
            }
            boolean alert = action != IndicatorAction.ALLOW && (d.generateAlert() == null || d.generateAlert());
            String title = d.title() == null || d.title().isBlank() ? type.label() + " " + value : d.title().strip();
            if (title.length() > 300) {
                throw new IndicatorException("title", "is longer than 300 characters");
            }
            List<String> scope = d.scope() == null ? List.of() : Arrays.stream(d.scope().split("[,;\\s]+"))
                    .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty() && !s.equals("all")).distinct().toList();
            OffsetDateTime expires = expiry(d.expiresAt());
            List<Long> groupIds = deviceGroups(d.deviceGroups());
            return new Parsed(type, value, action, alert, title, blankToNull(d.description()), severity, blankToNull(d.recommendedActions()),
                    scope.isEmpty() ? null : String.join(",", scope), expires,
                    groupIds.isEmpty() ? null : String.join(",", groupIds.stream().map(String::valueOf).toList()));
        } catch (IndicatorException e) {
            if (line > 0) {
                throw new IndicatorException(e.field(), "line " + line + ": " + e.field() + " " + e.getMessage(), line, 400);
            }
            throw e;
        }
    }

    /** Device group ids from ids or names (case-insensitive); "all" or nothing = every group. */
    private List<Long> deviceGroups(List<String> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        List<DeviceGroup> all = groups.all();
        List<Long> ids = new ArrayList<>();
        for (String g : given) {
            String v = g == null ? "" : g.strip();
            if (v.isEmpty() || v.equalsIgnoreCase("all")) {
                continue;
            }
            DeviceGroup match = all.stream().filter(x -> String.valueOf(x.id()).equals(v) || x.name().equalsIgnoreCase(v)).findFirst()
                    .orElseThrow(() -> new IndicatorException("deviceGroups", "no device group '" + v + "'; use a name from Settings › Device groups"));
            if (!ids.contains(match.id())) {
                ids.add(match.id());
            }
        }
        return ids;
    }

    private static OffsetDateTime expiry(String s) {
        if (s == null || s.isBlank() || s.equalsIgnoreCase("never")) {
            return null;
        }
        String v = s.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(v);
            }
            return java.time.LocalDateTime.parse(v).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IndicatorException("expiresAt", "'" + s + "' is not a date (2025-06-30) or time (2025-06-30T12:00Z)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Indicator row(ResultSet rs, int n) throws SQLException {
        String scope = rs.getString(10);
        String groupIds = rs.getString(17);
        return new Indicator(rs.getLong(1), IndicatorType.valueOf(rs.getString(2)), rs.getString(3), IndicatorAction.valueOf(rs.getString(4)),
                rs.getBoolean(5), rs.getString(6), rs.getString(7), Severity.valueOf(rs.getString(8)), rs.getString(9),
                scope == null ? List.of() : Arrays.asList(scope.split(",")),
                groupIds == null ? List.of() : Arrays.stream(groupIds.split(",")).map(Long::valueOf).toList(), rs.getObject(11, OffsetDateTime.class), rs.getString(12),
                rs.getString(13), rs.getObject(14, OffsetDateTime.class), rs.getString(15), rs.getObject(16, OffsetDateTime.class));
    }

    private static String currentUser() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() ? "system" : a.getName();
    }
}
