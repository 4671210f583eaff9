package dev.rampart.portal.hunting;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.BuiltInRole;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.hunting.HuntingRuns.Run;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The query resources report: hunting runs of the last 30 days with the CPU they used, per-day average and highest
 * use. Global and security administrators and security readers see everyone's runs, as in the reference (no
 * permission of the catalogue singles them out: operators and global readers hold the same read permissions);
 * anybody else sees only their own.
 */
@Service
public class QueryResources {
    public static final int DAYS = HuntingRuns.KEEP_DAYS;
    public static final int PAGE_SIZE = 50;
    public static final List<String> INTERFACES = List.of(HuntingRuns.PORTAL, HuntingRuns.DETECTION, HuntingRuns.API);

    /** One table row, formatted for the page. */
    public record Row(Run run, String iface, String usage, String cpu, String queryTime, String timeRange) {
    }

    /** Average and highest CPU (ms) per run, per UTC day, oldest first. */
    public record Daily(List<String> dates, List<Long> average, List<Long> highest, List<Long> runs) {
    }

    /** {@code quota}: the signed-in user's own standing (budgets and use); {@code quotaMessage} its warning or refusal. */
    public record Report(boolean everyone, String iface, List<Row> rows, int page, int pages, long total, Daily daily, String quota,
                         String quotaMessage) {
    }

    private final HuntingRuns runs;
    private final HuntingQuota quota;
    private final AccessPolicy access;

    QueryResources(HuntingRuns runs, HuntingQuota quota, AccessPolicy access) {
        this.runs = runs;
        this.quota = quota;
        this.access = access;
    }

    /** @param iface one of {@link #INTERFACES} or null for all; @param page 1-based */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Report report(String iface, int page) {
        String only = visibleUser();
        String i = iface != null && INTERFACES.contains(iface) ? iface : null;
        Instant from = firstDay().atStartOfDay().toInstant(ZoneOffset.UTC);
        long total = runs.count(only, i, from);
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int p = Math.min(Math.max(1, page), pages);
        List<Row> rows = runs.runs(only, i, from, (p - 1) * PAGE_SIZE, PAGE_SIZE).stream().map(this::row).toList();
        String me = SecurityContextHolder.getContext().getAuthentication().getName();
        Instant now = Instant.now();
        QuotaPolicy policy = quota.policy();
        String standing = "Your CPU quota: " + QuotaPolicy.cpu(policy.per15Minutes()) + " per 15 minutes, " + QuotaPolicy.cpu(policy.perDay())
                + " per day (UTC). Used: " + QuotaPolicy.cpu(runs.cpuSince(me, QuotaPolicy.Cycle.QUARTER_HOUR.start(now)))
                + " this 15-minute cycle, " + QuotaPolicy.cpu(runs.cpuSince(me, QuotaPolicy.Cycle.DAY.start(now))) + " today.";
        return new Report(only == null, i, rows, p, pages, total, daily(runs.uses(only, i, from)), standing, quota.status(me).message());
    }

    /** The text of a run the current user may see, for "Open in query editor". */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Optional<String> query(long runId) {
        return runs.queryOf(runId, visibleUser());
    }

    /** Null when the current user sees everyone's runs, else their own user name. */
    private String visibleUser() {
        return access.holdsAny(BuiltInRole.GLOBAL_ADMINISTRATOR, BuiltInRole.SECURITY_ADMINISTRATOR, BuiltInRole.SECURITY_READER) ? null : SecurityContextHolder.getContext().getAuthentication().getName();
    }

    private Row row(Run r) {
        return new Row(r, label(r.iface()), quota.policy().usageLevel(Duration.ofMillis(r.cpuMs())), QuotaPolicy.cpu(Duration.ofMillis(r.cpuMs())),
                QuotaPolicy.cpu(Duration.ofMillis(r.durationMs())), timeRange(r.timespan()));
    }

    public static String label(String iface) {
        return switch (iface) {
            case HuntingRuns.PORTAL -> "Portal";
            case HuntingRuns.API -> "API";
            case HuntingRuns.DETECTION -> "Custom detection";
            default -> iface;
        };
    }

    private static LocalDate firstDay() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(DAYS - 1L);
    }

    static Daily daily(List<HuntingRuns.Use> uses) {
        LocalDate first = firstDay();
        long[] sum = new long[DAYS];
        long[] max = new long[DAYS];
        long[] n = new long[DAYS];
        for (HuntingRuns.Use u : uses) {
            int d = (int) (LocalDate.ofInstant(u.ranAt(), ZoneOffset.UTC).toEpochDay() - first.toEpochDay());
            if (d >= 0 && d < DAYS) {
                sum[d] += u.cpuMs();
                max[d] = Math.max(max[d], u.cpuMs());
                n[d]++;
            }
        }
        List<String> dates = new ArrayList<>();
        List<Long> avg = new ArrayList<>();
        List<Long> high = new ArrayList<>();
        List<Long> count = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            dates.add(first.plusDays(d).toString());
            avg.add(n[d] == 0 ? 0 : Math.round((double) sum[d] / n[d]));
            high.add(max[d]);
            count.add(n[d]);
        }
        return new Daily(dates, avg, high, count);
    }

    /** "P7D" → "7 days", "PT1H" → "1 hour", none → the 30-day default; anything else as written. */
    static String timeRange(String timespan) {
        if (timespan == null || timespan.isBlank()) {
            return "30 days (default)";
        }
        try {
            if (timespan.startsWith("PT")) {
                Duration d = Duration.parse(timespan);
                return d.toDays() > 0 && d.toHoursPart() == 0 ? plural(d.toDays(), "day")
                        : d.toMinutesPart() == 0 ? plural(d.toHours(), "hour") : plural(d.toMinutes(), "minute");
            }
            Period p = Period.parse(timespan);
            if (p.getMonths() == 0 && p.getYears() == 0) {
                return plural(p.getDays(), "day");
            }
        } catch (java.time.format.DateTimeParseException notSimple) {
            // an explicit start/end window: show it as written
        }
        return timespan;
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
