package dev.rampart.portal.explorer;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.EventFilters;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.reports.Reports;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The email Explorer's queries on EmailEvents (with EmailUrlInfo for the URL filter) and UrlClickEvents, inside the
 * caller's data scope for email: totals, a daily chart by a pivot, a page of rows, and every match (for export and
 * remediation of the whole query).
 */
@Service
public class EmailExplorer {
    public static final int PAGE_SIZE = 50;
    public static final int MAX_ALL = 200_000;
    private static final int CHART_KEYS = 7;

    public record Mail(String time, String networkMessageId, String subject, String sender, String senderDisplayName, String recipient,
                       String direction, String deliveryAction, String latestLocation, String threatTypes, String detectionMethods, long urls,
                       long attachments) {
    }

    public record Click(String time, String url, String account, String action, String clickedThrough, String threatTypes, String workload,
                        String networkMessageId) {
    }

    /**
     * Threat mail of one sender domain and threat type reaching several recipients: a campaign as this portal groups
     * it (by sender domain and threat type, not by content similarity).
     */
    public record Campaign(String senderDomain, String threatTypes, long messages, long recipients, long subjects, String latestSubject,
                           long inMailbox, long clicks, String first, String last) {
    }

    public record Result(ExplorerForm form, long total, List<String> dates, List<Reports.Series> chart, List<Mail> mails, List<Click> clicks,
                         Map<String, List<String>> choices, List<Campaign> campaigns) {
        public int pages() {
            return (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        }
    }

    private final EventSql sql;
    private final DataScopes scopes;

    EmailExplorer(EventSql sql, DataScopes scopes) {
        this.sql = sql;
        this.scopes = scopes;
    }

    public Result search(ExplorerForm f) {
        Query q = query(f);
        long total = sql.count("SELECT count(*) FROM " + q.from + " WHERE " + q.where, q.params.toArray());
        List<String> dates = new ArrayList<>();
        for (LocalDate d = f.from(); !d.isAfter(f.to()); d = d.plusDays(1)) {
            dates.add(d.toString());
        }
        String pivot = (f.view().email() ? ExplorerForm.EMAIL_PIVOTS : ExplorerForm.CLICK_PIVOTS).get(f.pivot());
        Map<String, long[]> byKey = new LinkedHashMap<>();
        Map<String, Long> sums = new LinkedHashMap<>();
        for (EventSql.Row r : sql.rows("SELECT strftime(Timestamp, '%Y-%m-%d'), coalesce(nullif(CAST(" + pivot + " AS VARCHAR), ''), '(none)'), count(*) FROM "
                + q.from + " WHERE " + q.where + " GROUP BY 1, 2", q.params.toArray())) {
            int day = dates.indexOf(r.str(0));
            if (day < 0) {
                continue;
            }
            byKey.computeIfAbsent(r.str(1), k -> new long[dates.size()])[day] += r.num(2);
            sums.merge(r.str(1), r.num(2), Long::sum);
        }
        List<String> keys = sums.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        List<Reports.Series> chart = new ArrayList<>();
        long[] other = new long[dates.size()];
        for (int i = 0; i < keys.size(); i++) {
            long[] v = byKey.get(keys.get(i));
            if (i < CHART_KEYS) {
                chart.add(new Reports.Series(keys.get(i), java.util.Arrays.stream(v).boxed().toList()));
            } else {
                for (int d = 0; d < v.length; d++) {
                    other[d] += v[d];
                }
            }
        }
        if (keys.size() > CHART_KEYS) {
            chart.add(new Reports.Series("Other", java.util.Arrays.stream(other).boxed().toList()));
        }
        int offset = (f.page() - 1) * PAGE_SIZE;
        List<Mail> mails = List.of();
        List<Click> clicks = List.of();
        if (f.view().email()) {
            if (f.view() != ExplorerForm.View.CAMPAIGNS) {
                mails = mails(q, "LIMIT " + PAGE_SIZE + " OFFSET " + offset);
            }
        } else {
            clicks = sql.rows("SELECT strftime(Timestamp, '%Y-%m-%d %H:%M:%S'), Url, AccountUpn, ActionType, CAST(IsClickedThrough AS VARCHAR), ThreatTypes, "
                            + "Workload, NetworkMessageId FROM " + q.from + " WHERE " + q.where + " ORDER BY Timestamp DESC LIMIT " + PAGE_SIZE + " OFFSET " + offset,
                    q.params.toArray()).stream().map(r -> new Click(r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7))).toList();
        }
        return new Result(f, total, dates, chart, mails, clicks, choices(f), f.view() == ExplorerForm.View.CAMPAIGNS ? campaigns(f, q) : List.of());
    }

    private List<Campaign> campaigns(ExplorerForm f, Query q) {
        EventFilters ef = scopes.eventFilters(Permission.EMAIL_METADATA_READ);
        List<Object> p = new ArrayList<>(q.params);
        String clicks = ef.from("UrlClickEvents", p);
        p.add(f.from().atStartOfDay(ZoneOffset.UTC).toInstant());
        // Clicks are counted once per click: a message to many recipients shares its id, so they join on distinct ids.
        return sql.rows("WITH m AS (SELECT * FROM " + q.from + " WHERE " + q.where + "), "
                        + "c AS (SELECT NetworkMessageId, count(*) AS n FROM " + clicks + " k WHERE Timestamp >= ? AND NetworkMessageId IS NOT NULL GROUP BY 1), "
                        + "ids AS (SELECT DISTINCT coalesce(SenderFromDomain, '') AS d, ThreatTypes AS t, NetworkMessageId FROM m), "
                        + "k AS (SELECT ids.d, ids.t, sum(c.n) AS clicks FROM ids JOIN c ON c.NetworkMessageId = ids.NetworkMessageId GROUP BY 1, 2), "
                        + "g AS (SELECT coalesce(SenderFromDomain, '') AS d, ThreatTypes AS t, count(*) AS messages, count(DISTINCT RecipientEmailAddress) AS recipients, "
                        + "count(DISTINCT Subject) AS subjects, arg_max(Subject, Timestamp) AS latest, "
                        + "count(*) FILTER (WHERE LatestDeliveryLocation ILIKE 'Inbox%') AS inbox, min(Timestamp) AS first, max(Timestamp) AS last "
                        + "FROM m GROUP BY 1, 2 HAVING count(DISTINCT RecipientEmailAddress) >= 2) "
                        + "SELECT g.d, g.t, g.messages, g.recipients, g.subjects, g.latest, g.inbox, coalesce(k.clicks, 0), "
                        + "strftime(g.first, '%Y-%m-%d %H:%M'), strftime(g.last, '%Y-%m-%d %H:%M') "
                        + "FROM g LEFT JOIN k ON k.d = g.d AND k.t = g.t ORDER BY g.messages DESC, g.d LIMIT 100", p.toArray())
                .stream().map(r -> new Campaign(r.str(0), r.str(1), r.num(2), r.num(3), r.num(4), r.str(5), r.num(6), r.num(7), r.str(8), r.str(9))).toList();
    }

    /** How many messages or clicks match. */
    public long count(ExplorerForm f) {
        Query q = query(f);
        return sql.count("SELECT count(*) FROM " + q.from + " WHERE " + q.where, q.params.toArray());
    }

    /**
     * Which of the picked (message id, recipient) pairs are messages of the caller's data scope, with their subject:
     * pairs outside it are left out, so a forged form cannot reach mailboxes the caller may not read.
     */
    public Map<String, String> inScope(java.util.Collection<String[]> picked) {
        return inScope(picked, Permission.EMAIL_METADATA_READ);
    }

    /** {@link #inScope(java.util.Collection)} where the caller's roles grant {@code permission}, e.g. Response (manage). */
    public Map<String, String> inScope(java.util.Collection<String[]> picked, Permission permission) {
        Map<String, String> out = new LinkedHashMap<>();
        if (picked.isEmpty()) {
            return out;
        }
        EventFilters ef = scopes.eventFilters(permission);
        List<Object> p = new ArrayList<>();
        String from = ef.from("EmailEvents", p);
        List<String> ids = picked.stream().map(x -> x[0]).distinct().toList();
        p.addAll(ids);
        for (EventSql.Row r : sql.rows("SELECT NetworkMessageId, lower(RecipientEmailAddress), arg_max(Subject, Timestamp) FROM " + from
                + " e WHERE NetworkMessageId IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ") GROUP BY 1, 2", p.toArray())) {
            out.put(r.str(0) + "|" + r.str(1), r.str(2) == null ? "" : r.str(2));
        }
        return out;
    }

    /** An export's query, resolved in the caller's scope so that it can run later on another thread. */
    public record Export(String sql, Object[] params, boolean email) {
    }

    public Export export(ExplorerForm f) {
        Query q = query(f);
        String cols = f.view().email()
                ? "strftime(Timestamp, '%Y-%m-%d %H:%M:%S'), NetworkMessageId, Subject, SenderFromAddress, SenderDisplayName, RecipientEmailAddress, "
                + "EmailDirection, DeliveryAction, LatestDeliveryLocation, ThreatTypes, DetectionMethods, coalesce(UrlCount, 0), coalesce(AttachmentCount, 0)"
                : "strftime(Timestamp, '%Y-%m-%d %H:%M:%S'), Url, AccountUpn, ActionType, CAST(IsClickedThrough AS VARCHAR), ThreatTypes, Workload, NetworkMessageId";
        return new Export("SELECT " + cols + " FROM " + q.from + " WHERE " + q.where + " ORDER BY Timestamp DESC LIMIT " + MAX_ALL,
                q.params.toArray(), f.view().email());
    }

    /** Streams the export's rows, each as its cells in column order. */
    public void each(Export e, java.util.function.Consumer<String[]> sink) {
        sql.each(e.sql(), r -> {
            String[] cells = new String[r.values().length];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = r.values()[i] == null ? null : String.valueOf(r.values()[i]);
            }
            sink.accept(cells);
        }, e.params());
    }

    /** Every matching message (at most {@link #MAX_ALL}), newest first: for export and for remediating the whole query. */
    public List<Mail> all(ExplorerForm f) {
        if (!f.view().email()) {
            throw new IllegalArgumentException("URL clicks are not messages");
        }
        return mails(query(f), "LIMIT " + MAX_ALL);
    }

    private List<Mail> mails(Query q, String limit) {
        return sql.rows("SELECT strftime(Timestamp, '%Y-%m-%d %H:%M:%S'), NetworkMessageId, Subject, SenderFromAddress, SenderDisplayName, RecipientEmailAddress, "
                        + "EmailDirection, DeliveryAction, LatestDeliveryLocation, ThreatTypes, DetectionMethods, coalesce(UrlCount, 0), coalesce(AttachmentCount, 0) FROM "
                        + q.from + " WHERE " + q.where + " ORDER BY Timestamp DESC, NetworkMessageId, RecipientEmailAddress " + limit, q.params.toArray())
                .stream().map(r -> new Mail(r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7), r.str(8), r.str(9), r.str(10),
                        r.num(11), r.num(12))).toList();
    }

    /** The values the choice filters offer: those present in the last 30 days of the caller's email. */
    private Map<String, List<String>> choices(ExplorerForm f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!f.view().email()) {
            return out;
        }
        EventFilters ef = scopes.eventFilters(Permission.EMAIL_METADATA_READ);
        for (Map.Entry<String, String> c : Map.of("deliveryAction", "DeliveryAction", "location", "LatestDeliveryLocation", "direction", "EmailDirection").entrySet()) {
            List<Object> p = new ArrayList<>();
            String from = ef.from("EmailEvents", p);
            // Instants, not java.sql.Timestamp: EventSql binds them as UTC whatever the server's zone.
            p.add(f.from().atStartOfDay(ZoneOffset.UTC).toInstant());
            p.add(f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            List<String> values = new ArrayList<>(sql.rows("SELECT DISTINCT " + c.getValue() + " FROM " + from + " e WHERE Timestamp >= ? AND Timestamp < ? AND " + c.getValue()
                    + " IS NOT NULL AND " + c.getValue() + " <> '' ORDER BY 1 LIMIT 30", p.toArray()).stream().map(r -> r.str(0)).toList());
            // A chosen value that this range does not hold stays selectable, so the form shows the filter that applies.
            String chosen = f.value(c.getKey());
            if (!chosen.isEmpty() && !values.contains(chosen)) {
                values.add(0, chosen);
            }
            out.put(c.getKey(), values);
        }
        return out;
    }

    private record Query(String from, String where, List<Object> params) {
    }

    private Query query(ExplorerForm f) {
        EventFilters ef = scopes.eventFilters(Permission.EMAIL_METADATA_READ);
        List<Object> p = new ArrayList<>();
        String table = f.view().email() ? "EmailEvents" : "UrlClickEvents";
        String from = ef.from(table, p) + " m";
        List<String> where = new ArrayList<>();
        where.add("Timestamp >= ? AND Timestamp < ?");
        p.add(f.from().atStartOfDay(ZoneOffset.UTC).toInstant());
        p.add(f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        if (f.view() == ExplorerForm.View.MALWARE) {
            where.add("contains(lower(coalesce(ThreatTypes, '')), 'malware')");
        } else if (f.view() == ExplorerForm.View.PHISH) {
            where.add("contains(lower(coalesce(ThreatTypes, '')), 'phish')");
        } else if (f.view() == ExplorerForm.View.CAMPAIGNS) {
            where.add("(contains(lower(coalesce(ThreatTypes, '')), 'phish') OR contains(lower(coalesce(ThreatTypes, '')), 'malware'))");
        }
        if (f.view().email()) {
            contains(where, p, "coalesce(SenderFromAddress, '') || ' ' || coalesce(SenderMailFromAddress, '') || ' ' || coalesce(SenderDisplayName, '')", f.sender());
            contains(where, p, "RecipientEmailAddress", f.recipient());
            contains(where, p, "coalesce(SenderFromDomain, '') || ' ' || coalesce(SenderMailFromDomain, '')", f.senderDomain());
            contains(where, p, "Subject", f.subject());
            equal(where, p, "DeliveryAction", f.deliveryAction());
            equal(where, p, "LatestDeliveryLocation", f.location());
            equal(where, p, "EmailDirection", f.direction());
            if (f.url() != null) {
                List<Object> up = new ArrayList<>();
                String urls = ef.from("EmailUrlInfo", up);
                // URL rows are written with their message: a day either side of the range bounds the scan.
                where.add("NetworkMessageId IN (SELECT NetworkMessageId FROM " + urls + " u WHERE Timestamp >= ? AND Timestamp < ? AND contains(lower(Url), ?))");
                p.addAll(up);
                p.add(f.from().minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
                p.add(f.to().plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant());
                p.add(f.url());
            }
        } else {
            contains(where, p, "AccountUpn", f.recipient());
            contains(where, p, "Url", f.url());
        }
        contains(where, p, "ThreatTypes", f.threat());
        return new Query(from, String.join(" AND ", where), p);
    }

    private static void contains(List<String> where, List<Object> p, String column, String value) {
        if (value != null && !value.isEmpty()) {
            where.add("contains(lower(coalesce(" + column + ", '')), ?)");
            p.add(value);
        }
    }

    private static void equal(List<String> where, List<Object> p, String column, String value) {
        if (value != null && !value.isEmpty()) {
            where.add(column + " = ?");
            p.add(value);
        }
    }
}
