package dev.rampart.portal.reports;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.EventFilters;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.reports.WorkloadReport.Breakdown;
import dev.rampart.portal.reports.WorkloadReport.Item;
import dev.rampart.portal.reports.WorkloadReport.Kpi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Reports › Cloud apps: activity per application per day, the most active users, action types, administrative
 * activity, activity from anonymous proxies or outside the corporate network, countries, and OAuth applications when
 * the data names any. Reads CloudAppEvents; a reader whose scope hides the cloud-apps workload sees zeros.
 */
@Service
public class CloudAppsReport {
    static final int TOP = 10;
    /** Applications drawn as their own daily series; the rest add up under "Other apps". */
    static final int CHART_APPS = 6;

    private final Reports reports;
    private final EventSql sql;
    private final DataScopes scopes;

    CloudAppsReport(Reports reports, EventSql sql, DataScopes scopes) {
        this.reports = reports;
        this.sql = sql;
        this.scopes = scopes;
    }

    public WorkloadReport build(int requestedDays) {
        int days = Reports.clampDays(requestedDays);
        Instant from = reports.from(days);
        List<String> dates = reports.dates(days);
        EventFilters f = scopes.eventFilters();
        List<Object> p = new ArrayList<>();
        String events = "(SELECT * FROM " + f.from("CloudAppEvents", p) + " c WHERE Timestamp >= ?)";
        p.add(from);
        Object[] a = p.toArray();
        long total = sql.count("SELECT count(*) FROM " + events + " e", a);
        long users = sql.count("SELECT count(DISTINCT coalesce(AccountObjectId, AccountDisplayName)) FROM " + events + " e", a);
        long admin = sql.count("SELECT count(*) FROM " + events + " e WHERE IsAdminOperation", a);
        long risky = sql.count("SELECT count(*) FROM " + events + " e WHERE IsAnonymousProxy OR IsImpersonated", a);
        long external = sql.count("SELECT count(*) FROM " + events + " e WHERE IPCategory IS DISTINCT FROM 'Corporate'", a);

        List<Item> apps = items("SELECT coalesce(Application, 'Unknown'), count(*) FROM " + events + " e GROUP BY 1 ORDER BY 2 DESC, 1", a, false);
        List<Item> topUsers = items("SELECT coalesce(AccountDisplayName, AccountObjectId), count(*) FROM " + events
                + " e GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, true);
        List<Item> actions = items("SELECT coalesce(ActionType, 'Unknown'), count(*) FROM " + events + " e GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, false);
        List<Item> adminOps = items("SELECT coalesce(Application, 'Unknown') || ': ' || coalesce(ActionType, 'Unknown'), count(*) FROM " + events
                + " e WHERE IsAdminOperation GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, false);
        List<Item> riskyUsers = items("SELECT coalesce(AccountDisplayName, AccountObjectId), count(*) FROM " + events
                + " e WHERE IsAnonymousProxy OR IsImpersonated OR IPCategory IS DISTINCT FROM 'Corporate' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, true);
        List<Item> countries = items("SELECT coalesce(CountryCode, 'Unknown'), count(*) FROM " + events + " e GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, false);
        List<Item> oauth = items("SELECT OAuthAppId, count(*) FROM " + events + " e WHERE OAuthAppId IS NOT NULL AND OAuthAppId <> '' "
                + "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, false);

        List<Reports.Series> daily = new ArrayList<>();
        List<String> charted = apps.stream().limit(CHART_APPS).map(Item::label).toList();
        List<Object> dp = new ArrayList<>(p);
        for (String app : charted) {
            List<Object> ap = new ArrayList<>(dp);
            ap.add(app);
            daily.add(reports.daily(app, dates, "SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(*) FROM " + events
                    + " e WHERE coalesce(Application, 'Unknown') = ? GROUP BY 1", ap));
        }
        if (apps.size() > CHART_APPS) {
            List<Object> op = new ArrayList<>(dp);
            op.addAll(charted);
            daily.add(reports.daily("Other apps", dates, "SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(*) FROM " + events
                    + " e WHERE coalesce(Application, 'Unknown') NOT IN (" + String.join(", ", java.util.Collections.nCopies(charted.size(), "?")) + ") GROUP BY 1", op));
        }
        List<Kpi> kpis = List.of(new Kpi("Activities", total), new Kpi("Active users", users), new Kpi("Apps used", apps.size()),
                new Kpi("Admin operations", admin), new Kpi("From anonymous proxies or impersonated", risky),
                new Kpi("From outside the corporate network", external));
        List<Breakdown> parts = new ArrayList<>(List.of(
                new Breakdown("apps", "Activities by app", "App", "Activities", apps.stream().limit(TOP).toList(),
                        apps.size() > TOP ? apps.size() + " apps; the " + TOP + " busiest are listed." : null),
                new Breakdown("users", "Most active users", "User", "Activities", topUsers, null),
                new Breakdown("actions", "Action types", "Action type", "Activities", actions, null),
                new Breakdown("admin", "Admin activity", "App: action", "Operations", adminOps, null),
                new Breakdown("risky", "Users active from outside the corporate network", "User", "Activities", riskyUsers, null),
                new Breakdown("countries", "Countries", "Country", "Activities", countries, null)));
        if (!oauth.isEmpty()) {
            parts.add(new Breakdown("oauth", "OAuth apps", "OAuth app id", "Activities", oauth, null));
        }
        return new WorkloadReport("cloudapps", "Cloud apps report", "Activity in connected cloud applications in your scope",
                days, dates, kpis, daily, "activities", parts);
    }

    private List<Item> items(String query, Object[] params, boolean searchLink) {
        return sql.rows(query, params).stream().map(r -> new Item(r.str(0), r.num(1),
                searchLink && r.str(0) != null ? "/search?q=" + URLEncoder.encode(r.str(0), StandardCharsets.UTF_8) : null)).toList();
    }
}
