package dev.rampart.portal.reports;

import java.util.List;

/**
 * A workload report (Endpoints, Identities) over whole UTC days: headline figures, daily series and breakdowns
 * (a label and a count per row). The page, the CSV and the PDF all render this one object, so they always agree.
 */
public record WorkloadReport(String kind, String title, String description, int days, List<String> dates, List<Kpi> kpis,
                             List<Reports.Series> daily, String dailyUnit, List<Breakdown> breakdowns) {
    public record Kpi(String label, long value) {
    }

    public record Item(String label, long value, String link) {
    }

    /** {@code note} says what the list leaves out (e.g. a cap), or is null. */
    public record Breakdown(String id, String title, String itemHeader, String valueHeader, List<Item> items, String note) {
    }

    public String range() {
        return dates.get(0) + " to " + dates.get(dates.size() - 1);
    }

    /** Long-format CSV: {@code section,item,value}, first the headline figures, then each daily series, then each breakdown. */
    public String csv() {
        StringBuilder b = new StringBuilder("section,item,value\r\n");
        kpis.forEach(k -> line(b, "summary", k.label(), k.value()));
        for (Reports.Series s : daily) {
            for (int i = 0; i < dates.size(); i++) {
                line(b, "daily: " + s.name(), dates.get(i), s.values().get(i));
            }
        }
        breakdowns.forEach(d -> d.items().forEach(i -> line(b, d.title(), i.label(), i.value())));
        return b.toString();
    }

    private static void line(StringBuilder b, String section, String item, long value) {
        b.append(quote(section)).append(',').append(quote(item)).append(',').append(value).append("\r\n");
    }

    static String quote(String s) {
        String v = s == null ? "" : s;
        // A leading formula character would run as a formula when the file is opened in a spreadsheet.
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.matches("[A-Za-z0-9 .:_@'-]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
