package dev.rampart.portal.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The alert queue's filters as the page sends them. Without a {@code status} parameter the queue shows New and In
 * progress alerts; with one, the statuses listed (none valid: any). Values that name nothing are ignored, and a
 * {@code days} of 0 means any time.
 */
public record AlertQueueForm(List<String> status, List<String> severity, String category, List<String> service, List<String> detection, String assigned,
                      String entity, String q, Integer days, String detector, String technique, Integer page) {
    static final int PAGE_SIZE = 50;

    public AlertQueueForm {
        severity = severity == null ? List.of() : severity;
        service = service == null ? List.of() : service.stream().filter(s -> s != null && !s.isBlank()).toList();
        detection = detection == null ? List.of() : detection.stream().filter(s -> s != null && !s.isBlank()).toList();
        category = blank(category) ? "" : category.strip();
        assigned = blank(assigned) ? "" : assigned.strip();
        entity = blank(entity) ? "" : entity.strip();
        q = blank(q) ? "" : q.strip();
        days = days == null || days < 0 ? 7 : days;
        detector = blank(detector) ? "" : detector.strip();
        technique = blank(technique) ? "" : technique.strip();
        page = page == null ? 1 : Math.max(1, page);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public Set<AlertStatus> statuses() {
        if (status == null) {
            return Set.of(AlertStatus.NEW, AlertStatus.IN_PROGRESS);
        }
        Set<AlertStatus> out = new LinkedHashSet<>();
        for (String s : status) {
            for (AlertStatus a : AlertStatus.values()) {
                if (a.graph().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    public Set<Severity> severities() {
        Set<Severity> out = new LinkedHashSet<>();
        for (String s : severity) {
            for (Severity v : Severity.values()) {
                if (v.graph().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    Set<Category> categories() {
        for (Category c : Category.values()) {
            if (c.graph().equalsIgnoreCase(category)) {
                return Set.of(c);
            }
        }
        return Set.of();
    }

    /** The query for page {@code page} of {@code size} rows; {@code me} is the signed-in user, for "assigned to me". */
    AlertQuery query(String me, int page, int size) {
        return query(me, null, page, size);
    }

    /** As {@link #query(String, int, int)}, for alerts created before {@code until}. */
    AlertQuery query(String me, Instant until, int page, int size) {
        String who = assigned.equals("me") ? me : assigned;
        return new AlertQuery(statuses(), severities(), categories(), who.isEmpty() ? null : who, detector.isEmpty() ? null : detector,
                q.isEmpty() ? null : q, days > 0 ? Instant.now().minus(Duration.ofDays(days)) : null, Set.copyOf(service), Set.copyOf(detection),
                entity.isEmpty() ? null : entity, until, technique.isEmpty() ? null : technique, page, size);
    }

    /** The filters as a query string (without the page), for paging and export links. */
    String queryString() {
        List<String> parts = new ArrayList<>();
        if (status != null) {
            if (status.isEmpty() || statuses().isEmpty()) {
                parts.add("status=");
            }
            statuses().forEach(s -> parts.add("status=" + s.graph()));
        }
        severities().forEach(s -> parts.add("severity=" + s.graph()));
        add(parts, "category", category);
        service.forEach(s -> add(parts, "service", s));
        detection.forEach(s -> add(parts, "detection", s));
        add(parts, "assigned", assigned);
        add(parts, "entity", entity);
        add(parts, "q", q);
        parts.add("days=" + days);
        add(parts, "detector", detector);
        add(parts, "technique", technique);
        return String.join("&", parts);
    }

    /** Whether the status checkbox for {@code s} is ticked. */
    public boolean shows(AlertStatus s) {
        return statuses().contains(s);
    }

    private static void add(List<String> parts, String name, String value) {
        if (!value.isEmpty()) {
            parts.add(name + "=" + IncidentViews.enc(value));
        }
    }
}
