package dev.rampart.portal.explorer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Explorer is asked: a view (all email, malware, phish, URL clicks), a date range of at most 30 days back
 * (yesterday and today by default), property filters (each "contains", case-insensitive, except the choice lists), the
 * chart's pivot and the page. Values that do not parse are kept as typed and reported in {@link #errors()} by field.
 */
public record ExplorerForm(View view, LocalDate from, LocalDate to, String sender, String recipient, String senderDomain, String subject,
                           String deliveryAction, String location, String threat, String direction, String url, String pivot, int page,
                           Map<String, String> raw, Map<String, String> errors) {
    public static final int MAX_DAYS_BACK = 30;

    public enum View {
        ALL("All email"), MALWARE("Malware"), PHISH("Phish"), CAMPAIGNS("Campaigns"), CLICKS("URL clicks");

        private final String label;

        View(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean email() {
            return this != CLICKS;
        }
    }

    /** Chart pivots: key → column, per kind of view. */
    static final Map<String, String> EMAIL_PIVOTS = ordered("deliveryAction", "DeliveryAction", "location", "LatestDeliveryLocation",
            "threat", "ThreatTypes", "senderDomain", "SenderFromDomain", "direction", "EmailDirection");
    static final Map<String, String> CLICK_PIVOTS = ordered("action", "ActionType", "clickedThrough", "IsClickedThrough", "threat", "ThreatTypes",
            "workload", "Workload");
    public static final Map<String, String> PIVOT_LABELS = Map.of("deliveryAction", "Delivery action", "location", "Latest delivery location",
            "threat", "Threat type", "senderDomain", "Sender domain", "direction", "Direction", "action", "Click action",
            "clickedThrough", "Clicked through", "workload", "Workload");

    public static ExplorerForm parse(Map<String, String> params, LocalDate today) {
        Map<String, String> raw = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                raw.put(k, v.strip());
            }
        });
        Map<String, String> errors = new LinkedHashMap<>();
        View view = View.ALL;
        if (raw.containsKey("view")) {
            try {
                view = View.valueOf(raw.get("view").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("view", "'" + raw.get("view") + "' is not a view; use all, malware, phish or clicks");
            }
        }
        LocalDate from = date(raw, "from", today.minusDays(1), errors);
        LocalDate to = date(raw, "to", today, errors);
        if (from.isBefore(today.minusDays(MAX_DAYS_BACK))) {
            errors.put("from", "is more than " + MAX_DAYS_BACK + " days ago; the Explorer looks back " + MAX_DAYS_BACK + " days (use hunting for older mail)");
            from = today.minusDays(MAX_DAYS_BACK);
        }
        if (to.isAfter(today)) {
            to = today;
        }
        if (from.isAfter(today)) {
            errors.put("from", "is after today");
            from = today.minusDays(1);
        }
        if (to.isBefore(from)) {
            errors.put("to", "is before the start date " + from);
            to = from;
        }
        Map<String, String> pivots = view.email() ? EMAIL_PIVOTS : CLICK_PIVOTS;
        String pivot = raw.getOrDefault("pivot", pivots.keySet().iterator().next());
        if (!pivots.containsKey(pivot)) {
            errors.put("pivot", "'" + pivot + "' is not a chart pivot of this view; use " + String.join(", ", pivots.keySet()));
            pivot = pivots.keySet().iterator().next();
        }
        int page = 1;
        if (raw.containsKey("page")) {
            try {
                page = Math.max(1, Math.min(4_000, Integer.parseInt(raw.get("page"))));
            } catch (NumberFormatException e) {
                errors.put("page", "'" + raw.get("page") + "' is not a page number");
            }
        }
        for (String f : List.of("sender", "recipient", "senderDomain", "subject", "threat", "url")) {
            if (raw.getOrDefault(f, "").length() > 300) {
                errors.put(f, "is longer than 300 characters");
                raw.put(f, raw.get(f).substring(0, 300));
            }
        }
        return new ExplorerForm(view, from, to, lower(raw.get("sender")), lower(raw.get("recipient")), lower(raw.get("senderDomain")),
                lower(raw.get("subject")), raw.get("deliveryAction"), raw.get("location"), lower(raw.get("threat")), raw.get("direction"),
                lower(raw.get("url")), pivot, page, java.util.Collections.unmodifiableMap(raw), java.util.Collections.unmodifiableMap(errors));
    }

    public String value(String field) {
        return raw.getOrDefault(field, "");
    }

    /** This form's query string without {@code page} (and without {@code skip}), for links and exports. */
    public String query(String... skip) {
        StringBuilder sb = new StringBuilder();
        List<String> omit = List.of(skip);
        raw.forEach((k, v) -> {
            if (!k.equals("page") && !k.equals("_csrf") && !k.startsWith("sel") && !omit.contains(k) && FIELDS.contains(k)) {
                sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }

    static final List<String> FIELDS = List.of("view", "from", "to", "sender", "recipient", "senderDomain", "subject", "deliveryAction", "location",
            "threat", "direction", "url", "pivot");

    private static LocalDate date(Map<String, String> raw, String field, LocalDate fallback, Map<String, String> errors) {
        String v = raw.get(field);
        if (v == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(field, "'" + v + "' is not a date (YYYY-MM-DD)");
            return fallback;
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
