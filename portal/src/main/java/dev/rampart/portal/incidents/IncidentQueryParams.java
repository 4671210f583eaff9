package dev.rampart.portal.incidents;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The incident queue's URL form: the URL is the source of truth for the filters, so bookmarks, shared links and
 * saved filter sets are all query strings. A missing {@code status} or {@code severity} parameter means the
 * queue's default; present but empty ({@code status=}) means "any". Values may repeat or be comma-separated;
 * unknown enum values are dropped, so an old bookmark filters less rather than failing.
 */
public final class IncidentQueryParams {
    static final int PAGE_SIZE = 50;
    private static final int MAX_VALUES = 50;

    private IncidentQueryParams() {
    }

    /** Reads a query from request parameters (name to values). */
    public static IncidentQuery parse(Map<String, List<String>> p) {
        IncidentQuery d = IncidentQuery.defaults();
        Set<IncidentStatus> st = p.containsKey("status") ? enums(p.get("status"), IncidentStatus::parse, IncidentStatus.class) : d.statuses();
        Set<Severity> sv = p.containsKey("severity") ? enums(p.get("severity"), Severity::parse, Severity.class) : d.severities();
        String assigned = first(p, "assigned");
        int page;
        try {
            page = Integer.parseInt(first(p, "page") == null ? "1" : first(p, "page"));
        } catch (NumberFormatException e) {
            page = 1;
        }
        Set<Long> groups = new LinkedHashSet<>();
        for (String g : strings(p.get("group"))) {
            try {
                groups.add(Long.parseLong(g));
            } catch (NumberFormatException ignored) {
                // a group id that is not a number names no group
            }
        }
        return new IncidentQuery(st, sv, assigned, enums(p.get("category"), Category::parse, Category.class), strings(p.get("service")),
                strings(p.get("detection")), strings(p.get("tag")), enums(p.get("classification"), Classification::parse, Classification.class),
                strings(p.get("entity")), groups, first(p, "q"), first(p, "sort") == null ? "lastUpdate" : first(p, "sort"),
                !"asc".equals(first(p, "dir")), page, PAGE_SIZE);
    }

    /** Reads a query from a raw (URL-encoded) query string, with or without the leading "?". */
    public static IncidentQuery parse(String queryString) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        String qs = queryString == null ? "" : queryString.startsWith("?") ? queryString.substring(1) : queryString;
        for (String pair : qs.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            p.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return parse(p);
    }

    /** The filters as a query string, without sort and page (for sort and paging links). */
    public static String filters(IncidentQuery q) {
        List<String> parts = new ArrayList<>();
        q.statuses().stream().sorted().forEach(s -> parts.add("status=" + s.graph()));
        if (q.statuses().isEmpty()) {
            parts.add("status=");
        }
        q.severities().stream().sorted().forEach(s -> parts.add("severity=" + s.graph()));
        if (q.severities().isEmpty()) {
            parts.add("severity=");
        }
        if (q.assignedTo() != null) {
            parts.add("assigned=" + IncidentViews.enc(q.assignedTo()));
        }
        q.categories().stream().sorted().forEach(c -> parts.add("category=" + c.graph()));
        q.serviceSources().stream().sorted().forEach(s -> parts.add("service=" + IncidentViews.enc(s)));
        q.detectionSources().stream().sorted().forEach(s -> parts.add("detection=" + IncidentViews.enc(s)));
        q.tags().stream().sorted().forEach(t -> parts.add("tag=" + IncidentViews.enc(t)));
        q.classifications().stream().sorted().forEach(c -> parts.add("classification=" + c.graph()));
        q.entities().stream().sorted().forEach(e -> parts.add("entity=" + IncidentViews.enc(e)));
        q.deviceGroups().stream().sorted().forEach(g -> parts.add("group=" + g));
        if (q.search() != null) {
            parts.add("q=" + IncidentViews.enc(q.search()));
        }
        return String.join("&", parts);
    }

    /** Filters plus sort (what a saved filter set keeps): the sort is left out when it is the default. */
    public static String saved(IncidentQuery q) {
        String f = filters(q);
        if (q.sort().equals("lastUpdate") && q.descending()) {
            return f;
        }
        return f + "&sort=" + q.sort() + "&dir=" + (q.descending() ? "desc" : "asc");
    }

    private static String first(Map<String, List<String>> p, String name) {
        List<String> v = p.get(name);
        return v == null || v.isEmpty() || v.get(0) == null || v.get(0).isBlank() ? null : v.get(0).strip();
    }

    private static Set<String> strings(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v == null ? new String[0] : v.split(",")) {
                    if (!part.isBlank() && out.size() < MAX_VALUES) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    private static <E extends Enum<E>> Set<E> enums(List<String> values, Function<String, E> parse, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        for (String v : strings(values)) {
            try {
                out.add(parse.apply(v));
            } catch (InvalidValueException ignored) {
                // an unknown value in a bookmarked URL filters nothing rather than failing the page
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
