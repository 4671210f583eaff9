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
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Reports › Email & collaboration: mail flow per day (delivered, junked, blocked), threats by type, the most targeted
 * recipients, the busiest senders and sender domains, delivery actions, what happened after delivery (zero-hour
 * auto purge, remediation) and clicks on links in mail. Reads EmailEvents, EmailAttachmentInfo,
 * EmailPostDeliveryEvents and UrlClickEvents; a reader whose scope hides the email workload sees zeros.
 */
@Service
public class EmailReport {
    static final int TOP = 10;
    /** ThreatTypes holds a comma-separated list (e.g. "Phish, Spam"); each type counts once per message. */
    private static final String THREATS = "SELECT trim(unnest(string_split(ThreatTypes, ','))) threat, NetworkMessageId, RecipientEmailAddress FROM %s m "
            + "WHERE Timestamp >= ? AND ThreatTypes IS NOT NULL AND ThreatTypes <> ''";

    private final Reports reports;
    private final EventSql sql;
    private final DataScopes scopes;

    EmailReport(Reports reports, EventSql sql, DataScopes scopes) {
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
        String mail = "(SELECT * FROM " + f.from("EmailEvents", p) + " e WHERE Timestamp >= ?)";
        p.add(from);
        Object[] a = p.toArray();
        long total = sql.count("SELECT count(*) FROM " + mail + " m", a);
        long inbound = sql.count("SELECT count(*) FROM " + mail + " m WHERE EmailDirection = 'Inbound'", a);
        long delivered = sql.count("SELECT count(*) FROM " + mail + " m WHERE DeliveryAction = 'Delivered'", a);
        long junked = sql.count("SELECT count(*) FROM " + mail + " m WHERE DeliveryAction = 'Junked'", a);
        long blocked = sql.count("SELECT count(*) FROM " + mail + " m WHERE DeliveryAction = 'Blocked'", a);
        long threats = sql.count("SELECT count(*) FROM " + mail + " m WHERE ThreatTypes IS NOT NULL AND ThreatTypes <> ''", a);

        List<Object> tp = new ArrayList<>();
        String threatRows = "(" + THREATS.formatted(f.from("EmailEvents", tp)) + ")";
        tp.add(from);
        Object[] ta = tp.toArray();
        List<Item> byType = items("SELECT threat, count(DISTINCT NetworkMessageId || RecipientEmailAddress) FROM " + threatRows
                + " t WHERE threat <> '' GROUP BY 1 ORDER BY 2 DESC, 1", ta, null);
        List<Item> targeted = items("SELECT lower(RecipientEmailAddress), count(*) FROM " + mail
                + " m WHERE ThreatTypes IS NOT NULL AND ThreatTypes <> '' AND RecipientEmailAddress IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, EntityLinks::user);
        List<Item> senders = items("SELECT lower(SenderFromAddress), count(*) FROM " + mail
                + " m WHERE EmailDirection = 'Inbound' AND SenderFromAddress IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, null);
        List<Item> domains = items("SELECT lower(SenderFromDomain), count(*) FROM " + mail
                + " m WHERE EmailDirection = 'Inbound' AND SenderFromDomain IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP, a, EntityLinks::url);
        List<Item> actions = items("SELECT coalesce(DeliveryAction, 'Unknown') || ' → ' || coalesce(DeliveryLocation, 'Unknown'), count(*) FROM " + mail
                + " m GROUP BY 1 ORDER BY 2 DESC, 1", a, null);
        List<Object> xp = new ArrayList<>();
        String attached = "(SELECT * FROM " + f.from("EmailAttachmentInfo", xp) + " x WHERE Timestamp >= ?)";
        xp.add(from);
        List<Item> attachments = items("SELECT lower(FileType), count(*) FROM " + attached + " x WHERE FileType IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + TOP,
                xp.toArray(), null);

        List<Object> pp = new ArrayList<>();
        String post = "(SELECT * FROM " + f.from("EmailPostDeliveryEvents", pp) + " x WHERE Timestamp >= ?)";
        pp.add(from);
        Object[] pa = pp.toArray();
        long postActions = sql.count("SELECT count(*) FROM " + post + " x", pa);
        List<Item> postByType = items("SELECT coalesce(ActionType, 'Unknown') || ' (' || coalesce(Action, 'no action') || ')', count(*) FROM " + post
                + " x GROUP BY 1 ORDER BY 2 DESC, 1", pa, null);

        List<Object> cp = new ArrayList<>();
        String clicks = "(SELECT * FROM " + f.from("UrlClickEvents", cp) + " x WHERE Timestamp >= ?)";
        cp.add(from);
        Object[] ca = cp.toArray();
        long clickCount = sql.count("SELECT count(*) FROM " + clicks + " x", ca);
        long blockedClicks = sql.count("SELECT count(*) FROM " + clicks + " x WHERE ActionType LIKE 'ClickBlocked%'", ca);
        List<Item> clickDomains = items("SELECT lower(regexp_extract(Url, '^[a-zA-Z]+://([^/:?#]+)', 1)) d, count(*) FROM " + clicks
                + " x WHERE Url IS NOT NULL GROUP BY 1 HAVING d <> '' ORDER BY 2 DESC, 1 LIMIT " + TOP, ca, EntityLinks::url);
        List<Item> clickActions = items("SELECT coalesce(ActionType, 'Unknown'), count(*) FROM " + clicks + " x GROUP BY 1 ORDER BY 2 DESC, 1", ca, null);

        List<Object> dp = new ArrayList<>(p);
        String perDay = "SELECT strftime(CAST(Timestamp AS DATE), '%Y-%m-%d'), count(*) FROM " + mail + " m WHERE DeliveryAction = '%s' GROUP BY 1";
        List<Reports.Series> daily = List.of(
                reports.daily("Delivered", dates, perDay.replace("'%s'", "'Delivered'"), dp),
                reports.daily("Junked", dates, perDay.replace("'%s'", "'Junked'"), dp),
                reports.daily("Blocked", dates, perDay.replace("'%s'", "'Blocked'"), dp));
        List<Kpi> kpis = List.of(new Kpi("Messages", total), new Kpi("Inbound messages", inbound), new Kpi("Delivered", delivered),
                new Kpi("Junked", junked), new Kpi("Blocked", blocked), new Kpi("Messages with threats", threats),
                new Kpi("Post-delivery actions", postActions), new Kpi("URL clicks", clickCount), new Kpi("Blocked clicks", blockedClicks));
        List<Breakdown> parts = List.of(
                new Breakdown("threats", "Threats by type", "Threat", "Messages", byType, null),
                new Breakdown("targeted", "Top targeted recipients", "Recipient", "Messages with threats", targeted, null),
                new Breakdown("senders", "Top senders", "Sender", "Inbound messages", senders, null),
                new Breakdown("domains", "Top sender domains", "Domain", "Inbound messages", domains, null),
                new Breakdown("delivery", "Delivery actions", "Action → location", "Messages", actions, null),
                new Breakdown("postdelivery", "Post-delivery actions (ZAP and remediation)", "Action", "Messages", postByType, null),
                new Breakdown("clicks", "Clicked URL domains", "Domain", "Clicks", clickDomains, null),
                new Breakdown("clickactions", "URL click verdicts", "Verdict", "Clicks", clickActions, null),
                new Breakdown("attachments", "Attachment types", "File type", "Attachments", attachments, null));
        return new WorkloadReport("email", "Email & collaboration report",
                "Mail flow, threats, senders and recipients, post-delivery actions and link clicks in your scope", days, dates, kpis, daily, "messages", parts);
    }

    private List<Item> items(String query, Object[] params, Function<String, String> link) {
        return sql.rows(query, params).stream()
                .map(r -> new Item(r.str(0), r.num(1), link == null || r.str(0) == null ? null : link.apply(r.str(0)))).toList();
    }
}
