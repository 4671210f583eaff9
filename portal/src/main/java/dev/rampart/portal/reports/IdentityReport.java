package dev.rampart.portal.reports;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.EventFilters;
import dev.rampart.portal.entities.EntityLinks;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.reports.WorkloadReport.Breakdown;
import dev.rampart.portal.reports.WorkloadReport.Item;
import dev.rampart.portal.reports.WorkloadReport.Kpi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Reports › Identities: sign-ins and sign-in failures ({@link SignIns}) from devices, domain controllers and Entra ID,
 * the accounts with the most failed sign-ins and the most common failure reasons. Counts only rows of the reader's
 * data scope: a scope without the identity workload sees device logons only.
 */
@Service
public class IdentityReport {
    static final int TOP = 10;

    private final Reports reports;
    private final EventSql sql;
    private final DataScopes scopes;

    IdentityReport(Reports reports, EventSql sql, DataScopes scopes) {
        this.reports = reports;
        this.sql = sql;
        this.scopes = scopes;
    }

    public WorkloadReport build(int requestedDays) {
        int days = Reports.clampDays(requestedDays);
        Instant from = reports.from(days);
        List<String> dates = reports.dates(days);
        EventFilters f = scopes.eventFilters();
        List<Object> params = new ArrayList<>();
        String logons = SignIns.attempts(f, params, from);
        Object[] a = params.toArray();
        long attempts = sql.count("SELECT count(*) FROM " + logons + " l", a);
        long failures = sql.count("SELECT count(*) FROM " + logons + " l WHERE failed", a);
        // One person signs in as a UPN to Entra ID and domain controllers and by account name to devices: count them once.
        long accountsFailing = sql.count("SELECT count(DISTINCT split_part(account, '@', 1)) FROM " + logons + " l WHERE failed AND account IS NOT NULL", a);
        List<Item> bySource = items("SELECT src, count(*) FROM " + logons + " l WHERE failed GROUP BY 1 ORDER BY 2 DESC, 1", a, false);
        List<Item> topAccounts = items("SELECT account, count(*) FROM " + logons + " l WHERE failed AND account IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, true);
        List<Item> reasons = items("SELECT coalesce(nullif(reason, ''), 'Not given'), count(*) FROM " + logons + " l WHERE failed GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, false);
        List<Object> dp = new ArrayList<>(params);
        Reports.Series failedPerDay = reports.daily("Failed sign-ins", dates,
                "SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(*) FROM " + logons + " l WHERE failed GROUP BY 1", dp);
        Reports.Series okPerDay = reports.daily("Successful sign-ins", dates,
                "SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(*) FROM " + logons + " l WHERE NOT failed GROUP BY 1", dp);
        List<Kpi> kpis = List.of(new Kpi("Sign-in attempts", attempts), new Kpi("Failed sign-ins", failures), new Kpi("Accounts with failures", accountsFailing));
        List<Breakdown> parts = List.of(
                new Breakdown("accounts", "Top accounts by failed sign-ins", "Account", "Failed sign-ins", topAccounts, null),
                new Breakdown("sources", "Failed sign-ins by source", "Source", "Failed sign-ins", bySource, SignIns.DEFINITION),
                new Breakdown("reasons", "Failure reasons", "Reason", "Failed sign-ins", reasons, null));
        return new WorkloadReport("identities", "Identities report", "Sign-ins and sign-in failures of the accounts in your scope",
                days, dates, kpis, List.of(failedPerDay, okPerDay), "sign-ins", parts);
    }

    private List<Item> items(String query, Object[] params, boolean accountLinks) {
        return sql.rows(query, params).stream().map(r -> new Item(r.str(0), r.num(1), accountLinks ? EntityLinks.user(r.str(0)) : null)).toList();
    }
}
