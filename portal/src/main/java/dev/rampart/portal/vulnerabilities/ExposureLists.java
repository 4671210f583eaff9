package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.EventFilters;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.entities.EventSql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The vulnerability-management lists: weaknesses (CVEs on devices), the software inventory and the security
 * recommendations (software updates and configuration changes), from the DeviceTvm* tables. Counts cover only the
 * caller's visible devices; a weakness, software or recommendation no visible device has is not listed.
 */
@Service
public class ExposureLists {
    public static final int PAGE_SIZE = 50;
    /** Rows an export holds at most. */
    public static final int MAX_EXPORT = 10_000;
    public static final List<String> SEVERITIES = List.of("Critical", "High", "Medium", "Low");

    private final EventSql sql;
    private final DataScopes scopes;

    ExposureLists(EventSql sql, DataScopes scopes) {
        this.sql = sql;
        this.scopes = scopes;
    }

    /** One page of a list; {@code total} counts every matching item. */
    public record Page<T>(List<T> items, long total, int page, int pageSize) {
        public boolean more() {
            return (long) (page + 1) * pageSize < total;
        }

        public long first() {
            return total == 0 ? 0 : (long) page * pageSize + 1;
        }

        public long last() {
            return Math.min(total, (long) (page + 1) * pageSize);
        }
    }

    public record Weakness(String cveId, String severity, String cvss, boolean exploit, Instant published, long exposed, String software) {
    }

    public record InstalledSoftware(String vendor, String name, long installed, long versions, long exposed, long weaknesses, boolean exploit,
                                    String endOfSupport) {
    }

    public record RecommendationRow(String id, String kind, String title, String category, long exposed, long weaknesses, boolean exploit,
                                    Double impact) {
    }

    /** Sort keys offered per list, the first the default (descending). */
    public static final Map<String, List<String>> SORTS = Map.of(
            "weaknesses", List.of("exposed", "cvss", "published", "cve"),
            "software", List.of("exposed", "installed", "weaknesses", "name"),
            "recommendations", List.of("exposed", "weaknesses", "name"));

    /**
     * CVEs on at least one visible device. {@code q} matches the CVE id or the affected software (case-insensitive);
     * {@code severity} one of {@link #SEVERITIES} or blank; {@code exploit} only those with a known exploit.
     */
    public Page<Weakness> weaknesses(String q, String severity, boolean exploit, String sort, boolean desc, int page) {
        EventFilters f = scopes.eventFilters();
        List<Object> p = new ArrayList<>();
        String vul = f.from("DeviceTvmSoftwareVulnerabilities", p);
        String kb = f.from("DeviceTvmSoftwareVulnerabilitiesKB", p);
        String base = "WITH v AS (SELECT CveId, count(DISTINCT DeviceId) exposed, any_value(VulnerabilitySeverityLevel) sev, "
                + "string_agg(DISTINCT SoftwareVendor || ' ' || SoftwareName, ', ' ORDER BY SoftwareVendor || ' ' || SoftwareName) sw FROM " + vul
                + " x GROUP BY CveId), k AS (SELECT CveId, any_value(VulnerabilitySeverityLevel) sev, any_value(CvssScore) cvss, "
                + "bool_or(IsExploitAvailable) exploit, max(PublishedDate) pub FROM " + kb + " y GROUP BY CveId), "
                + "w AS (SELECT v.CveId, coalesce(k.sev, v.sev) sev, k.cvss, coalesce(k.exploit, false) exploit, k.pub, v.exposed, v.sw "
                + "FROM v LEFT JOIN k ON k.CveId = v.CveId) SELECT * FROM w WHERE TRUE";
        StringBuilder where = new StringBuilder();
        if (q != null && !q.isBlank()) {
            where.append(" AND (lower(CveId) LIKE ? ESCAPE '\\' OR lower(sw) LIKE ? ESCAPE '\\')");
            String like = like(q);
            p.add(like);
            p.add(like);
        }
        if (severity != null && SEVERITIES.contains(severity)) {
            where.append(" AND lower(sev) = ?");
            p.add(severity.toLowerCase(Locale.ROOT));
        }
        if (exploit) {
            where.append(" AND exploit");
        }
        String order = switch (sort) {
            case "cvss" -> "try_cast(cvss AS DOUBLE)";
            case "published" -> "pub";
            case "cve" -> "CveId";
            default -> "exposed";
        };
        String sqlText = base + where;
        long total = sql.count("SELECT count(*) FROM (" + sqlText + ")", p.toArray());
        page = clamp(page, total);
        List<Weakness> items = sql.rows(sqlText + " ORDER BY " + order + (desc ? " DESC" : " ASC") + " NULLS LAST, CveId LIMIT " + PAGE_SIZE
                        + " OFFSET " + (long) page * PAGE_SIZE, p.toArray())
                .stream().map(r -> new Weakness(r.str(0), r.str(1), r.str(2), Boolean.TRUE.equals(r.values()[3]), r.time(4), r.num(5), r.str(6)))
                .toList();
        return new Page<>(items, total, page, PAGE_SIZE);
    }

    /** {@code page} within 0 and the last page of {@code total} items. */
    private static int clamp(int page, long total) {
        return (int) Math.max(0, Math.min(page, (total - 1) / PAGE_SIZE));
    }

    /** Software installed on visible devices, with how many of them run a vulnerable version. */
    public Page<InstalledSoftware> software(String q, boolean vulnerableOnly, String sort, boolean desc, int page) {
        EventFilters f = scopes.eventFilters();
        List<Object> p = new ArrayList<>();
        String inv = f.from("DeviceTvmSoftwareInventory", p);
        String vul = f.from("DeviceTvmSoftwareVulnerabilities", p);
        String kb = f.from("DeviceTvmSoftwareVulnerabilitiesKB", p);
        String base = "WITH i AS (SELECT SoftwareVendor, SoftwareName, count(DISTINCT DeviceId) installed, count(DISTINCT SoftwareVersion) versions, "
                + "max(EndOfSupportStatus) eos FROM " + inv + " x GROUP BY 1, 2), "
                + "v AS (SELECT x.SoftwareVendor, x.SoftwareName, count(DISTINCT x.DeviceId) exposed, count(DISTINCT x.CveId) weaknesses, "
                + "coalesce(bool_or(y.IsExploitAvailable), false) exploit FROM " + vul + " x LEFT JOIN " + kb + " y ON y.CveId = x.CveId GROUP BY 1, 2) "
                + "SELECT i.SoftwareVendor, i.SoftwareName, i.installed, i.versions, coalesce(v.exposed, 0) exposed, coalesce(v.weaknesses, 0) weaknesses, "
                + "coalesce(v.exploit, false), i.eos FROM i LEFT JOIN v ON v.SoftwareVendor = i.SoftwareVendor AND v.SoftwareName = i.SoftwareName WHERE TRUE";
        StringBuilder where = new StringBuilder();
        if (q != null && !q.isBlank()) {
            where.append(" AND replace(lower(i.SoftwareVendor || ' ' || i.SoftwareName), '_', ' ') LIKE ? ESCAPE '\\'");
            p.add(like(q.replace('_', ' ')));
        }
        if (vulnerableOnly) {
            where.append(" AND coalesce(v.exposed, 0) > 0");
        }
        String order = switch (sort) {
            case "installed" -> "installed";
            case "weaknesses" -> "weaknesses";
            case "name" -> "i.SoftwareVendor || ' ' || i.SoftwareName";
            default -> "exposed";
        };
        String sqlText = base + where;
        long total = sql.count("SELECT count(*) FROM (" + sqlText + ")", p.toArray());
        page = clamp(page, total);
        List<InstalledSoftware> items = sql.rows(sqlText + " ORDER BY " + order + (desc ? " DESC" : " ASC") + ", installed DESC, 1, 2 LIMIT " + PAGE_SIZE
                        + " OFFSET " + (long) page * PAGE_SIZE, p.toArray())
                .stream().map(r -> new InstalledSoftware(r.str(0), r.str(1), r.num(2), r.num(3), r.num(4), r.num(5), Boolean.TRUE.equals(r.values()[6]),
                        r.str(7)))
                .toList();
        return new Page<>(items, total, page, PAGE_SIZE);
    }

    /**
     * Security recommendations: one software update per vulnerable software, one configuration change per check that
     * visible devices fail. {@code kind}: {@code software}, {@code config} or blank for both.
     */
    public Page<RecommendationRow> recommendations(String q, String kind, String sort, boolean desc, int page) {
        EventFilters f = scopes.eventFilters();
        List<RecommendationRow> all = new ArrayList<>();
        if (!"config".equals(kind)) {
            List<Object> p = new ArrayList<>();
            String vul = f.from("DeviceTvmSoftwareVulnerabilities", p);
            String kb = f.from("DeviceTvmSoftwareVulnerabilitiesKB", p);
            for (Row r : sql.rows("SELECT x.SoftwareVendor, x.SoftwareName, count(DISTINCT x.DeviceId), count(DISTINCT x.CveId), "
                    + "coalesce(bool_or(y.IsExploitAvailable), false) FROM " + vul + " x LEFT JOIN " + kb + " y ON y.CveId = x.CveId GROUP BY 1, 2",
                    p.toArray())) {
                all.add(new RecommendationRow(VulnerabilityLinks.softwareRecommendationId(r.str(0), r.str(1)), "Software update",
                        "Update " + VulnerabilityLinks.pretty(r.str(0), r.str(1)), "Application", r.num(2), r.num(3),
                        Boolean.TRUE.equals(r.values()[4]), null));
            }
        }
        if (!"software".equals(kind)) {
            List<Object> p = new ArrayList<>();
            String assess = f.from("DeviceTvmSecureConfigurationAssessment", p);
            String kb = f.from("DeviceTvmSecureConfigurationAssessmentKB", p);
            for (Row r : sql.rows("WITH l AS (SELECT DeviceId, ConfigurationId, arg_max(IsApplicable, Timestamp) applicable, "
                    + "arg_max(IsCompliant, Timestamp) compliant FROM " + assess + " x GROUP BY 1, 2), "
                    + "e AS (SELECT ConfigurationId, count(*) FILTER (WHERE applicable AND NOT compliant) exposed FROM l GROUP BY 1), "
                    + "k AS (SELECT ConfigurationId, any_value(ConfigurationName) n, any_value(ConfigurationCategory) c, "
                    + "max(ConfigurationImpact) i FROM " + kb + " y GROUP BY 1) "
                    + "SELECT e.ConfigurationId, coalesce(k.n, e.ConfigurationId), k.c, e.exposed, k.i FROM e LEFT JOIN k ON k.ConfigurationId = e.ConfigurationId "
                    + "WHERE e.exposed > 0", p.toArray())) {
                all.add(new RecommendationRow(VulnerabilityLinks.configRecommendationId(r.str(0)), "Configuration change", r.str(1),
                        r.str(2) == null ? "Configuration" : r.str(2), r.num(3), 0, false, r.values()[4] instanceof Number n ? n.doubleValue() : null));
            }
        }
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        Comparator<RecommendationRow> by = switch (sort) {
            case "weaknesses" -> Comparator.comparingLong(RecommendationRow::weaknesses);
            case "name" -> Comparator.comparing((RecommendationRow r) -> r.title().toLowerCase(Locale.ROOT));
            default -> Comparator.comparingLong(RecommendationRow::exposed);
        };
        List<RecommendationRow> matching = all.stream()
                .filter(r -> needle.isEmpty() || r.title().toLowerCase(Locale.ROOT).contains(needle) || r.category().toLowerCase(Locale.ROOT).contains(needle))
                .sorted((desc ? by.reversed() : by).thenComparing(RecommendationRow::title))
                .toList();
        int p = clamp(page, matching.size());
        int from = p * PAGE_SIZE;
        return new Page<>(matching.subList(from, Math.min(matching.size(), from + PAGE_SIZE)), matching.size(), p, PAGE_SIZE);
    }

    private static String like(String q) {
        return "%" + q.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
