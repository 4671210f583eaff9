package dev.rampart.portal.reports;

import java.time.Instant;
import java.util.List;

/**
 * Extension point for the incident and alert parts of reports. The incidents feature implements it as a
 * Spring bean; until one exists the reports show telemetry only (no placeholder figures).
 */
public interface ReportIncidentsProvider {
    /** Alerts and incidents created on one day, by severity name (High, Medium, Low, Informational). */
    record Day(String date, java.util.Map<String, Long> alertsBySeverity, long incidentsCreated, long incidentsResolved) {
    }

    /** A detection and how many alerts it raised in the range. */
    record TopDetection(String title, String severity, long alerts, String link) {
    }

    /** One entry per day from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    List<Day> daily(Instant from, Instant to);

    List<TopDetection> topDetections(Instant from, Instant to, int limit);
}
