package dev.rampart.portal.response.investigation;

import dev.rampart.portal.response.ResponseAction;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Models and formatting of the investigation pages. */
public final class InvestigationViews {

    private InvestigationViews() {
    }

    public record ListPage(List<Investigation> items, InvestigationState state) {
        public boolean selected(InvestigationState s) {
            return s == state;
        }
    }

    public record DetailPage(Investigation investigation, List<Investigation.Entity> entities, List<ResponseAction> actions,
                             List<Investigation.LogEntry> log) {
        public long count(Verdict v) {
            return entities.stream().filter(e -> e.verdict() == v).count();
        }
    }

    public static String time(OffsetDateTime t) {
        return t == null ? "—" : dev.rampart.portal.web.DisplayZone.format(t, "yyyy-MM-dd HH:mm:ss") + " " + dev.rampart.portal.web.DisplayZone.label(t.toInstant());
    }

    /** Humanised run time; "running" while it has not ended. */
    public static String duration(Investigation i) {
        if (i.endedAt() == null) {
            return "not ended";
        }
        Duration d = Duration.between(i.startedAt(), i.endedAt());
        if (d.toSeconds() < 60) {
            return Math.max(0, d.toSeconds()) + " s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        return d.toHours() + " h " + d.toMinutesPart() + " min";
    }

    public static String actionLink(ResponseAction a) {
        return "/action-center/history?action=" + a.id();
    }
}
