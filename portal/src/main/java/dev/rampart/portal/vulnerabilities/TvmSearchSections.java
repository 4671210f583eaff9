package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.entities.EntitySearch.Result;
import dev.rampart.portal.entities.EventSql;
import dev.rampart.portal.entities.IndexedSection;
import dev.rampart.portal.entities.SearchIndex.Entry;
import dev.rampart.portal.entities.SearchIndex.Hit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Global-search sections for vulnerability management, indexed with the other entities from the DeviceTvm* tables:
 * vulnerabilities (CVE ids), software (vendor and product) and security recommendations (software updates and
 * configuration changes). Every hit is derived from devices, so a caller sees it only when a device of their scope
 * is concerned, and the device count it shows counts only those devices.
 */
@Configuration
class TvmSearchSections {
    static final String CVE = "vulnerability";
    static final String SOFTWARE = "software";
    static final String RECOMMENDATION = "recommendation";
    /** Upper bound per section, like the entity catalogue's. */
    static final int CAP = 200_000;
    private static final String PERMISSION = Permission.VULNERABILITY_MANAGEMENT_READ.name();

    @Bean
    IndexedSection cveSearchSection(EventSql sql) {
        return new Section(CVE, "Vulnerabilities", 51, () -> {
            Exposure exposure = new Exposure();
            List<Entry> entries = new ArrayList<>();
            for (EventSql.Row r : sql.rows("SELECT v.CveId, coalesce(any_value(k.VulnerabilitySeverityLevel), any_value(v.VulnerabilitySeverityLevel)), "
                    + "any_value(k.CvssScore), string_agg(DISTINCT v.SoftwareName, ', '), string_agg(DISTINCT v.DeviceId, ','), count(DISTINCT v.DeviceId) "
                    + "FROM DeviceTvmSoftwareVulnerabilities v LEFT JOIN DeviceTvmSoftwareVulnerabilitiesKB k ON k.CveId = v.CveId "
                    + "WHERE v.CveId IS NOT NULL GROUP BY v.CveId LIMIT ?", CAP)) {
                String detail = (r.str(1) == null ? "" : r.str(1)) + (r.str(2) == null ? "" : " · CVSS " + r.str(2)) + " · " + r.str(3);
                entries.add(new Entry(CVE, r.str(0), r.str(0), detail, r.num(5), PERMISSION));
                exposure.put(r.str(0), r.str(4));
            }
            return new Loaded(entries, exposure, (h, n) -> new Result(h.label(), h.detail() + " · " + devices(n), VulnerabilityLinks.cve(h.key())));
        });
    }

    @Bean
    IndexedSection softwareSearchSection(EventSql sql) {
        return new Section(SOFTWARE, "Software", 52, () -> {
            Exposure exposure = new Exposure();
            List<Entry> entries = new ArrayList<>();
            for (EventSql.Row r : sql.rows("SELECT i.SoftwareVendor, i.SoftwareName, count(DISTINCT i.SoftwareVersion), string_agg(DISTINCT i.DeviceId, ','), "
                    + "count(DISTINCT i.DeviceId), (SELECT count(DISTINCT CveId) FROM DeviceTvmSoftwareVulnerabilities v "
                    + "WHERE v.SoftwareVendor = i.SoftwareVendor AND v.SoftwareName = i.SoftwareName) "
                    + "FROM DeviceTvmSoftwareInventory i WHERE i.SoftwareName IS NOT NULL GROUP BY 1, 2 LIMIT ?", CAP)) {
                String key = r.str(0) + "/" + r.str(1);
                long cves = r.num(5);
                String detail = r.str(0) + " · " + r.num(2) + (r.num(2) == 1 ? " version" : " versions") + (cves > 0 ? " · " + cves + " weaknesses" : "");
                entries.add(new Entry(SOFTWARE, key, r.str(1), detail, r.num(4), PERMISSION));
                exposure.put(key, r.str(3));
            }
            return new Loaded(entries, exposure, (h, n) -> {
                int slash = h.key().indexOf('/');
                return new Result(h.label(), h.detail() + " · installed on " + devices(n),
                        VulnerabilityLinks.software(h.key().substring(0, slash), h.key().substring(slash + 1)));
            });
        });
    }

    @Bean
    IndexedSection recommendationSearchSection(EventSql sql) {
        return new Section(RECOMMENDATION, "Security recommendations", 53, () -> {
            Exposure exposure = new Exposure();
            List<Entry> entries = new ArrayList<>();
            for (EventSql.Row r : sql.rows("SELECT SoftwareVendor, SoftwareName, count(DISTINCT CveId), string_agg(DISTINCT DeviceId, ','), count(DISTINCT DeviceId) "
                    + "FROM DeviceTvmSoftwareVulnerabilities WHERE SoftwareName IS NOT NULL GROUP BY 1, 2 LIMIT ?", CAP)) {
                String id = VulnerabilityLinks.softwareRecommendationId(r.str(0), r.str(1));
                entries.add(new Entry(RECOMMENDATION, id, "Update " + VulnerabilityLinks.pretty(r.str(0), r.str(1)),
                        "Software update · " + r.str(1) + " · " + r.num(2) + " weaknesses", r.num(4), PERMISSION));
                exposure.put(id, r.str(3));
            }
            for (EventSql.Row r : sql.rows("SELECT a.ConfigurationId, any_value(k.ConfigurationName), any_value(a.ConfigurationCategory), "
                    + "any_value(a.ConfigurationSubcategory), string_agg(a.DeviceId, ',') FILTER (WHERE a.applicable AND NOT a.compliant), "
                    + "count(*) FILTER (WHERE a.applicable AND NOT a.compliant) FROM (SELECT DeviceId, ConfigurationId, any_value(ConfigurationCategory) ConfigurationCategory, "
                    + "any_value(ConfigurationSubcategory) ConfigurationSubcategory, arg_max(IsApplicable, Timestamp) applicable, arg_max(IsCompliant, Timestamp) compliant "
                    + "FROM DeviceTvmSecureConfigurationAssessment GROUP BY 1, 2) a LEFT JOIN DeviceTvmSecureConfigurationAssessmentKB k ON k.ConfigurationId = a.ConfigurationId "
                    + "GROUP BY 1 HAVING count(*) FILTER (WHERE a.applicable AND NOT a.compliant) > 0 LIMIT ?", CAP)) {
                String id = VulnerabilityLinks.configRecommendationId(r.str(0));
                entries.add(new Entry(RECOMMENDATION, id, r.str(1) == null ? r.str(0) : r.str(1),
                        "Configuration change · " + r.str(2) + (r.str(3) == null ? "" : " › " + r.str(3)) + " · " + r.str(0), r.num(5), PERMISSION));
                exposure.put(id, r.str(4));
            }
            return new Loaded(entries, exposure, (h, n) -> new Result(h.label(), h.detail() + " · " + devices(n) + " exposed",
                    VulnerabilityLinks.recommendation(h.key())));
        });
    }

    static String devices(long n) {
        return n + (n == 1 ? " device" : " devices");
    }

    /** One build's entries with the devices behind each. */
    private record Loaded(List<Entry> entries, Exposure exposure, BiFunction<Hit, Long, Result> show) implements IndexedSection.Build {
        @Override
        public Optional<Result> present(Hit hit, DeviceFilter devices) {
            long n = exposure.visible(hit.key(), devices);
            return n == 0 ? Optional.empty() : Optional.of(show.apply(hit, n));
        }
    }

    private record Section(String type, String title, int position, java.util.function.Supplier<Loaded> loader) implements IndexedSection {
        @Override
        public Build load() {
            return loader.get();
        }
    }
}
