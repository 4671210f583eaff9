package dev.rampart.portal.entities;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.entities.EntityAlertsProvider.ActiveAlerts;
import dev.rampart.portal.entities.EventSql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Assets › Identities: the latest directory record (IdentityInfo) of every account the caller may see, with filters
 * (department, identity risk, enabled, environment, having active alerts), counts for the quick filters, sorting,
 * paging and the active alerts that name each account.
 */
@Service
public class IdentityInventory {
    static final Map<String, String> SORTS = new LinkedHashMap<>();

    static {
        SORTS.put("AccountDisplayName", "lower(AccountDisplayName)");
        SORTS.put("AccountUpn", "lower(AccountUpn)");
        SORTS.put("Department", "Department");
        SORTS.put("JobTitle", "JobTitle");
        SORTS.put("RiskLevel", "CASE RiskLevel WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END");
        SORTS.put("LastSeen", "LastSeen");
    }

    public static final List<String> RISK_LEVELS = List.of("High", "Medium", "Low", "None");
    public static final int MAX_EXPORT = 10_000;

    /** What the list shows; blank fields do not filter. {@code enabled}: yes/no; {@code alerts=active} keeps accounts named by active alerts. */
    public record Query(String q, String department, String risk, String enabled, String environment, String alerts, String sort, Boolean desc,
                        Integer page) {
        public Query {
            q = blank(q) ? "" : q.strip();
            department = blank(department) ? "" : department;
            risk = risk != null && RISK_LEVELS.contains(risk) ? risk : "";
            enabled = "yes".equals(enabled) || "no".equals(enabled) ? enabled : "";
            environment = blank(environment) ? "" : environment;
            alerts = "active".equals(alerts) ? alerts : "";
            sort = SORTS.containsKey(sort) ? sort : "AccountDisplayName";
            desc = desc != null && desc;
            page = page == null ? 0 : Math.max(0, page);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        public static Query all() {
            return new Query(null, null, null, null, null, null, null, null, null);
        }

        /** This query with {@code name} set to {@code value} (back to the first page). */
        public Query with(String name, String value) {
            String[] v = {q, department, risk, enabled, environment, alerts, sort, String.valueOf(desc), "0"};
            v[List.of("q", "department", "risk", "enabled", "environment", "alerts", "sort", "desc", "page").indexOf(name)] = value;
            return new Query(v[0], v[1], v[2], v[3], v[4], v[5], v[6], Boolean.valueOf(v[7]), Integer.valueOf(v[8]));
        }

        public String link(String path) {
            boolean defaultOrder = sort.equals("AccountDisplayName") && !desc;
            return EntityLinks.query(path, "q", q, "department", department, "risk", risk, "enabled", enabled, "environment", environment,
                    "alerts", alerts, "sort", defaultOrder ? "" : sort, "desc", defaultOrder ? "" : String.valueOf(desc), "page", page == 0 ? "" : String.valueOf(page));
        }

        public boolean filtered() {
            return !(q + department + risk + enabled + environment + alerts).isEmpty();
        }
    }

    public record Item(String upn, String displayName, String accountName, String department, String jobTitle, String riskLevel, Boolean enabled,
                       String environment, Instant lastSeen, ActiveAlerts alerts) {
        public String key() {
            return upn != null ? upn : accountName;
        }
    }

    public record Counts(long total, long highRisk, long disabled, long withAlerts) {
    }

    public record Page(List<Item> rows, long total, int page, int pageSize, Counts counts, List<String> departments, List<String> environments) {
        public boolean more() {
            return (long) (page + 1) * pageSize < total;
        }
    }

    private final EventSql sql;
    private final DataScopes scopes;
    private final ObjectProvider<EntityAlertsProvider> alerts;

    IdentityInventory(EventSql sql, DataScopes scopes, ObjectProvider<EntityAlertsProvider> alerts) {
        this.sql = sql;
        this.scopes = scopes;
        this.alerts = alerts;
    }

    public Page list(Query query, int pageSize) {
        List<Object> base = new ArrayList<>();
        String directory = scopes.eventFilters().on("IdentityInfo", base);
        String from = "(SELECT AccountObjectId, arg_max(AccountUpn, Timestamp) AccountUpn, arg_max(AccountDisplayName, Timestamp) AccountDisplayName, "
                + "arg_max(AccountName, Timestamp) AccountName, arg_max(Department, Timestamp) Department, arg_max(JobTitle, Timestamp) JobTitle, "
                + "coalesce(arg_max(RiskLevel, Timestamp), 'None') RiskLevel, arg_max(IsAccountEnabled, Timestamp) IsAccountEnabled, "
                + "arg_max(IdentityEnvironment, Timestamp) IdentityEnvironment, max(Timestamp) LastSeen FROM IdentityInfo WHERE " + directory
                + " GROUP BY AccountObjectId) ids";
        Set<String> alerted = alertedAccounts();
        String alertedCondition = alertedCondition(alerted);
        List<Object> filterParams = new ArrayList<>(base);
        String where = where(query, filterParams, alerted);
        int size = Math.max(1, Math.min(pageSize, MAX_EXPORT));
        long total = sql.count("SELECT count(*) FROM " + from + where, filterParams.toArray());
        List<Object> pageParams = new ArrayList<>(filterParams);
        pageParams.add(size);
        pageParams.add((long) query.page() * size);
        List<Row> rows = sql.rows("SELECT AccountUpn, AccountDisplayName, AccountName, Department, JobTitle, RiskLevel, IsAccountEnabled, IdentityEnvironment, LastSeen FROM "
                + from + where + " ORDER BY " + SORTS.get(query.sort()) + (query.desc() ? " DESC" : " ASC") + " NULLS LAST, AccountObjectId LIMIT ? OFFSET ?",
                pageParams.toArray());
        EntityAlertsProvider p = alerts.getIfAvailable();
        List<ActiveAlerts> active = p == null || rows.isEmpty() ? List.of()
                : p.activeAlertsForUsers(rows.stream().map(r -> keys(r.str(0), r.str(2))).toList());
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            items.add(new Item(r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.values()[6] instanceof Boolean b ? b : null, r.str(7),
                    r.time(8), active.isEmpty() ? null : active.get(i)));
        }
        // The select list's condition (the keys, three times) comes before the directory's scope.
        List<Object> countParams = new ArrayList<>();
        for (int i = 0; i < 3 && !alerted.isEmpty(); i++) {
            countParams.addAll(alerted);
        }
        countParams.addAll(base);
        Row c = sql.first("SELECT count(*), count(*) FILTER (WHERE RiskLevel = 'High'), count(*) FILTER (WHERE IsAccountEnabled = FALSE), "
                + "count(*) FILTER (WHERE " + alertedCondition + ") FROM " + from, countParams.toArray()).orElseThrow();
        List<Object> dp = new ArrayList<>(base);
        List<String> departments = sql.rows("SELECT DISTINCT Department FROM " + from + " WHERE Department IS NOT NULL AND Department <> '' ORDER BY 1 LIMIT 500",
                dp.toArray()).stream().map(x -> x.str(0)).toList();
        List<String> environments = sql.rows("SELECT DISTINCT IdentityEnvironment FROM " + from + " WHERE IdentityEnvironment IS NOT NULL ORDER BY 1 LIMIT 50",
                dp.toArray()).stream().map(x -> x.str(0)).toList();
        return new Page(items, total, query.page(), size, new Counts(c.num(0), c.num(1), c.num(2), c.num(3)), departments, environments);
    }

    private static List<String> keys(String upn, String name) {
        List<String> k = new ArrayList<>();
        if (upn != null) {
            k.add(upn);
        }
        if (name != null) {
            k.add(name);
        }
        return k;
    }

    /** Lower-case account keys (UPNs and names) that active alerts the caller may see name. */
    private Set<String> alertedAccounts() {
        EntityAlertsProvider p = alerts.getIfAvailable();
        return p == null ? Set.of() : p.usersWithActiveAlerts();
    }

    /** The condition "an active alert names this account"; its parameters are the keys, in order. */
    private static String alertedCondition(Set<String> keys) {
        if (keys.isEmpty()) {
            return "FALSE";
        }
        String in = String.join(", ", keys.stream().map(k -> "?").toList());
        return "(lower(AccountUpn) IN (" + in + ") OR lower(AccountName) IN (" + in + ") OR split_part(lower(AccountUpn), '@', 1) IN (" + in + "))";
    }

    private String where(Query q, List<Object> params, Set<String> alerted) {
        StringBuilder w = new StringBuilder(" WHERE TRUE");
        if (!q.q().isEmpty()) {
            w.append(" AND contains(lower(concat_ws(' ', AccountDisplayName, AccountUpn, AccountName, Department, JobTitle)), ?)");
            params.add(q.q().toLowerCase(Locale.ROOT));
        }
        if (!q.department().isEmpty()) {
            w.append(" AND Department = ?");
            params.add(q.department());
        }
        if (!q.risk().isEmpty()) {
            w.append(" AND RiskLevel = ?");
            params.add(q.risk());
        }
        if (!q.enabled().isEmpty()) {
            w.append(" AND IsAccountEnabled = ?");
            params.add(q.enabled().equals("yes"));
        }
        if (!q.environment().isEmpty()) {
            w.append(" AND IdentityEnvironment = ?");
            params.add(q.environment());
        }
        if (!q.alerts().isEmpty()) {
            w.append(" AND ").append(alertedCondition(alerted));
            // The condition lists the keys three times.
            for (int i = 0; i < 3 && !alerted.isEmpty(); i++) {
                params.addAll(alerted);
            }
        }
        return w.toString();
    }
}
