package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.EventFilters;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.entities.EventSql.Row;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Secure Score for devices, from the secure-configuration assessments of the caller's visible devices. Each
 * configuration check is a recommended action worth its impact (0–10) in points, earned in proportion to the
 * applicable devices that comply (8 of 10 compliant devices earn 80 % of the points); the score is the points achieved
 * over the points possible. A device counts with its latest assessment of each check made in the week before (now, or
 * each day of the history): a device that stopped reporting drops out rather than counting forever. A device an
 * active exception covers for third-party control or alternate mitigation counts as compliant in the current score
 * (the history keeps what was measured).
 */
@Service
public class SecureScore {
    /** How far back a device's last assessment still counts for a day of the history. */
    static final int STALE_DAYS = 7;

    private final EventSql sql;
    private final DataScopes scopes;
    private final RecommendationExceptions exceptions;

    SecureScore(EventSql sql, DataScopes scopes, RecommendationExceptions exceptions) {
        this.sql = sql;
        this.scopes = scopes;
        this.exceptions = exceptions;
    }

    /** One recommended action: a configuration check with its points. */
    public record Action(String configurationId, String title, String category, double maxPoints, double points, long applicable,
                         long compliant) {
        public boolean completed() {
            return compliant == applicable;
        }

        public double remaining() {
            return maxPoints - points;
        }
    }

    public record Category(String name, double points, double maxPoints) {
        public double percent() {
            return maxPoints == 0 ? 0 : 100 * points / maxPoints;
        }
    }

    public record Day(LocalDate day, double points, double maxPoints) {
        public double percent() {
            return maxPoints == 0 ? 0 : 100 * points / maxPoints;
        }
    }

    public record Score(double points, double maxPoints, long devices, List<Action> actions, List<Category> categories, List<Day> history) {
        public double percent() {
            return maxPoints == 0 ? 0 : 100 * points / maxPoints;
        }

        public long toAddress() {
            return actions.stream().filter(a -> !a.completed()).count();
        }
    }

    private static Object[] withMitigated(List<Object> params, DeviceFilter.Sql mitigated) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(mitigated.params());
        return all.toArray();
    }

    /** The current score and the last {@code days} days of history. */
    public Score current(int days) {
        EventFilters f = scopes.eventFilters(dev.rampart.portal.access.Permission.EXPOSURE_MANAGEMENT_READ);
        List<Object> p = new ArrayList<>();
        String assess = f.from("DeviceTvmSecureConfigurationAssessment", p);
        String kb = f.from("DeviceTvmSecureConfigurationAssessmentKB", p);
        List<Action> actions = new ArrayList<>();
        // Devices an exception covers for a mitigating reason (third-party control, alternate mitigation) earn the points.
        DeviceFilter.Sql mitigated = exceptions.mitigated("l.ConfigurationId", "l.DeviceId");
        // As each day of the history counts them: a device's latest assessment of the last week.
        for (Row r : sql.rows("WITH l AS (SELECT DeviceId, ConfigurationId, arg_max(IsApplicable, Timestamp) app, arg_max(IsCompliant, Timestamp) comp "
                + "FROM " + assess + " a WHERE Timestamp >= now() - INTERVAL " + STALE_DAYS + " DAY GROUP BY 1, 2), "
                + "k AS (SELECT ConfigurationId, any_value(ConfigurationName) n, any_value(ConfigurationCategory) c, max(ConfigurationImpact) i FROM " + kb
                + " b GROUP BY 1) "
                + "SELECT l.ConfigurationId, coalesce(k.n, l.ConfigurationId), coalesce(k.c, 'Other'), coalesce(k.i, 0), "
                + "count(*) FILTER (WHERE app), count(*) FILTER (WHERE app AND (comp OR " + mitigated.sql() + ")) FROM l LEFT JOIN k ON k.ConfigurationId = l.ConfigurationId "
                + "GROUP BY 1, 2, 3, 4 HAVING count(*) FILTER (WHERE app) > 0", withMitigated(p, mitigated))) {
            double max = r.values()[3] instanceof Number n ? n.doubleValue() : 0;
            long applicable = r.num(4);
            long compliant = r.num(5);
            actions.add(new Action(r.str(0), r.str(1), r.str(2), max, max * compliant / applicable, applicable, compliant));
        }
        actions.sort((a, b) -> a.remaining() != b.remaining() ? Double.compare(b.remaining(), a.remaining()) : a.title().compareTo(b.title()));
        Map<String, double[]> byCategory = new LinkedHashMap<>();
        actions.stream().sorted((a, b) -> a.category().compareTo(b.category())).forEach(a -> {
            double[] c = byCategory.computeIfAbsent(a.category(), k -> new double[2]);
            c[0] += a.points();
            c[1] += a.maxPoints();
        });
        List<Category> categories = byCategory.entrySet().stream().map(e -> new Category(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        List<Object> dp = new ArrayList<>();
        dp.add(LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L));
        dp.add(LocalDate.now(ZoneOffset.UTC).plusDays(1));
        // Parameters in the order their markers appear: the days, the assessments' scope, their cutoff, the knowledge base's scope.
        String assess2 = f.from("DeviceTvmSecureConfigurationAssessment", dp);
        // One row per device, check and day first (a sensor may report many times a day), then each history day takes
        // the latest of the week before it; only assessments that can count for the window are read.
        dp.add(LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L + STALE_DAYS));
        String kb2 = f.from("DeviceTvmSecureConfigurationAssessmentKB", dp);
        List<Day> history = sql.rows("WITH days AS (SELECT CAST(d AS DATE) sday FROM range(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 DAY) t(d)), "
                        + "daily AS (SELECT DeviceId, ConfigurationId, CAST(Timestamp AS DATE) aday, arg_max(IsApplicable, Timestamp) app, "
                        + "arg_max(IsCompliant, Timestamp) comp, max(Timestamp) ts FROM " + assess2 + " a WHERE Timestamp >= CAST(? AS DATE) GROUP BY 1, 2, 3), "
                        + "l AS (SELECT sday, DeviceId, ConfigurationId, arg_max(app, ts) app, arg_max(comp, ts) comp "
                        + "FROM days JOIN daily ON aday <= sday AND aday > sday - " + STALE_DAYS + " GROUP BY 1, 2, 3), "
                        + "per AS (SELECT sday, ConfigurationId, count(*) FILTER (WHERE app) n, count(*) FILTER (WHERE app AND comp) c FROM l GROUP BY 1, 2), "
                        + "k AS (SELECT ConfigurationId, max(ConfigurationImpact) i FROM " + kb2 + " b GROUP BY 1) "
                        + "SELECT sday, sum(coalesce(k.i, 0) * c / n), sum(coalesce(k.i, 0)) FROM per LEFT JOIN k ON k.ConfigurationId = per.ConfigurationId "
                        + "WHERE n > 0 GROUP BY sday ORDER BY sday", dp.toArray())
                .stream().map(r -> new Day(LocalDate.parse(r.str(0)), ((Number) r.values()[1]).doubleValue(), ((Number) r.values()[2]).doubleValue()))
                .toList();
        List<Object> cp = new ArrayList<>();
        long devices = sql.count("SELECT count(DISTINCT DeviceId) FROM " + f.from("DeviceTvmSecureConfigurationAssessment", cp) + " a"
                + " WHERE Timestamp >= now() - INTERVAL " + STALE_DAYS + " DAY", cp.toArray());
        double points = actions.stream().mapToDouble(Action::points).sum();
        double max = actions.stream().mapToDouble(Action::maxPoints).sum();
        return new Score(points, max, devices, actions, categories, history);
    }
}
